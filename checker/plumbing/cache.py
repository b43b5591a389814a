"""An on-disk cache of derived indexes, keyed by the bytes they come from and the code that derives them.

A key covers the input's bytes, any data files the derivation reads and the source of
the modules that compute it, so an entry can never be stale: a different registry, new
synonym data or a new version of the code is a different key. A missing, read-only or
damaged cache only costs time.

The contract, for whoever stores an index here:

- **Plain data only**: an entry is a value and, optionally, one text. The value is JSON (dict with str keys, list, str, int, float, bool,
  None). Tuples come back as lists, sets must be stored as lists; the caller turns the
  plain data back into its index (and treats any error doing so as a miss). Nothing in
  an entry can run code when it is read, so whoever can write the cache folder (a shared
  runner's home, a cache restored into the job) can at worst make the gate slower, never
  change what it runs. A compiled registry's hit is checked against the registry's own hash
  by the caller; a remembered verdict (an OpenAPI document's) is not, so the gate reads no
  entry at all. The text (say, a large JSON document handed on as
  it is) is stored raw after the value, so reading it costs no JSON string unescaping.
- **Only regular files are read**: an entry is opened with O_NOFOLLOW and O_NONBLOCK and
  checked with fstat, so a FIFO, device, folder or symbolic link in its place is ignored
  (and replaced by the next store), never waited on.
- **Damaged entries are misses**: a truncated file, bad JSON, or an envelope whose kind,
  key or format does not match is ignored and rebuilt.
- **Writes are atomic and race-safe**: a temporary file in the same folder, then
  `os.replace`; parallel runs on one folder each write whole entries, and a reader sees
  either a whole entry or none. Temporary files are removed when a write fails.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from checker import __version__

_HERE = Path(__file__).resolve().parent.parent
FORMAT = 2  # bump when the envelope changes (1: JSON only; 2: JSON line, then raw text)
SUFFIX = ".json"
MAX_ENTRY_BYTES = 1024 * 1024 * 1024  # an entry larger than this is not ours: ignored
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def cache_dir() -> Path:
    """$SPBE_CHECK_CACHE_DIR, else $XDG_CACHE_HOME/spbe-check, else ~/.cache/spbe-check."""
    explicit = os.environ.get("SPBE_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spbe-check"


def cache_key(raw: bytes, code_modules: Iterable[str], data_files: Iterable[Path] = (), libraries: str = "") -> str:
    """SHA-256 of the tool version, the versions of the libraries the derivation runs (`libraries`, free text),
    the named checker/ modules' source, the data files and `raw`."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(libraries.encode())
    for name in code_modules:
        digest.update((_HERE / name).read_bytes())
    for path in data_files:
        digest.update(path.read_bytes())
    digest.update(raw)
    return digest.hexdigest()


def entry_path(kind: str, key: str) -> Path:
    """Where the `kind` entry for `key` lives (for tests and tools)."""
    return cache_dir() / f"{kind}-{key}{SUFFIX}"


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Around reading an entry and rebuilding its index: the cyclic GC would rescan the millions of
    new (acyclic) objects several times over, about a third of the load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle() -> None:
    """Move everything alive now (the compiled registry, the loaded policies) out of the cyclic GC's view.

    They live until the process ends, yet every full collection would walk their millions of
    objects again (100-150 ms of a cold `check`, several seconds of an audit), and in forked
    audit workers that walk writes to every page of the inherited index, copying it. Objects
    freed by reference counting are still freed; only cycles among these ones would never be.
    """
    gc.freeze()


class Entry(NamedTuple):
    value: Any
    text: str


def load(kind: str, key: str) -> Entry | None:
    """The plain data cached as `kind` for `key`, or None (no entry, not a regular file, damaged)."""
    raw = _read_regular(entry_path(kind, key))
    if raw is None:
        return None
    header, newline, text = raw.partition(b"\n")
    try:
        envelope = orjson.loads(header)  # about 45 ms for a national registry's index, against 80 ms with json
        if not newline or not isinstance(envelope, dict) or envelope.get("text_bytes") != len(text):
            return None  # truncated, or not ours
        if envelope.get("format") != FORMAT or envelope.get("kind") != kind or envelope.get("key") != key:
            return None
        return Entry(envelope["value"], text.decode("utf-8"))
    except (ValueError, KeyError):  # not JSON, not UTF-8, absurdly nested (orjson stops at 1,024 levels), no value
        return None


def _read_regular(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file we can read; never blocks on a FIFO or follows a link."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:  # missing, a symbolic link (ELOOP), no permission
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(info.st_size + 1)
        return data if len(data) == info.st_size else None  # changed while we read: a miss
    except OSError:
        return None
    finally:
        os.close(fd)


read_regular = _read_regular  # also how checker/plumbing/remote.py reads its cached downloads


def store(kind: str, key: str, value: Any, text: str = "") -> None:
    """Keep plain-data `value` (and `text`) as the one `kind` entry (these indexes are large); skip when unwritable.

    The file is one line of JSON (the envelope and the value), a newline, then `text` as UTF-8.
    Written by the standard json module, which refuses NaN and non-JSON types (orjson would
    write NaN as null and a date as a string, so the value read back would differ); read by
    orjson, on every run.
    """
    raw_text = text.encode("utf-8")
    try:
        header = json.dumps(
            {"format": FORMAT, "kind": kind, "key": key, "text_bytes": len(raw_text), "value": value},
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        ).encode("utf-8")
    except (TypeError, ValueError) as err:  # not plain data (a date or NaN from a YAML registry): only slower
        if os.environ.get("SPBE_CHECK_DEBUG"):  # but a caller that breaks the contract should hear of it
            raise TypeError(f"cache entries must be plain JSON data: {err}") from None
        return
    folder = cache_dir()
    target = entry_path(kind, key)
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(header + b"\n" + raw_text)
        os.replace(tmp, target)
        tmp = None
        for old in folder.glob(f"{kind}-*{SUFFIX}"):
            if old.name != target.name:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        return
    finally:
        if tmp is not None:  # the write failed (disk full, interrupted): leave nothing behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)
