"""Writing a report file so that it is either complete or not there at all.

A CI job reads the report the gate wrote. A report cut short by a full disk (or a
0-byte file) must never be what it reads: the bytes go to a temporary file in the
target folder, are flushed to disk, and only then renamed over the target in one
step. On any failure the temporary file is removed and the old report, if any, is
left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_text_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) in one rename; OSError when it cannot, with nothing left behind."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one rename, keeping an existing file's permissions.

    OSError when it cannot; the temporary file is removed and the old file left as it
    was. A target that exists and is not a regular file (`/dev/stdout`, a FIFO, a
    terminal) cannot be renamed over, and a reader is waiting on it: it is written in place.
    """
    try:
        current = os.stat(path)
    except FileNotFoundError:
        current = None
    if current is not None and not stat.S_ISREG(current.st_mode):
        with open(path, "wb") as handle:
            handle.write(data)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(current.st_mode) if current is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process umask (read by setting it and putting it back), for a new file's usual permissions."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


__all__ = ["write_bytes_atomically", "write_text_atomically"]
