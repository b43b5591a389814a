"""Registry loading fails closed: every broken registry is CannotJudge (exit 2), never a pass."""

from __future__ import annotations

import gzip
import json

import pytest

from checker.errors import CannotJudge
from checker.registry.load import load_registry, policy_index


def test_json_yaml_and_gzip_load_the_same(tmp_path, tiny_registry):
    import yaml

    as_json = tmp_path / "r.json"
    as_json.write_text(json.dumps(tiny_registry))
    as_yaml = tmp_path / "r.yaml"
    as_yaml.write_text(yaml.safe_dump(tiny_registry))
    as_gz = tmp_path / "r.json.gz"
    as_gz.write_bytes(gzip.compress(json.dumps(tiny_registry).encode()))
    loaded = [load_registry(p) for p in (as_json, as_yaml, as_gz)]
    assert {r.revision for r in loaded} == {"test-1"}
    assert all(set(r.apps) == set(loaded[0].apps) for r in loaded)


@pytest.mark.parametrize(
    "mutate,needle",
    [
        (lambda d: d.update(apiVersion="spbe.go.id/v2"), "expected apiVersion"),
        (lambda d: d.pop("apps"), '$: "apps" is a required property'),
        (lambda d: d["metadata"].pop("revision"), '$.metadata: "revision" is a required property'),
        (lambda d: d["apps"][0].pop("functions"), '$.apps[0] (SHARED-LAPOR): "functions" is a required property'),
        (lambda d: d["apps"].append(dict(d["apps"][0])), "$.apps[5] repeats id SHARED-LAPOR"),
        (lambda d: d["apps"][1].update(status="maybe"), "$.apps[1].status (SHARED-INAPAS)"),
    ],
)
def test_broken_registry_cannot_judge(tmp_path, tiny_registry, mutate, needle):
    mutate(tiny_registry)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(tiny_registry))
    with pytest.raises(CannotJudge) as err:
        load_registry(path)
    assert needle in err.value.message.en
    assert "nothing was judged" in err.value.message.en


def test_missing_registry_says_what_to_do(tmp_path):
    with pytest.raises(CannotJudge) as err:
        load_registry(tmp_path / "nope.json")
    assert "--registry" in err.value.message.en and "--registry" in err.value.message.id


def test_truncated_gzip_cannot_judge(tmp_path, tiny_registry):
    data = gzip.compress(json.dumps(tiny_registry).encode())
    path = tmp_path / "r.json.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CannotJudge) as err:
        load_registry(path)
    assert "gzip" in err.value.message.en


def test_corrupt_json_reports_position(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"apiVersion": "spbe.go.id/v1",\n "kind": }')
    with pytest.raises(CannotJudge) as err:
        load_registry(path)
    assert "line 2" in err.value.message.en


def test_unreachable_url_cannot_judge():
    # Port 9 on loopback (discard) is closed here: the connection is refused at once.
    with pytest.raises(CannotJudge) as err:
        load_registry("https://127.0.0.1:9/registry.json")
    assert "https://127.0.0.1:9/registry.json" in err.value.message.en


def test_plain_http_url_is_refused():
    with pytest.raises(CannotJudge) as err:
        load_registry("http://127.0.0.1:9/registry.json")
    assert "https" in err.value.message.en


def test_policy_index_groups_active_apps(registry_file):
    index = policy_index(load_registry(registry_file))
    assert index["function_owners"] == {"LYN-PENGADUAN": ["SHARED-LAPOR"], "IDN-SSO": ["SHARED-INAPAS"]}
    assert index["function_agencies"]["LYN-PARKIR"] == {"32.15": ["APP-000001"], "32.75": ["APP-000002"]}
    # the retired complaint app is neither an owner nor a duplicate
    assert "LYN-PENGADUAN" not in index["function_agencies"]
    assert index["apps"]["APP-000003"]["status"] == "retired"
    assert [s["id"] for s in index["function_reuse"]["LYN-PENGADUAN"]] == ["SHARED-LAPOR"]


# --- the registry is a contract too: registry.schema.json, checked before anything is indexed (issue 16.4) ---


