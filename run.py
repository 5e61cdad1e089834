#!/usr/bin/env python3
"""govgraph's two commands, for a fresh machine with only Python 3.11+.

    python3 run.py serve    # install, load the demo province (once), serve on :8000
    python3 run.py test     # install, run the test suite (SQLite; add --postgres for PostgreSQL)

Everything is installed into ./.venv from the hash-pinned requirements.lock.
Other arguments after the command are passed on (to `govgraph serve` or to pytest).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("GOVGRAPH_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".govgraph-installed"
GRAPHIQL = ROOT / "govgraph" / "static" / "graphiql"  # npm packages of the in-browser IDE


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_installed() -> None:
    """Create .venv and install the locked dependencies and govgraph itself (once per lock)."""
    if not PYTHON.exists():
        print(f"Creating virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    print("Installing locked dependencies (first run: a few minutes, ~330 MB) ...", flush=True)
    subprocess.run([*pip, "install", "--require-hashes", "-r", str(LOCK)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(_fingerprint())


def ensure_graphiql() -> None:
    """Install GraphiQL's pinned npm packages (served by govgraph itself, no CDN) when npm
    is there and the lock changed; without npm the IDE page says how to install them."""
    lock = GRAPHIQL / "package-lock.json"
    installed = GRAPHIQL / "node_modules" / ".package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: GraphiQL is not installed (the API works without it).")
        return
    print("Installing GraphiQL's npm packages ...", flush=True)
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=GRAPHIQL, check=False)
    if done.returncode != 0:
        print("npm ci failed: GraphiQL is not installed (the API works without it).")


def main() -> int:
    """Dispatch `serve` or `test`."""
    if len(sys.argv) < 2 or sys.argv[1] not in ("serve", "test", "install"):
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    ensure_installed()
    ensure_graphiql()
    os.chdir(ROOT)
    govgraph = str(BIN / "govgraph")
    if command == "install":
        return 0
    if command == "serve":
        subprocess.run([govgraph, "demo-data", "--if-empty"], check=True)
        return subprocess.call([govgraph, "serve", *rest])
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main())
