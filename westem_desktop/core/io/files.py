"""Write a file whole or not at all, readable by the user alone.

The content goes to a temporary file in the same folder, is flushed to the disk and then renamed over
the target in one step: a failure (a full disk, a value that cannot be written, a crash) leaves the
old file as it was and no half file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from westem_desktop import paths


@contextlib.contextmanager
def private_file(path: Path) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces ``path`` (mode 0600) when the block ends without error.

    An OSError names ``path`` (not the temporary file the coordinator never asked for)."""
    try:
        # The name is cut so that the temporary file's stays within the file system's limit.
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:80]}.", suffix=".part")
    except OSError as exc:
        exc.filename = str(path)
        raise
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename in (None, name):
            exc.filename = str(path)
        raise
    paths.make_private(path)
    _sync_folder(path.parent)


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, readable by the user alone."""
    with private_file(path) as handle:
        handle.write(data)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; elsewhere, and on folders that refuse, nothing)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
