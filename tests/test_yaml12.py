"""YAML 1.2 core schema (issue 11 item 6): the CLI reads a file as a YAML 1.2 editor does, so the editor schema and the CLI agree.

The editor is yaml-language-server (VS Code's YAML extension), which reads YAML 1.2 and
validates with checker/schemas/manifest.schema.json. The expected values below are the
YAML 1.2.2 core schema's (section 10.3.2, its examples 10.7-10.9 and the scalars YAML 1.1
typed differently); the editor side of each test validates those values with the
standard Draft 2020-12 validator, as an editor does.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from checker.judging.manifest import Manifest, Rejected, read_manifest
from checker.plumbing.paths import MANIFEST_SCHEMA
from checker.plumbing.yamlsafe import parse_yaml
from tests.conftest import VALID_MANIFEST

CORE_SCHEMA = [
    # null
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("~", None),
    ("", None),
    # bool: only these six
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    # int
    ("0", 0),
    ("-19", -19),
    ("+12", 12),
    ("012", 12),
    ("0o14", 12),
    ("0xC", 12),
    ("0x1F", 31),
    # float
    ("1.", 1.0),
    ("-1.5", -1.5),
    (".5", 0.5),
    ("+12e03", 12000.0),
    ("1e3", 1000.0),
    ("2.3e4", 23000.0),
    # text in YAML 1.2, typed by YAML 1.1 readers
    ("NO", "NO"),
    ("no", "no"),
    ("No", "No"),
    ("yes", "yes"),
    ("Yes", "Yes"),
    ("on", "on"),
    ("ON", "ON"),
    ("off", "off"),
    ("y", "y"),
    ("n", "n"),
    ("tRUE", "tRUE"),
    ("1_000", "1_000"),
    ("190:20:30", "190:20:30"),
    ("1:20.5", "1:20.5"),
    ("0b1010", "0b1010"),
    ("2027-06-30", "2027-06-30"),
    ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
    ("3.0.3", "3.0.3"),
]


@pytest.mark.parametrize("scalar,expected", CORE_SCHEMA)
def test_plain_scalars_are_typed_by_the_yaml_1_2_core_schema(scalar, expected):
    value = parse_yaml(f"a: {scalar}\n").data["a"]
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("key", ["yes", "no", "on", "off", "NO"])
def test_keys_keep_their_text(key):
    assert list(parse_yaml(f"{key}: 1\n").data) == [key]


def _editor_accepts(data) -> bool:
    schema = json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))
    return not list(jsonschema.Draft202012Validator(schema).iter_errors(data))


@pytest.mark.parametrize(
    "field,old,new,editor_value",
    [
        ("spec.hosting.country", "country: ID", "country: NO", "NO"),  # the repro: Norway, not false
        ("spec.hosting.country", "country: ID", "country: ON", "ON"),
        ("spec.data.personalData", "personalData: false", "personalData: no", "no"),
        ("spec.data.personalData", "personalData: false", "personalData: False", False),
        ("metadata.agency.code", 'code: "32.15"', "code: 32.15", 32.15),
        ("metadata.agency.code", 'code: "32.15"', "code: 012", 12),
    ],
)
def test_cli_and_editor_schema_give_the_same_answer(write, field, old, new, editor_value):
    text = VALID_MANIFEST.replace(old, new)
    assert new in text
    result = read_manifest(write("m.yaml", text), "m.yaml")
    # The editor's reading of the same file: the expected YAML 1.2 value in the same place.
    data = parse_yaml(VALID_MANIFEST).data
    node = data
    *parents, leaf = field.split(".")
    for part in parents:
        node = node[part]
    node[leaf] = editor_value
    assert isinstance(result, Manifest) == _editor_accepts(data), (new, result)
    if isinstance(result, Manifest):
        assert result.data == data
    else:
        assert isinstance(result, Rejected) and result.violations[0].field == field


def test_norway_is_a_country_not_false(write):
    result = read_manifest(write("m.yaml", VALID_MANIFEST.replace("country: ID", "country: NO")), "m.yaml")
    assert isinstance(result, Manifest) and result.data["spec"]["hosting"]["country"] == "NO"
