"""The registry as a judge needs it, compiled once and cached by content hash.

Parsing 27,400 apps, building the policy index and the similarity index costs more
than judging a manifest. The compiled form is cached on disk under a key made of
the registry's bytes and the code that compiles it, so a hit can never be stale:
a different registry, or a different version of this code, is a different key.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from checker import cache
from checker.cache import cache_dir  # noqa: F401 - where the entries live, for callers and tests
from checker.registry import Registry, parse_registry, policy_index, read_registry_bytes
from checker.matching import MatchIndex, build_match_index
from checker.matching.text import SYNONYMS_FILE

_CODE_FILES = ("registry.py", "compiled.py", "matching/index.py", "matching/text.py")


@dataclass(frozen=True)
class CompiledRegistry:
    source: str
    revision: str
    sha256: str
    index_json: str  # what policies read at data.spbe.registry, as JSON text
    matcher: MatchIndex  # the one duplicate matcher (checker/matching)
    apps: dict[str, tuple[str, str | None]]  # id -> (name, url), for suggestions


def compile_registry(registry: Registry) -> CompiledRegistry:
    index = policy_index(registry)
    return CompiledRegistry(
        source=registry.source,
        revision=registry.revision,
        sha256=registry.sha256,
        index_json=json.dumps(index, ensure_ascii=False, separators=(",", ":")),
        matcher=build_match_index(registry.apps.values()),
        apps={app_id: (app["name"], app.get("url")) for app_id, app in registry.apps.items()},
    )


def load_compiled(source: str | Path, use_cache: bool = True) -> CompiledRegistry:
    """Read the registry bytes; compile them, or take the cached compilation of exactly those bytes."""
    raw = read_registry_bytes(str(source))
    if not use_cache:
        return compile_registry(parse_registry(raw, str(source)))
    key = cache.cache_key(raw, _CODE_FILES, [SYNONYMS_FILE])
    cached = cache.load("registry", key, CompiledRegistry)
    if cached is not None and cached.sha256 == hashlib.sha256(raw).hexdigest():
        return CompiledRegistry(str(source), cached.revision, cached.sha256, cached.index_json,
                                cached.matcher, cached.apps)
    compiled = compile_registry(parse_registry(raw, str(source)))
    cache.store("registry", key, compiled)
    return compiled
