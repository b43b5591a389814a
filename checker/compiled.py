"""The registry as a judge needs it, compiled once and cached by content hash.

Parsing 27,400 apps, building the policy index and the similarity index costs more
than judging a manifest. The compiled form is cached on disk under a key made of
the registry's bytes and the code that compiles it, so a hit can never be stale:
a different registry, or a different version of this code, is a different key.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from checker import __version__
from checker.registry import Registry, parse_registry, policy_index, read_registry_bytes
from checker.similarity import SimilarityIndex, build_index

_CODE_FILES = ("registry.py", "similarity.py", "compiled.py")


@dataclass(frozen=True)
class CompiledRegistry:
    source: str
    revision: str
    sha256: str
    index_json: str  # what policies read at data.spbe.registry, as JSON text
    similarity: SimilarityIndex
    apps: dict[str, tuple[str, str | None]]  # id -> (name, url), for suggestions


def compile_registry(registry: Registry) -> CompiledRegistry:
    index = policy_index(registry)
    return CompiledRegistry(
        source=registry.source,
        revision=registry.revision,
        sha256=registry.sha256,
        index_json=json.dumps(index, ensure_ascii=False, separators=(",", ":")),
        similarity=build_index(registry.apps.values()),
        apps={app_id: (app["name"], app.get("url")) for app_id, app in registry.apps.items()},
    )


def load_compiled(source: str | Path, use_cache: bool = True) -> CompiledRegistry:
    """Read the registry bytes; compile them, or take the cached compilation of exactly those bytes."""
    raw = read_registry_bytes(str(source))
    if not use_cache:
        return compile_registry(parse_registry(raw, str(source)))
    key = _cache_key(raw)
    cached = _load(key)
    if cached is not None and cached.sha256 == hashlib.sha256(raw).hexdigest():
        return CompiledRegistry(str(source), cached.revision, cached.sha256, cached.index_json,
                                cached.similarity, cached.apps)
    compiled = compile_registry(parse_registry(raw, str(source)))
    _store(key, compiled)
    return compiled


def cache_dir() -> Path:
    """$SPBE_CHECK_CACHE_DIR, else $XDG_CACHE_HOME/spbe-check, else ~/.cache/spbe-check."""
    explicit = os.environ.get("SPBE_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spbe-check"


def _code_fingerprint() -> bytes:
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    return digest.digest()


def _cache_key(raw: bytes) -> str:
    return hashlib.sha256(_code_fingerprint() + raw).hexdigest()


def _load(key: str) -> CompiledRegistry | None:
    path = cache_dir() / f"registry-{key}.pickle"
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)  # noqa: S301 - the user's own cache, keyed by content hash
    except OSError:
        return None  # no entry, or no usable cache folder
    except Exception:  # noqa: BLE001 - a damaged cache entry is ignored and rebuilt
        path.unlink(missing_ok=True)
        return None
    return value if isinstance(value, CompiledRegistry) else None


def _store(key: str, compiled: CompiledRegistry) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("registry-*.pickle"):
            old.unlink(missing_ok=True)  # keep one entry: registries are large
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(compiled, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"registry-{key}.pickle")
    except OSError:
        return  # a read-only home is fine: the cache is only an optimisation
