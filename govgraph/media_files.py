"""The media store's files: a body streamed into a partial file in MEDIA_DIR, checked and
measured on the way, then moved into place under its key in one rename."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import anyio

from domain.reflections.uploads import HEAD_BYTES, is_key

PARTIAL = ".partial"
"""The subdirectory of partial files (same file system, so the final rename is atomic)."""


class TooLarge(Exception):
    """The body went over the limit; nothing was kept."""


@dataclass(frozen=True)
class Received:
    """A body written to a partial file."""

    path: Path
    size: int
    sha256: str


def path_of(directory: Path, key: str) -> Path:
    """Where the file of `key` lives (keys are checked: no way out of the directory)."""
    if not is_key(key):
        raise ValueError("not a media key")
    return directory / key


def _partial_file(directory: Path) -> Path:
    partial = directory / PARTIAL
    partial.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=partial, prefix="upload-")
    os.close(handle)
    return Path(name)


async def receive(
    chunks: AsyncIterator[bytes], directory: Path, limit: int, check_head: Callable[[bytes], None]
) -> Received:
    """Stream `chunks` into a partial file: TooLarge as soon as `limit` is passed,
    `check_head` on the first HEAD_BYTES bytes as soon as they are in; on any failure the
    partial file is removed."""
    path = _partial_file(directory)
    digest, size, head, checked = hashlib.sha256(), 0, b"", False
    try:
        async with await anyio.open_file(path, "wb") as out:
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise TooLarge
                if not checked:
                    head += chunk[: HEAD_BYTES - len(head)]
                    checked = len(head) >= HEAD_BYTES
                    if checked:
                        check_head(head)
                digest.update(chunk)
                await out.write(chunk)
            if not checked:
                check_head(head)
            await out.flush()
            await anyio.to_thread.run_sync(os.fsync, out.wrapped.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Received(path, size, digest.hexdigest())


def remove(directory: Path, keys: list[str]) -> None:
    """Delete the files of `keys` (those already gone are skipped)."""
    for key in keys:
        path_of(directory, key).unlink(missing_ok=True)


def sweep_partials(directory: Path, before: datetime) -> int:
    """Delete partial files older than `before` (an upload cut off by a crash); how many."""
    partial, swept = directory / PARTIAL, 0
    if not partial.is_dir():
        return 0
    for path in partial.iterdir():
        with contextlib.suppress(FileNotFoundError):  # another worker took it first
            if path.stat().st_mtime < before.timestamp():
                path.unlink()
                swept += 1
    return swept


def place(received: Received, directory: Path, key: str) -> Path:
    """Move the partial file into place under `key` (an atomic rename)."""
    final = path_of(directory, key)
    received.path.replace(final)
    return final
