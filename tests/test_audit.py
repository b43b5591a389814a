"""The registry audit: record -> manifest, counts that add up, same answers as `check`, --compare."""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
from pathlib import Path
from typing import Any

import git
import pytest
from click.testing import CliRunner

from checker.audit import judge as audit_module
from checker.audit.judge import (
    PLACEHOLDER_CONTACT,
    audited_apps,
    judge_record,
    manifest_from_record,
    run_audit,
)
from checker.audit.run import audit_registry
from checker.cli.main import main
from checker.engine import make_engine
from checker.errors import CannotJudge
from checker.judging.evaluate import Judge
from checker.judging.manifest import schema_violations
from checker.plumbing.paths import DEFAULT_REGISTRY, POLICIES_DIR
from checker.policy.policyset import load_policies
from checker.registry.load import load_registry
from conftest import TINY_REGISTRY


def registry_with(tmp_path: Path, *apps: dict[str, Any], name: str = "registry.json") -> Path:
    doc = copy.deepcopy(TINY_REGISTRY)
    doc["taxonomy"] += [
        {"code": c, "name": {"en": c, "id": c}} for c in ("UJI-SATU", "UJI-DUA", "UJI-TIGA", "UJI-EMPAT")
    ]
    doc["apps"] += list(apps)
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def record(
    app_id: str,
    name: str,
    function: str,
    provider: str = "pdn",
    audience: str = "internal",
    channels: tuple[str, ...] = ("web",),
    agency: tuple[str, str] = ("32.15", "Pemerintah Kabupaten Karawang"),
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": app_id,
        "name": name,
        "description": f"Deskripsi khusus {name}",
        "agency": {"code": agency[0], "name": agency[1], "level": "regency"},
        "functions": [function],
        "status": "active",
        "shared": False,
        "audience": audience,
        "channels": list(channels),
        "hosting": {
            "provider": provider,
            "site": "PDN-JABODETABEK" if provider == "pdn" else "Ruang server",
            "country": "ID",
        },
        **extra,
    }


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    return load_registry(DEFAULT_REGISTRY)


@pytest.fixture(scope="module")
def sample_judge(sample):  # type: ignore[no-untyped-def]
    return Judge(load_policies(POLICIES_DIR), sample, make_engine("embedded"))


# --- mapping a registry record to a manifest ---------------------------------------------


def test_manifest_from_record_maps_the_record(registry_file: Path) -> None:
    registry = load_registry(registry_file)
    manifest = manifest_from_record(registry.apps["APP-000001"], registry, justification_min_length=100)
    data = manifest.data
    assert data["metadata"] == {
        "id": "app-000001",
        "name": "Sistem Informasi Parkir Karawang",
        "agency": {"code": "32.15", "name": "Pemerintah Kabupaten Karawang"},
        "contact": PLACEHOLDER_CONTACT,
    }
    spec = data["spec"]
    assert spec["kind"] == "new" and spec["replaces"] == ["APP-000001"]  # never its own duplicate
    assert len(spec["justification"]) >= 100
    assert spec["description"] == "Pengelolaan retribusi parkir tepi jalan umum"
    assert (spec["audience"], spec["channels"], spec["functions"]) == ("public", ["web"], ["LYN-PARKIR"])
    assert spec["hosting"] == {"provider": "agency-dc", "site": "Ruang server Diskominfo", "country": "ID"}
    assert spec["data"] == {"criticality": "low", "personalData": False}
    assert "uses" not in spec and "interoperability" not in spec
    assert manifest.positions == {} and manifest.position("spec.hosting.provider") == (None, None)
    assert schema_violations(data, {}) == []


def test_manifest_from_record_keeps_what_the_record_carries(registry_file: Path) -> None:
    registry = load_registry(registry_file)
    app = {
        **registry.apps["APP-000001"],
        "contact": "tim@karawangkab.go.id",
        "data": {"criticality": "high", "personalData": True},
        "uses": {"identity": "self"},
        "apis": [{"name": "parkir", "gateway": "direct"}],
        "hosting": {"provider": "pdn", "site": "PDN-IKN", "country": "ID", "note": "dropped"},
    }
    spec = manifest_from_record(app, registry, justification_min_length=400).data["spec"]
    assert spec["data"] == {"criticality": "high", "personalData": True}
    assert spec["uses"] == {"identity": "self"}
    assert spec["interoperability"] == {"apis": [{"name": "parkir", "gateway": "direct"}]}
    assert spec["hosting"] == {"provider": "pdn", "site": "PDN-IKN", "country": "ID"}
    assert len(spec["justification"]) >= 400


