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
from typing import Any

from checker.matching import MatchIndex, build_match_index
from checker.matching.english import wordlist_files
from checker.matching.stopwords import stopword_files
from checker.matching.text import DISTRICTS_FILE, LANDMARKS_FILE, SYNONYMS_FILE
from checker.plumbing import cache
from checker.plumbing.cache import cache_dir  # noqa: F401 - where the entries live, for callers and tests
from checker.registry.load import Registry, parse_registry, policy_index, read_registry_bytes

_CODE_FILES = (
    "registry/load.py",
    "registry/compiled.py",
    "matching/index.py",
    "matching/text.py",
    "matching/english.py",
    "matching/profiles.py",
    "matching/scopes.py",
    "matching/coined.py",
    "matching/stopwords.py",
)


@dataclass(frozen=True)
class CompiledRegistry:
    source: str
    revision: str
    sha256: str
    index_json: str  # what policies read at data.spbe.registry, as JSON text
    matcher: MatchIndex  # the one duplicate matcher (checker/matching)
    apps: dict[str, tuple[str, str | None]]  # id -> (name, url), for suggestions
    capabilities: dict[str, Any]  # the capability catalogue: the keys spec.uses may name


def compile_registry(registry: Registry) -> CompiledRegistry:
    index = policy_index(registry)
    return CompiledRegistry(
        source=registry.source,
        revision=registry.revision,
        sha256=registry.sha256,
        index_json=json.dumps(index, ensure_ascii=False, separators=(",", ":")),
        matcher=build_match_index(registry.apps.values()),
        apps={app_id: (app["name"], app.get("url")) for app_id, app in registry.apps.items()},
        capabilities=dict(registry.capabilities),
    )


def _to_data(compiled: CompiledRegistry) -> dict[str, Any]:
    """Plain data for checker.plumbing.cache: nothing in it can run code when read back."""
    return {
        "revision": compiled.revision,
        "sha256": compiled.sha256,
        "matcher": compiled.matcher.to_data(),
        "app_ids": list(compiled.apps),
        "app_names": [name for name, _ in compiled.apps.values()],
        "app_urls": [url for _, url in compiled.apps.values()],
        "capabilities": compiled.capabilities,
    }


def _from_data(source: str, entry: cache.Entry | None) -> CompiledRegistry | None:
    """The compilation a cache entry describes (the policy index is its text), or None when it is not that shape."""
    if entry is None:
        return None
    data = entry.value
    try:
        ids, names, urls = data["app_ids"], data["app_names"], data["app_urls"]
        if (
            not (
                isinstance(ids, list)
                and isinstance(names, list)
                and isinstance(urls, list)
                and len(ids) == len(names) == len(urls)
            )
            or not entry.text
        ):
            return None
        apps = dict(zip(ids, zip(names, urls, strict=True), strict=True))
        capabilities = data["capabilities"]
        if not isinstance(capabilities, dict):
            return None
        return CompiledRegistry(
            source,
            str(data["revision"]),
            str(data["sha256"]),
            entry.text,
            MatchIndex.from_data(data["matcher"]),
            apps,
            capabilities,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def load_compiled(source: str | Path, use_cache: bool = True) -> CompiledRegistry:
    """Read the registry bytes; compile them, or take the cached compilation of exactly those bytes."""
    return compiled_from_bytes(read_registry_bytes(str(source)), str(source), use_cache)


def cache_key(raw: bytes) -> str:
    """The cache key of these registry bytes: the compiling code, the synonyms, the places and the word lists too."""
    data = [SYNONYMS_FILE, DISTRICTS_FILE, LANDMARKS_FILE, *wordlist_files(), *stopword_files()]
    return cache.cache_key(raw, _CODE_FILES, data)


def compiled_from_bytes(
    raw: bytes, source: str, use_cache: bool = True, parsed: Registry | None = None
) -> CompiledRegistry:
    """The compilation of registry bytes already read (a URL is fetched once), from the cache when it has them.

    `parsed` is those bytes already parsed (the audit needs the apps themselves too), so a miss
    does not parse them twice.
    """
    digest = hashlib.sha256(raw).hexdigest()
    if parsed is not None and parsed.sha256 != digest:
        raise ValueError("parsed is not the registry these bytes hold")
    if not use_cache:
        return compile_registry(parsed or parse_registry(raw, str(source)))
    key = cache_key(raw)
    with cache.gc_paused():
        cached = _from_data(str(source), cache.load("registry", key))
        if cached is not None:
            cache.settle()  # before the GC is back on: its first collection would walk all of it
    if cached is not None and cached.sha256 == digest:
        return cached
    compiled = compile_registry(parsed or parse_registry(raw, str(source)))
    cache.store("registry", key, _to_data(compiled), compiled.index_json)
    return compiled
