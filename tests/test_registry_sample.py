"""The sample national registry: deterministic, at national scale, and what other code relies on."""

from __future__ import annotations

import collections
import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest

from checker.plumbing.paths import DEFAULT_REGISTRY, REGISTRY_DIR
from checker.registry.samplegen.__main__ import main
from checker.registry.samplegen.generate import build_sample_registry, write_registry

SOURCES = REGISTRY_DIR / "sources" / "idn-area"
APP_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,62}$")
SHARED_OWNERS = {
    "SHARED-SRIKANDI": ("anri", "ADM-ARSIP"),
    "SHARED-SIASN": ("bkn", "ADM-KEPEGAWAIAN"),
    "SHARED-EKINERJA": ("bkn", "ADM-KINERJA"),
    "SHARED-SPSE": ("lkpp", "ADM-PENGADAAN"),
    "SHARED-SIPD": ("kemendagri", "KEU-PERENCANAAN-DAERAH"),
    "SHARED-SAKTI": ("kemenkeu", "KEU-AKUNTANSI-PUSAT"),
    "SHARED-SIMPONI": ("kemenkeu", "KEU-PNBP"),
    "SHARED-LAPOR": ("kemenpanrb", "LYN-PENGADUAN"),
    "SHARED-JDIHN": ("kemenkum", "HKM-JDIH"),
    "SHARED-SATUDATA": ("bappenas", "DAT-SATUDATA"),
    "SHARED-SPLP": ("komdigi", "INT-PERTUKARAN-DATA"),
    "SHARED-IKD": ("kemendagri", "IDN-KEPENDUDUKAN"),
    "SHARED-INAPAS": ("peruri", "IDN-SSO"),
    "SHARED-BSRE": ("bssn", "SIG-TTE"),
    "SHARED-INAKU": ("peruri", "LYN-SUPERAPP"),
}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return build_sample_registry(SOURCES)


