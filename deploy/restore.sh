#!/usr/bin/env bash
# Restore a deploy/backup.sh archive into a database (an empty one, or one to replace).
#   deploy/restore.sh BACKUP_FILE TARGET_DATABASE_URL
# Stop the API processes and workers first. Afterwards run `govgraph migrate` (a newer code
# release brings the schema up) and `govgraph bi-role` again (grants are not in the backup).
set -euo pipefail
file="${1:?give the backup file}"
url="${2:?give the target database URL}"
url="${url/postgresql+asyncpg:/postgresql:}"
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
  --single-transaction --dbname="$url" "$file"
echo "restored $file"