def test_every_sample_record_maps_to_a_valid_manifest(sample) -> None:  # type: ignore[no-untyped-def]
    apps = audited_apps(sample)
    assert len(apps) > 25_000
    assert all(not a.get("shared") and a["status"] == "active" for a in apps)
    for app in apps[::20]:
        assert schema_violations(manifest_from_record(app, sample).data, {}) == [], app["id"]


def test_a_record_outside_the_schema_is_invalid(tmp_path: Path, tiny_policies: Path) -> None:
    bad = record("APP-000100", "Aplikasi Fax", "UJI-SATU", channels=("fax",))
    registry = load_registry(registry_with(tmp_path, bad))
    judge = Judge(load_policies(tiny_policies), registry, make_engine("embedded"))
    outcome = judge_record(judge, registry.apps["APP-000100"], registry, tmp_path)
    assert (outcome.verdict, outcome.deny) == ("invalid", ("SPBE-SCH-003",))


# --- judged like `check` ----------------------------------------------------------------


def test_an_app_is_not_its_own_duplicate_but_a_second_one_is(tmp_path: Path) -> None:
    one = record("APP-000100", "Arsip Statis Karawang", "UJI-SATU")
    registry = load_registry(registry_with(tmp_path, one))
    judge = Judge(load_policies(POLICIES_DIR), registry, make_engine("embedded"))
    alone = judge_record(judge, registry.apps["APP-000100"], registry, tmp_path)
    assert alone.verdict == "pass", alone

    two = record("APP-000101", "Arsip Statis Karawang", "UJI-SATU")
    registry = load_registry(registry_with(tmp_path, one, two, name="registry2.json"))
    judge = Judge(load_policies(POLICIES_DIR), registry, make_engine("embedded"))
    for app_id in ("APP-000100", "APP-000101"):
        outcome = judge_record(judge, registry.apps[app_id], registry, tmp_path)
        assert "SPBE-MOR-003" in outcome.deny and "SPBE-MOR-005" in outcome.warn