@pytest.fixture(scope="module")
def apps(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {app["id"]: app for app in doc["apps"]}


def test_building_twice_gives_equal_documents(doc: dict[str, Any]) -> None:
    assert build_sample_registry(SOURCES) == doc


def test_writing_twice_gives_identical_bytes(doc: dict[str, Any], tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "r.json.gz", tmp_path / "b" / "r.json.gz"
    write_registry(doc, first)
    write_registry(doc, second)
    raw = first.read_bytes()
    assert raw == second.read_bytes()
    assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0"  # gzip, mtime 0
    assert not raw[3] & 0x08  # no file name in the header
    assert json.loads(gzip.decompress(raw)) == doc


def test_plain_json_when_not_gz(doc: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    write_registry(doc, path)
    assert json.loads(path.read_text(encoding="utf-8")) == doc


def test_committed_registry_is_a_fresh_build(doc: dict[str, Any]) -> None:
    """The default registry never drifts from the generator: regenerate it when this fails."""
    fresh = (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    assert gzip.decompress(DEFAULT_REGISTRY.read_bytes()) == fresh, (
        "registry/national-registry.json.gz is stale: run `python -m checker.registry.samplegen`"
    )


def test_document_form(doc: dict[str, Any]) -> None:
    assert doc["apiVersion"] == "spbe.go.id/v1" and doc["kind"] == "Registry"
    assert doc["metadata"]["revision"] == "2026-11-01" and doc["metadata"]["synthetic"] is True
    assert "idn-area-data" in doc["metadata"]["attribution"] and "ODbL" in doc["metadata"]["attribution"]
    assert doc["integration"] == {"bus": "SHARED-SPLP", "superApp": "SHARED-INAKU"}
    assert 40 <= len(doc["taxonomy"]) <= 60
    for entry in doc["taxonomy"]:
        assert re.fullmatch(r"[A-Z]{3}-[A-Z-]+", entry["code"]) and entry["name"]["en"] and entry["name"]["id"]


def test_national_scale_with_unique_well_formed_ids(doc: dict[str, Any], apps: dict[str, Any]) -> None:
    assert len(doc["apps"]) >= 27_400
    assert len(apps) == len(doc["apps"])
    assert all(APP_ID.match(app_id) for app_id in apps)


def test_every_app_is_complete_and_uses_taxonomy_codes(doc: dict[str, Any]) -> None:
    codes = {t["code"] for t in doc["taxonomy"]}
    for app in doc["apps"]:
        assert app["functions"] and set(app["functions"]) <= codes, app["id"]
        assert app["name"] and app["description"], app["id"]
        assert app["agency"]["level"] in ("central", "province", "regency")
        assert app["status"] in ("active", "retired") and isinstance(app["shared"], bool)
        assert app["audience"] in ("public", "government", "internal")
        assert app["channels"] and set(app["channels"]) <= {"web", "mobile", "api", "desktop"}
        assert app["hosting"]["provider"] in ("pdn", "gov-cloud", "agency-dc", "commercial-cloud")
        assert app["hosting"]["site"] and re.fullmatch(r"[A-Z]{2}", app["hosting"]["country"])


def test_shared_services_and_their_functions(apps: dict[str, Any]) -> None:
    shared = {app_id for app_id, app in apps.items() if app["shared"]}
    assert shared == set(SHARED_OWNERS)
    for app_id, (agency, function) in SHARED_OWNERS.items():
        app = apps[app_id]
        assert app["status"] == "active"
        assert app["agency"]["code"] == agency and app["agency"]["level"] == "central"
        assert function in app["functions"]
        assert app["hosting"] == {"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "PDN-BATAM", "country": "ID"}
        assert app.get("url", "https://").startswith("https://")
        assert all(api["gateway"] == "SHARED-SPLP" for api in app.get("apis", []))
    assert apps["SHARED-LAPOR"]["name"] == "SP4N-LAPOR!"


def test_capability_and_integration_providers_are_registry_apps(doc: dict[str, Any], apps: dict[str, Any]) -> None:
    caps = doc["capabilities"]
    assert caps["identity"]["providers"] == ["SHARED-INAPAS", "SHARED-IKD"]
    assert caps["signature"]["providers"] == ["SHARED-BSRE"]
    assert caps["payment"]["providers"] == ["SHARED-SIMPONI"]
    assert caps["archive"]["providers"] == ["SHARED-SRIKANDI"]
    assert any(cap["providers"] == [] for cap in caps.values())
    for cap in caps.values():
        assert all(provider in apps for provider in cap["providers"])
    assert all(app_id in apps for app_id in doc["integration"].values())


def test_the_552_real_regional_governments(doc: dict[str, Any]) -> None:
    agencies = {(a["agency"]["code"], a["agency"]["level"]): a["agency"]["name"] for a in doc["apps"]}
    provinces = {code for code, level in agencies if level == "province"}
    regencies = {code for code, level in agencies if level == "regency"}
    assert len(provinces) == 38 and all(re.fullmatch(r"\d\d", c) for c in provinces)
    assert len(regencies) == 514 and all(re.fullmatch(r"\d\d\.\d\d", c) for c in regencies)
    assert agencies[("32.15", "regency")] == "Pemerintah Kabupaten Karawang"
    assert agencies[("32.73", "regency")] == "Pemerintah Kota Bandung"
    assert agencies[("32", "province")] == "Pemerintah Provinsi Jawa Barat"
    assert agencies[("31", "province")] == "Pemerintah Provinsi DKI Jakarta"
    assert agencies[("19", "province")] == "Pemerintah Provinsi Kepulauan Bangka Belitung"
    central = {code for code, level in agencies if level == "central"}
    assert 60 <= len(central) <= 90
    assert {
        "kemenkes",
        "kemenkeu",
        "kemendagri",
        "komdigi",
        "kemenpanrb",
        "bkn",
        "lkpp",
        "anri",
        "bssn",
        "bps",
        "bappenas",
        "kemenkum",
        "peruri",
        "kemendikdasmen",
        "kemensos",
        "kemenhub",
        "kementan",
        "polri",
    } <= central


def test_karawang_runs_parking_and_complaint_apps(doc: dict[str, Any]) -> None:
    karawang = [a for a in doc["apps"] if a["agency"]["code"] == "32.15" and a["status"] == "active"]
    parking = [a for a in karawang if "LYN-PARKIR" in a["functions"]]
    assert len(parking) >= 2
    assert all("Parkir" in a["name"] and "Karawang" in a["name"] for a in parking)
    assert any("LYN-PENGADUAN" in a["functions"] for a in karawang)


def test_example_manifest_pairs_have_no_active_app(doc: dict[str, Any]) -> None:
    """The shipped example modules must not collide with an app their agency already runs."""
    pairs = {
        ("32.15", "LYN-PERIZINAN"),
        ("32.73", "SOS-BANSOS"),
        ("51.71", "PAR-PARIWISATA"),
        ("33.74", "TRN-ANGKUTAN"),
        ("35.78", "LYN-PAJAK-DAERAH"),
    }
    for app in doc["apps"]:
        if app["status"] == "active":
            assert not {(app["agency"]["code"], f) for f in app["functions"]} & pairs, app["id"]


def test_realistic_duplication_and_mix(doc: dict[str, Any]) -> None:
    active = [a for a in doc["apps"] if a["status"] == "active" and not a["shared"]]
    # Agencies rebuild what shared services already provide.
    owned = {"ADM-ARSIP", "ADM-KEPEGAWAIAN", "ADM-PENGADAAN", "LYN-PENGADUAN"}
    for function in owned:
        assert sum(function in a["functions"] for a in active) > 200, function
    # Some agencies run two active apps for the same function.
    per_agency = collections.Counter((a["agency"]["code"], f) for a in active for f in a["functions"])
    assert sum(n >= 2 for n in per_agency.values()) > 500
    # Near-identical names across agencies.
    simpeg = [a for a in active if a["name"].startswith("SIMPEG ")]
    assert len(simpeg) > 50
    total = len(doc["apps"])
    retired = sum(a["status"] == "retired" for a in doc["apps"]) / total
    assert 0.05 <= retired <= 0.11
    hosting = collections.Counter(a["hosting"]["provider"] for a in doc["apps"])
    assert 0.52 <= hosting["agency-dc"] / total <= 0.62
    assert 0.14 <= hosting["pdn"] / total <= 0.22
    assert any(a["hosting"]["country"] == "SG" for a in doc["apps"])


def test_the_committed_registry_loads(doc: dict[str, Any]) -> None:
    from checker.registry.load import load_registry

    registry = load_registry(DEFAULT_REGISTRY)
    assert registry.revision == "2026-11-01" and len(registry.apps) == len(doc["apps"])


def test_main_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "registry.json.gz"
    assert main(["--output", str(out), "--sources", str(SOURCES)]) == 0
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(DEFAULT_REGISTRY.read_bytes())
    assert "applications" in capsys.readouterr().out


def test_app_records_carry_interoperability_like_a_manifest(doc: dict[str, Any], apps: dict[str, Any]) -> None:
    """Issue 11 item 8: the audit's INT counts are real, so records say how each app integrates."""
    bus = doc["integration"]["bus"]
    audited = [a for a in doc["apps"] if a["status"] == "active" and not a["shared"]]
    with_interop = [a for a in audited if "interoperability" in a]
    assert len(with_interop) > len(audited) // 5
    kinds = collections.Counter()
    for app in with_interop:
        interop = app["interoperability"]
        assert set(interop) <= {"apis", "consumes", "datasets"} and interop, app["id"]
        for api in interop.get("apis", []):
            assert set(api) <= {"name", "openapi", "gateway"} and api["gateway"] in {bus, "direct"}
            assert api.get("openapi", "https://").startswith("https://")
            kinds["api-" + ("bus" if api["gateway"] == bus else "direct")] += 1
        for consumed in interop.get("consumes", []):
            assert consumed["provider"] in apps and consumed["via"] in {bus, "direct"}
            kinds["consumes"] += 1
        for dataset in interop.get("datasets", []):
            assert isinstance(dataset["satuData"], bool)
            kinds["dataset-" + str(dataset["satuData"])] += 1
    # every INT rule has something to judge, both ways
    assert all(kinds[k] > 100 for k in ("api-bus", "api-direct", "consumes", "dataset-True", "dataset-False")), kinds
    api_apps = [a for a in audited if "api" in a["channels"]]
    assert api_apps and all(a.get("interoperability", {}).get("apis") for a in api_apps)