@pytest.mark.parametrize(
    "mutate,path",
    [
        # A list where a capability mapping belongs used to pass and silently drop SHR-001 for payment.
        (lambda d: d["capabilities"].update(payment=["SHARED-SIMPONI"]), "$.capabilities.payment:"),
        (
            lambda d: d["capabilities"]["identity"].update(providers="SHARED-INAPAS"),
            "$.capabilities.identity.providers:",
        ),
        # These four ended in "internal error (TypeError…)".
        (lambda d: d["apps"][2]["functions"].append({"code": "LYN-PARKIR"}), "$.apps[2].functions[1] (APP-000001):"),
        (lambda d: d["taxonomy"][0].update(name="Public complaints"), "$.taxonomy[0].name:"),
        (lambda d: d["apps"][0].update(url={"href": "https://lapor.go.id"}), "$.apps[0].url (SHARED-LAPOR):"),
        (lambda d: d["apps"][1].update(shared="yes"), "$.apps[1].shared (SHARED-INAPAS):"),
        (lambda d: d["apps"][1]["agency"].update(level="kabupaten"), "$.apps[1].agency.level (SHARED-INAPAS):"),
        (lambda d: d["apps"][3].update(uses={"payment": ["self"]}), "$.apps[3].uses.payment (APP-000002):"),
        (lambda d: d["apps"][3].update(data={"personalData": "no"}), "$.apps[3].data.personalData (APP-000002):"),
        (
            lambda d: d["apps"][3].update(apis=[{"name": "x", "gateway": {"id": "SHARED-SPLP"}}]),
            "$.apps[3].apis[0].gateway (APP-000002):",
        ),
        (lambda d: d["apps"][3].update(functons=["LYN-PARKIR"]), "$.apps[3] (APP-000002):"),  # a typo is not ignored
        (lambda d: d["integration"].update(bus=["SHARED-SPLP"]), "$.integration.bus:"),
        (lambda d: d["apps"][4].update(id="app 3"), "$.apps[4].id (app 3):"),
    ],
)
def test_malformed_registry_names_the_path_of_the_bad_value(tmp_path, tiny_registry, mutate, path):
    mutate(tiny_registry)
    file = tmp_path / "r.json"
    file.write_text(json.dumps(tiny_registry))
    with pytest.raises(CannotJudge) as err:
        load_registry(file)
    assert path in err.value.message.en, err.value.message.en
    assert path.split(" ")[0].rstrip(":") in err.value.message.id
    assert "nothing was judged" in err.value.message.en


def test_malformed_registry_is_exit_2_on_the_command_line(tmp_path, tiny_registry, tiny_policies, write):
    from click.testing import CliRunner

    from checker.cli.main import main
    from conftest import VALID_MANIFEST

    tiny_registry["capabilities"]["payment"] = ["SHARED-SIMPONI"]
    registry = write("r.json", json.dumps(tiny_registry))
    manifest = write("m.yaml", VALID_MANIFEST)
    result = CliRunner().invoke(
        main, ["check", str(manifest), "--registry", str(registry), "--policies", str(tiny_policies)]
    )
    assert result.exit_code == 2
    assert "$.capabilities.payment" in result.stderr and "Traceback" not in result.output
    assert "internal error" not in result.stderr


def test_deeply_nested_json_registry_is_refused(tmp_path):
    file = tmp_path / "r.json"
    file.write_text(
        '{"apiVersion": "spbe.go.id/v1", "kind": "Registry", "apps": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    with pytest.raises(CannotJudge) as err:
        load_registry(file)
    assert "nested too deeply" in err.value.message.en


def test_nesting_past_the_validator_limit_is_refused(tmp_path, tiny_registry):
    deep: list = []
    inner = deep
    for _ in range(900):
        inner.append([])
        inner = inner[0]
    tiny_registry["metadata"]["note"] = deep
    file = tmp_path / "r.json"
    file.write_text(json.dumps(tiny_registry))
    with pytest.raises(CannotJudge) as err:
        load_registry(file)
    assert "$.metadata.note" in err.value.message.en or "cannot be checked" in err.value.message.en


def test_values_json_cannot_hold_are_refused(tiny_registry):
    """The YAML reader already turns keys and dates into strings; a document built in code may not."""
    import datetime as dt

    from checker.registry.load import check_registry

    for where, value in ((7, "a number as a key"), ("published", dt.date(2026, 11, 1))):
        doc = json.loads(json.dumps(tiny_registry))
        doc["metadata"][where] = value
        with pytest.raises(CannotJudge) as err:
            check_registry(doc, "r.json")
        assert "cannot be checked against the registry schema" in err.value.message.en


def test_optional_and_extension_fields_are_accepted(tmp_path, tiny_registry):
    app = tiny_registry["apps"][2]
    app.update(
        url="https://parkir.karawangkab.go.id",
        uses={"identity": "SHARED-INAPAS", "payment": "self"},
        data={"criticality": "low", "personalData": True},
        apis=[{"name": "parkir", "gateway": "SHARED-SPLP", "openapi": "apis/parkir.yaml"}],
        interoperability={
            "apis": [{"name": "tarif", "gateway": "direct"}],
            "consumes": [{"provider": "SHARED-INAPAS", "via": "SHARED-SPLP"}],
            "datasets": [{"name": "retribusi", "satuData": True}],
        },
        manifest={"id": "karawang-parkir", "file": "manifests/a.yaml", "kind": "new"},
        extends="SHARED-LAPOR",
        replacedBy="APP-000002",
        **{"x-note": {"any": ["shape"]}},
    )
    app["hosting"]["drSite"] = {"provider": "pdn", "site": "PDN-BATAM", "country": "ID"}
    tiny_registry["x-publisher"] = {"anything": True}
    file = tmp_path / "r.json"
    file.write_text(json.dumps(tiny_registry))
    assert load_registry(file).apps["APP-000001"]["uses"]["payment"] == "self"


def test_the_sample_registry_matches_the_schema():
    from checker.plumbing.paths import DEFAULT_REGISTRY
    from checker.registry.load import read_registry_bytes, schema_problem

    doc = json.loads(gzip.decompress(read_registry_bytes(str(DEFAULT_REGISTRY))))
    assert schema_problem(doc) is None


def test_the_registry_schema_is_a_valid_draft_2020_12_schema():
    import jsonschema

    from checker.plumbing.paths import SCHEMAS_DIR

    schema = json.loads((SCHEMAS_DIR / "registry.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
