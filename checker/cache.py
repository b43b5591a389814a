"""An on-disk cache of derived indexes, keyed by the bytes they come from and the code that derives them.

A key covers the input's bytes, any data files the derivation reads and the source of
the modules that compute it, so an entry can never be stale: a different registry, new
synonym data or a new version of the code is a different key. A missing, read-only or
damaged cache only costs time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Iterable, TypeVar

from checker import __version__

T = TypeVar("T")
_HERE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """$SPBE_CHECK_CACHE_DIR, else $XDG_CACHE_HOME/spbe-check, else ~/.cache/spbe-check."""
    explicit = os.environ.get("SPBE_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spbe-check"


def cache_key(raw: bytes, code_modules: Iterable[str], data_files: Iterable[Path] = ()) -> str:
    """SHA-256 of the tool version, the named checker/ modules' source, the data files and `raw`."""
    digest = hashlib.sha256(__version__.encode())
    for name in code_modules:
        digest.update((_HERE / name).read_bytes())
    for path in data_files:
        digest.update(path.read_bytes())
    digest.update(raw)
    return digest.hexdigest()


def load(kind: str, key: str, expected: type[T]) -> T | None:
    """The cached `kind` entry for `key`, or None (no entry, no usable folder, damaged entry)."""
    path = cache_dir() / f"{kind}-{key}.pickle"
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)  # noqa: S301 - the user's own cache, keyed by content hash
    except OSError:
        return None
    except Exception:  # noqa: BLE001 - a damaged entry is ignored and rebuilt
        path.unlink(missing_ok=True)
        return None
    return value if isinstance(value, expected) else None


def store(kind: str, key: str, value: object) -> None:
    """Keep `value` as the one `kind` entry (these indexes are large); silently skip when unwritable."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{kind}-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{kind}-{key}.pickle")
    except OSError:
        return
