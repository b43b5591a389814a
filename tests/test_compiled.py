"""The compiled-registry cache: keyed by content and code, so it is never stale."""
from __future__ import annotations

import json

from checker.compiled import cache_dir, compile_registry, load_compiled
from checker.registry import load_registry


def test_cache_hit_equals_fresh_compilation(registry_file):
    first = load_compiled(registry_file)
    assert list(cache_dir().glob("registry-*.pickle")), "the first load stores the compilation"
    second = load_compiled(registry_file)
    fresh = compile_registry(load_registry(registry_file))
    assert second.index_json == fresh.index_json == first.index_json
    assert second.apps == fresh.apps


def test_changed_registry_is_never_served_from_cache(registry_file, tiny_registry):
    load_compiled(registry_file)
    tiny_registry["metadata"]["revision"] = "test-2"
    tiny_registry["apps"][2]["status"] = "retired"
    registry_file.write_text(json.dumps(tiny_registry))
    again = load_compiled(registry_file)
    assert again.revision == "test-2"
    assert json.loads(again.index_json)["apps"]["APP-000001"]["status"] == "retired"


def test_damaged_cache_entry_is_rebuilt(registry_file):
    load_compiled(registry_file)
    (entry,) = cache_dir().glob("registry-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_compiled(registry_file).revision == "test-1"


def test_unwritable_cache_is_only_slower(registry_file, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SPBE_CHECK_CACHE_DIR", str(blocker / "sub"))  # cannot mkdir under a file
    assert load_compiled(registry_file).revision == "test-1"
