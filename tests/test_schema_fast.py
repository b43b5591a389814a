"""The compiled validator that confirms valid manifests agrees with the jsonschema walk that explains invalid ones.

`schema_violations` trusts `FastValidator.is_valid` (jsonschema-rs) to skip the jsonschema walk, so a
document it calls valid must have no jsonschema error: otherwise a schema error would pass unseen.
"""

from __future__ import annotations

import copy
import datetime
import itertools
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.judging import manifest
from checker.judging.manifest import FAST_AFTER, manifest_schema, read_manifest, schema_violations
from checker.judging.patterns import FastValidator, LinearValidator
from tests.conftest import VALID_MANIFEST
from tests.test_patterns import PATTERNS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = manifest_schema()
FAST = FastValidator(SCHEMA)
SLOW = LinearValidator(SCHEMA)
BASE = yaml.safe_load(VALID_MANIFEST)
RICH = yaml.safe_load((ROOT / "manifests/kabupaten-karawang/lapor-warga.yaml").read_text(encoding="utf-8"))


def slow_valid(document: Any, validator: Any = SLOW) -> bool:
    return not any(True for _ in validator.iter_errors(document))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


PATHS = [(BASE, p) for p in _paths(BASE) if p] + [(RICH, p) for p in _paths(RICH) if p]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "a", "KES-PUSKESMAS", "x@y.go.id", "32.15", "ID", "name\n", "a\u200bb", "on-premise"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _copy_at(document: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    """A deep copy of `document` and, in it, the container that holds `path`'s last key."""
    document = copy.deepcopy(document)
    node = document
    for key in path[:-1]:
        node = node[key]
    return document, node


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    document, parent = _copy_at(document, path)
    parent[path[-1]] = value
    return document


def _without(document: Any, path: tuple[Any, ...]) -> Any:
    document, parent = _copy_at(document, path)
    del parent[path[-1]]
    return document


def test_the_example_manifests_are_valid_to_both():
    files = sorted((ROOT / "manifests").rglob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert FAST.is_valid(document) == slow_valid(document) == (not schema_violations(document, {})), path


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), json_values)
@example(where=(BASE, ("metadata", "id")), value="name\n")  # `$` is the end of the input in both
@example(where=(BASE, ("metadata", "contact")), value="a@b")
def test_a_changed_field_is_judged_alike(where, value):
    document = _set(*where, value)
    assert FAST.is_valid(document) == slow_valid(document)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PATHS))
def test_a_removed_field_is_judged_alike(where):
    document = _without(*where)
    assert FAST.is_valid(document) == slow_valid(document)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATTERNS), st.text(max_size=40))
def test_every_schema_pattern_means_the_same_to_both(pattern, text):
    schema = {"type": "string", "pattern": pattern}
    assert FastValidator(schema).is_valid(text) == slow_valid(text, LinearValidator(schema))


def test_what_the_compiled_validator_cannot_read_goes_to_the_slow_path():
    """A value JSON has no type for (a date, a non-string key) is never 'valid': jsonschema walks it."""
    assert not FAST.is_valid(_set(BASE, ("metadata", "id"), datetime.date(2026, 12, 1)))
    assert not FAST.is_valid(_set(BASE, ("spec", "data"), {1: "a"}))


def test_an_invalid_manifest_still_gets_every_located_error(write):
    text = VALID_MANIFEST.replace("id: karawang-contoh", "id: Karawang_Contoh")
    result = read_manifest(write("m.yaml", text), "m.yaml")
    assert [(v.rule, v.field, v.line) for v in result.violations] == [("SPBE-SCH-003", "metadata.id", 4)]


def test_the_compiled_validator_is_loaded_only_once_many_documents_are_validated(monkeypatch):
    """A `check` of a few files does not pay jsonschema-rs's import; the audit's 25,000 records do."""
    asked = []

    class Spy:
        def is_valid(self, document: Any) -> bool:
            asked.append(document)
            return True

    monkeypatch.setattr(manifest, "_documents_seen", itertools.count(1))
    monkeypatch.setattr(manifest, "_fast_validator", Spy)
    for _ in range(FAST_AFTER):
        assert schema_violations(BASE, {}) == []
    assert asked == []
    invalid = _set(BASE, ("metadata", "id"), "Not A Slug")
    assert schema_violations(invalid, {}) == []  # the spy calls it valid: proof the fast path answered
    assert asked == [invalid]
