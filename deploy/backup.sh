#!/usr/bin/env bash
# Back up govgraph's PostgreSQL database with pg_dump (custom format, compressed).
#   deploy/backup.sh [OUTPUT_FILE]            # DATABASE_URL from the environment
# Keep the media store too (MEDIA_DIR: photos and videos), e.g. `tar czf media.tgz -C $MEDIA_DIR .`
set -euo pipefail
url="${DATABASE_URL:?set DATABASE_URL (as in /etc/govgraph/govgraph.env)}"
url="${url/postgresql+asyncpg:/postgresql:}"       # SQLAlchemy's URL to libpq's
out="${1:-govgraph-$(date -u +%Y%m%dT%H%M%SZ).dump}"
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$out" "$url"
pg_restore --list "$out" > /dev/null                # the archive reads back
echo "$out"
