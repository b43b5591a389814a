"""The compiled-registry cache: keyed by content and code, so it is never stale."""

from __future__ import annotations

import json

from checker.registry.compiled import cache_dir, compile_registry, load_compiled
from checker.registry.load import load_registry


def test_cache_hit_equals_fresh_compilation(registry_file):
    first = load_compiled(registry_file)
    assert list(cache_dir().glob("registry-*.json")), "the first load stores the compilation"
    second = load_compiled(registry_file)
    fresh = compile_registry(load_registry(registry_file))
    assert second.index_json == fresh.index_json == first.index_json
    assert second.apps == fresh.apps
    assert second.capabilities == fresh.capabilities == {"identity": {"providers": ["SHARED-INAPAS"]}}


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
    (entry,) = cache_dir().glob("registry-*.json")
    entry.write_bytes(b"not a pickle")
    assert load_compiled(registry_file).revision == "test-1"


def test_unwritable_cache_is_only_slower(registry_file, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SPBE_CHECK_CACHE_DIR", str(blocker / "sub"))  # cannot mkdir under a file
    assert load_compiled(registry_file).revision == "test-1"


# --- a cache that cannot run code (issue 14, items 8 and 10) ----------------------------------

import os  # noqa: E402
import pickle  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from checker.plumbing import cache  # noqa: E402
from checker.registry.compiled import cache_key  # noqa: E402


def _entry(registry_file: Path) -> Path:
    return cache.entry_path("registry", cache_key(registry_file.read_bytes()))


class _RunsCode:
    """A pickle payload that would create a file if anything unpickled it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_planted_in_the_cache_is_never_run(registry_file, tmp_path):
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_RunsCode(marker))
    entry = _entry(registry_file)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(payload)
    entry.with_suffix(".pickle").write_bytes(payload)  # the old file name, too
    assert load_compiled(registry_file).revision == "test-1"
    assert not marker.exists(), "a cache entry ran code"
    assert json.loads(entry.read_bytes().split(b"\n")[0])["format"] == cache.FORMAT, "the planted entry was replaced"


def test_entries_are_plain_json(registry_file):
    load_compiled(registry_file)
    header, text = _entry(registry_file).read_text(encoding="utf-8").split("\n", 1)
    envelope = json.loads(header)
    assert envelope["kind"] == "registry" and set(envelope["value"]) >= {"matcher", "app_ids"}
    assert json.loads(text)["revision"] == "test-1", "the policy index follows the JSON line, as raw text"


def _load_in_thread(registry_file: Path) -> str:
    """load_compiled in a daemon thread, so a test that would block forever fails instead of hanging."""
    out: list[str] = []
    worker = threading.Thread(target=lambda: out.append(load_compiled(registry_file).revision), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "load_compiled blocked on a cache entry"
    return out[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_fifo_in_place_of_an_entry_is_ignored_and_replaced(registry_file):
    entry = _entry(registry_file)
    entry.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(entry)
    assert _load_in_thread(registry_file) == "test-1"
    assert entry.is_file(), "the FIFO was replaced by a regular entry"
    assert _load_in_thread(registry_file) == "test-1"


def test_a_symlink_in_place_of_an_entry_is_not_followed(registry_file, tmp_path):
    load_compiled(registry_file)
    entry = _entry(registry_file)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(entry.read_bytes().replace(b'"test-1"', b'"forged"'))
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert cache.load("registry", entry.name[len("registry-") : -len(".json")]) is None
    assert load_compiled(registry_file).revision == "test-1"


@pytest.mark.parametrize(
    "damage",
    ["truncate", "truncate-text", "extra-text", "other-key", "wrong-shape", "postings-out-of-range", "no-text"],
)
def test_damaged_or_foreign_entries_are_rebuilt(registry_file, damage):
    load_compiled(registry_file)
    entry = _entry(registry_file)
    raw = entry.read_bytes()
    header, text = raw.split(b"\n", 1)
    if damage == "truncate":
        entry.write_bytes(header[: len(header) // 2])
    elif damage == "truncate-text":
        entry.write_bytes(raw[:-10])
    elif damage == "extra-text":
        entry.write_bytes(raw + b' ,"forged": 1')
    elif damage == "no-text":
        envelope = json.loads(header)
        envelope["text_bytes"] = 0
        entry.write_text(json.dumps(envelope) + "\n", encoding="utf-8")
    else:
        envelope = json.loads(header)
        if damage == "other-key":
            envelope["key"] = "0" * 64
        elif damage == "wrong-shape":
            envelope["value"]["app_names"] = [1, 2, 3]
        else:
            envelope["value"]["matcher"]["postings"] = {"parkir": [[10_000], [1.0]]}
        entry.write_bytes(json.dumps(envelope).encode() + b"\n" + text)
    again = load_compiled(registry_file)
    fresh = compile_registry(load_registry(registry_file))
    assert (again.index_json, again.apps) == (fresh.index_json, fresh.apps)
    assert again.matcher.to_data() == fresh.matcher.to_data()


def test_match_index_round_trips_through_the_cache(registry_file):
    first = load_compiled(registry_file)
    second = load_compiled(registry_file)
    query = ("Sistem Parkir Kota", "Retribusi parkir tepi jalan")
    kwargs = {"threshold": 0.2, "limit": 5}
    assert first.matcher.similar(*query, **kwargs) == second.matcher.similar(*query, **kwargs)
    assert second.matcher.similar(*query, **kwargs), "the query finds something, so equality means something"


def test_a_failed_write_leaves_no_temporary_file(registry_file, monkeypatch):
    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", disk_full)
    assert load_compiled(registry_file).revision == "test-1"
    assert [p.name for p in cache_dir().iterdir()] == []


_PARALLEL_RUN = """
import hashlib, json, sys
from checker.registry.compiled import load_compiled
c = load_compiled(sys.argv[1])
print(hashlib.sha256(json.dumps([c.revision, c.index_json, c.apps, c.matcher.to_data()],
                                sort_keys=True).encode()).hexdigest())
"""


def test_eight_parallel_runs_share_one_empty_cache_folder(registry_file, tmp_path):
    folder = tmp_path / "shared-cache"
    env = {**os.environ, "SPBE_CHECK_CACHE_DIR": str(folder)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _PARALLEL_RUN, str(registry_file)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0] * 8, [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1, "every run compiled the same thing"
    assert sorted(p.name for p in folder.iterdir()) == [_entry_name(registry_file)], "one entry, no temporary files"
    check = subprocess.run(
        [sys.executable, "-c", _PARALLEL_RUN, str(registry_file)],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.stdout == outputs[0][0], "a later run reading the shared entry gets the same result"


def _entry_name(registry_file: Path) -> str:
    return _entry(registry_file).name


def test_a_value_that_is_not_plain_data_is_not_cached_and_not_an_error(monkeypatch):
    import datetime as dt

    monkeypatch.delenv("SPBE_CHECK_DEBUG", raising=False)
    cache.store("demo", "k", {"when": dt.date(2026, 1, 1)})
    cache.store("demo", "n", {"x": float("nan")})
    assert cache.load("demo", "k") is None and cache.load("demo", "n") is None
    monkeypatch.setenv("SPBE_CHECK_DEBUG", "1")
    with pytest.raises(TypeError, match="plain JSON data"):
        cache.store("demo", "k", {"when": dt.date(2026, 1, 1)})


def test_a_cached_compilation_is_kept_out_of_the_cyclic_gc(registry_file):
    """Full collections (and forked audit workers) must not walk the loaded index again (issue 10: speed)."""
    import gc

    load_compiled(registry_file)  # stores the entry
    gc.unfreeze()
    try:
        compiled = load_compiled(registry_file)  # a hit
        frozen = gc.get_freeze_count()
        assert frozen > 0, "the hit was not frozen"
        assert not any(o is compiled.matcher.docs for o in gc.get_objects(generation=0))
    finally:
        gc.unfreeze()


def test_a_parsed_registry_is_taken_only_for_its_own_bytes(registry_file, tiny_registry):
    """The audit hands over the registry it parsed; another registry's bytes must not pair with it."""
    import pytest

    from checker.registry.compiled import compiled_from_bytes
    from checker.registry.load import parse_registry

    raw = registry_file.read_bytes()
    parsed = parse_registry(raw, str(registry_file))
    assert compiled_from_bytes(raw, str(registry_file), parsed=parsed).sha256 == parsed.sha256
    with pytest.raises(ValueError, match="not the registry"):
        compiled_from_bytes(raw + b" ", str(registry_file), parsed=parsed)


def test_the_cache_key_covers_the_data_the_index_is_built_from(tmp_path, monkeypatch):
    """Landmarks are data an operator may extend: an edited file must not be served a stale index."""
    import checker.registry.compiled as compiled

    raw = b'{"apps": []}'
    before = cache_key(raw)
    edited = tmp_path / "landmarks.json"
    edited.write_text(compiled.LANDMARKS_FILE.read_text(encoding="utf-8").replace('"semeru", ', ""), encoding="utf-8")
    monkeypatch.setattr(compiled, "LANDMARKS_FILE", edited)
    assert cache_key(raw) != before
