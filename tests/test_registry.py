"""Registry loading fails closed: every broken registry is CannotJudge (exit 2), never a pass."""
from __future__ import annotations

import gzip
import json

import pytest

from checker.errors import CannotJudge
from checker.registry import load_registry, policy_index


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


@pytest.mark.parametrize("mutate,needle", [
    (lambda d: d.update(apiVersion="spbe.go.id/v2"), "expected apiVersion"),
    (lambda d: d.pop("apps"), "'apps' is missing"),
    (lambda d: d["metadata"].pop("revision"), "metadata.revision"),
    (lambda d: d["apps"][0].pop("functions"), "no functions"),
    (lambda d: d["apps"].append(dict(d["apps"][0])), "repeats id"),
    (lambda d: d["apps"][1].update(status="maybe"), "status"),
])
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