def test_the_audit_verdict_is_the_check_verdict_of_the_mapped_manifest(sample, sample_judge, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Write a few mapped manifests as YAML files and run `check` on them: same verdicts and rules."""
    import yaml

    apps = audited_apps(sample)[::2500]
    for app in apps:
        data = manifest_from_record(app, sample).data
        (tmp_path / f"{app['id']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    checked = {r["id"]: r for r in json.loads(result.stdout)["results"]}
    for app in apps:
        outcome = judge_record(sample_judge, app, sample, tmp_path)
        seen = checked[app["id"].lower()]
        assert seen["verdict"] == outcome.verdict
        assert sorted({v["rule"] for v in seen["violations"]}) == list(outcome.rules)


def test_worker_processes_give_the_same_outcomes(sample, sample_judge, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    apps = audited_apps(sample)[:300]
    sequential = run_audit(sample_judge, sample, apps, workers=1)
    monkeypatch.setattr(audit_module, "PARALLEL_MIN_APPS", 1)
    monkeypatch.setattr(audit_module, "CHUNK", 50)
    steps: list[int] = []
    parallel = run_audit(sample_judge, sample, apps, workers=2, progress=steps.append)
    assert parallel == sequential and sum(steps) == len(apps)


def test_a_worker_that_dies_stops_the_audit_with_exit_2_not_a_hang(sample, sample_judge, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A worker killed mid-audit (out of memory, a crash in the engine) must end the run as "cannot judge".

    multiprocessing.Pool.imap waited forever for the lost chunk; an alarm turns a hang into a failure here.
    """
    apps = audited_apps(sample)[:120]
    victim = apps[70]["id"]
    real = audit_module.judge_record

    def dies_on_victim(judge, app, registry, root):  # type: ignore[no-untyped-def]
        if app["id"] == victim:
            os._exit(9)  # what the kernel's OOM killer leaves behind: no exception, no result
        return real(judge, app, registry, root)

    monkeypatch.setattr(audit_module, "judge_record", dies_on_victim)
    monkeypatch.setattr(audit_module, "PARALLEL_MIN_APPS", 1)
    monkeypatch.setattr(audit_module, "CHUNK", 30)

    def hung(_signum, _frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("the audit hung after a worker died")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        with pytest.raises(CannotJudge) as caught:
            run_audit(sample_judge, sample, apps, workers=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "--jobs" in caught.value.message.en and "--jobs" in caught.value.message.id


# --- the document's numbers add up ---------------------------------------------------------


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return audit_registry(registry_source=str(DEFAULT_REGISTRY), policies_dir=POLICIES_DIR, limit=600)


def test_counts_add_up(document: dict[str, Any]) -> None:
    apps = document["apps"]
    assert document["audited"] == len(apps) == 600
    summary = document["summary"]
    assert sum(summary[v] for v in ("pass", "warn", "fail", "invalid")) == len(apps)
    for v in ("pass", "warn", "fail", "invalid"):
        assert summary[v] == sum(1 for a in apps if a["verdict"] == v)
        assert sum(a["verdicts"][v] for a in document["agencies"]) == summary[v]
        assert sum(lv["verdicts"][v] for lv in document["levels"]) == summary[v]
    regional = [a for a in apps if a["agency"][:2].isdigit()]
    assert sum(p["apps"] for p in document["provinces"]) == len(regional)
    assert sum(a["apps"] for a in document["agencies"]) == len(apps)
    # per rule: the (app, rule) pairs of the per-app list, split by severity
    assert sum(r["deny"] for r in document["rules"]) == sum(len(a["deny"]) for a in apps)
    assert sum(r["warn"] for r in document["rules"]) == sum(len(a["warn"]) for a in apps)
    for rule in document["rules"]:
        assert rule["appIds"] == sorted(a["id"] for a in apps if rule["id"] in a["rules"])
        assert rule["apps"] == len(rule["appIds"])
    for family in document["families"]:
        assert family["deny"] + family["warnOnly"] + family["clean"] == len(apps)
    assert sum(h["apps"] for h in document["hosting"]) == len(apps)
    assert sum(lv["apps"] for lv in document["hostingByLevel"]) == len(apps)
    fails = {a["id"] for a in apps if a["verdict"] == "fail"}
    assert fails == {a["id"] for a in apps if a["deny"]}


def test_document_carries_revisions_assumptions_and_clusters(document: dict[str, Any]) -> None:
    assert document["registryRevision"] == load_registry(DEFAULT_REGISTRY).revision
    assert document["policyRevision"] == load_policies(POLICIES_DIR).revision
    assert document["registry"]["synthetic"] is True
    assert any("MOR-001" in a for a in document["assumptions"])
    assert document["clusters"]["count"] > 0
    first = document["clusters"]["items"][0]
    assert first["size"] == len(first["apps"]) >= 2 and first["target"]["id"]
    assert document["duplicateFunctions"][0]["agencies"] >= document["duplicateFunctions"][-1]["agencies"]
    assert document["comparison"] is None
    assert all(p["code"] == p["code"][:2] for p in document["provinces"])


# --- the command ---------------------------------------------------------------------------


def test_audit_command_exits_0_even_when_apps_fail(tmp_path: Path) -> None:
    failing = record("APP-000100", "Arsip Statis Karawang", "UJI-SATU", provider="agency-dc")
    registry = registry_with(tmp_path, failing)
    out_json, out_html = tmp_path / "audit.json", tmp_path / "audit.html"
    result = CliRunner().invoke(
        main, ["audit", "--registry", str(registry), "--json", str(out_json), "--html", str(out_html)]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert doc["summary"]["fail"] >= 1
    assert "SPBE-HST-001" in result.stdout and "Registry audit" in result.stdout
    html = out_html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'data-metric="/summary/fail"' in html


def test_a_second_audit_of_the_same_registry_reads_the_index_from_the_cache(
    tmp_path: Path, tiny_policies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index costs seconds to build on the national registry; `check` keeps it, so the audit does too."""
    from checker.registry import compiled as compiled_module

    registry = registry_with(tmp_path, record("APP-000100", "Arsip Statis Karawang", "UJI-SATU"))
    first = audit_registry(registry_source=str(registry), policies_dir=tiny_policies, workers=1)

    def no_build(_apps: Any) -> None:
        raise AssertionError("the index was built again")

    monkeypatch.setattr(compiled_module, "build_match_index", no_build)
    second = audit_registry(registry_source=str(registry), policies_dir=tiny_policies, workers=1)
    assert second["summary"] == first["summary"] and second["audited"] >= 1
    registry.write_text(registry.read_text(encoding="utf-8").replace("Arsip Statis", "Arsip Dinamis"), encoding="utf-8")
    with pytest.raises(AssertionError, match="built again"):  # other bytes: never served from the cache
        audit_registry(registry_source=str(registry), policies_dir=tiny_policies, workers=1)


def test_audit_command_in_indonesian(tmp_path: Path) -> None:
    registry = registry_with(tmp_path, record("APP-000100", "Arsip Statis Karawang", "UJI-SATU"))
    result = CliRunner().invoke(main, ["audit", "--registry", str(registry), "--lang", "id"])
    assert result.exit_code == 0, result.output
    assert "Audit registri" in result.stdout and "lulus" in result.stdout


def test_audit_command_exits_2_when_it_cannot_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["audit", "--registry", str(tmp_path / "missing.json")])
    assert result.exit_code == 2 and "Registry not found" in result.stderr


def test_registry_text_is_escaped_in_the_html(tmp_path: Path) -> None:
    hostile = record(
        "APP-000100",
        "<script>alert(1)</script> Arsip",
        "UJI-SATU",
        agency=("32.15", "Pemerintah <b>Kabupaten</b> Karawang"),
    )
    registry = registry_with(tmp_path, hostile)
    out_html = tmp_path / "audit.html"
    result = CliRunner().invoke(main, ["audit", "--registry", str(registry), "--html", str(out_html)])
    assert result.exit_code == 0, result.output
    html = out_html.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>" not in html


# --- --compare: a policy change's dry run ------------------------------------------------


@pytest.fixture
def policy_repo(tmp_path: Path) -> tuple[Path, str]:
    """A git repository whose second commit disables SPBE-HST-001 (no provider counts as an agency data centre)."""
    root = tmp_path / "repo"
    shutil.copytree(POLICIES_DIR, root / "policies")
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "test@example.invalid")
    repo.index.add(["policies"])
    first = repo.index.commit("policies as they are").hexsha
    config_file = root / "policies" / "spbe" / "config" / "data.json"
    data = json.loads(config_file.read_text(encoding="utf-8"))
    data["agency_dc_providers"] = []
    config_file.write_text(json.dumps(data, indent=2), encoding="utf-8")
    repo.index.add(["policies/spbe/config/data.json"])
    repo.index.commit("disable SPBE-HST-001")
    return root, first


def test_compare_lists_exactly_the_apps_whose_verdict_changes(tmp_path: Path, policy_repo: tuple[Path, str]) -> None:
    root, first = policy_repo
    registry = registry_with(
        tmp_path,
        record("APP-000100", "Arsip Statis Karawang", "UJI-SATU", provider="agency-dc"),  # fail -> pass
        record(
            "APP-000101",
            "Kalender Kegiatan Bekasi",
            "UJI-DUA",
            provider="agency-dc",
            audience="public",
            agency=("32.75", "Pemerintah Kota Bekasi"),
        ),  # fail (MOR-006 too) -> fail: rules change only
        record("APP-000102", "Gudang Obat Bogor", "UJI-TIGA", agency=("32.01", "Pemerintah Kabupaten Bogor")),  # pass
        record(
            "APP-000103",
            "Jadwal Rapat Semarang",
            "UJI-EMPAT",
            provider="commercial-cloud",
            agency=("33.74", "Pemerintah Kota Semarang"),
        ),  # warn
    )
    out_json = tmp_path / "audit.json"
    result = CliRunner().invoke(
        main,
        [
            "audit",
            "--registry",
            str(registry),
            "--policies",
            str(root / "policies"),
            "--compare",
            first,
            "--json",
            str(out_json),
            "--html",
            str(tmp_path / "a.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    comparison = json.loads(out_json.read_text(encoding="utf-8"))["comparison"]
    assert comparison["commit"] == first and comparison["changed"] == 1
    assert comparison["apps"] == [
        {
            "id": "APP-000100",
            "agency": "32.15",
            "before": "fail",
            "after": "pass",
            "added": [],
            "removed": ["SPBE-HST-001"],
        }
    ]
    assert comparison["ruleChangesOnly"] == 2  # APP-000101 and the fixture's APP-000001 stay `fail` (MOR-006)
    assert comparison["transitions"] == {"fail->pass": 1}
    assert comparison["rules"] == [{"id": "SPBE-HST-001", "added": 0, "removed": 1}]
    assert "APP-000100" in result.stdout and "-SPBE-HST-001" in result.stdout
    assert "APP-000101" not in result.stdout.split("change verdict")[1]
    assert 'data-metric="/comparison/changed"' in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_compare_with_an_unknown_revision_exits_2(tmp_path: Path, policy_repo: tuple[Path, str]) -> None:
    root, _ = policy_repo
    registry = registry_with(tmp_path, record("APP-000100", "Arsip Statis Karawang", "UJI-SATU"))
    result = CliRunner().invoke(
        main,
        ["audit", "--registry", str(registry), "--policies", str(root / "policies"), "--compare", "no-such-branch"],
    )
    assert result.exit_code == 2 and "no-such-branch" in result.stderr


def test_compare_needs_policies_inside_a_repository(tmp_path: Path, tiny_policies: Path) -> None:
    registry = registry_with(tmp_path, record("APP-000100", "Arsip Statis Karawang", "UJI-SATU"))
    result = CliRunner().invoke(
        main, ["audit", "--registry", str(registry), "--policies", str(tiny_policies), "--compare", "HEAD"]
    )
    assert result.exit_code == 2
