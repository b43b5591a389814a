"""The apps a proposal most likely duplicates: one ranked list across its findings (checker/judging/closest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import CannotJudge
from checker.judging.closest import (
    closest_apps,
    declared_code_rules,
    evidence_order,
    order_for,
    reads_like_declared_code,
    suggestion_limit,
    weak_evidence,
)
from checker.judging.evaluate import Target, open_judge
from checker.model import Result, Suggestion, Text, Violation
from checker.plumbing.paths import DEFAULT_REGISTRY, POLICIES_DIR, PROJECT_ROOT

ORDER = ("SPBE-MOR-011", "SPBE-MOR-003", "SPBE-MOR-002", "SPBE-MOR-005", "SPBE-MOR-004")


def finding(rule: str, *ids: str) -> Violation:
    return Violation(rule, "warn", Text("m", "m"), "spec.functions", 1, 1, tuple(Suggestion(i, i, 0.5) for i in ids))


def judged(tmp_path: Path, slug: str, name: str, agency: tuple[str, str], description: str, function: str) -> Result:
    """One compliant-looking new proposal (justified, PDN-hosted, internal) judged with the real pack and sample registry."""
    manifest = tmp_path / f"{slug}.yaml"
    manifest.write_text(
        f"""apiVersion: spbe.go.id/v1
kind: ApplicationProposal
metadata:
  id: {slug}
  name: {name}
  agency:
    code: "{agency[0]}"
    name: {agency[1]}
  contact: diskominfo@example.go.id
spec:
  kind: new
  description: {description}
  justification: Tidak ada aplikasi terdaftar maupun layanan bersama yang memenuhi kebutuhan ini menurut kajian dinas bersama kementerian.
  audience: government
  channels: [web]
  functions: [{function}]
  hosting: {{provider: pdn, site: PDN-JABODETABEK, drSite: PDN-BATAM, country: ID}}
  data: {{criticality: low, personalData: false}}
""",
        encoding="utf-8",
    )
    judge = open_judge(POLICIES_DIR, str(DEFAULT_REGISTRY), None, "embedded")
    (result,) = judge.check([Target(manifest, manifest.name, True)], root=tmp_path).results
    return result


def test_rules_are_read_in_evidence_order_not_report_order() -> None:
    report_order = [
        finding("SPBE-MOR-005", "APP-1"),
        finding("SPBE-MOR-002", "SHARED-EKINERJA"),
        finding("SPBE-MOR-011", "SHARED-SRIKANDI"),
    ]
    got = [s.id for s in closest_apps(report_order, ORDER)]
    assert got == ["SHARED-SRIKANDI", "SHARED-EKINERJA", "APP-1"]


def test_each_app_once_other_rules_ignored_and_the_cap_applies() -> None:
    found = [
        finding("SPBE-MOR-004", "APP-1", "APP-2", "APP-3"),
        finding("SPBE-MOR-005", "APP-2", "APP-4"),
        finding("SPBE-MOR-006", "SHARED-INAKU"),  # not duplicate evidence
    ]
    assert [s.id for s in closest_apps(found, ORDER)] == ["APP-2", "APP-4", "APP-1", "APP-3"]
    assert [s.id for s in closest_apps(found, ORDER, 2)] == ["APP-2", "APP-4"]
    assert closest_apps(found, ()) == ()


def test_suggestions_on_weak_evidence_come_after_all_the_others() -> None:
    """MOR-003's own app of the function, named from a faint resemblance, after MOR-004's candidates
    and MOR-005's near names; its stronger suggestions keep their place."""
    found = [
        Violation(
            "SPBE-MOR-003",
            "warn",
            Text("m", "m"),
            "spec.functions[0]",
            1,
            1,
            (Suggestion("APP-OWN-STRONG", "x", 0.5), Suggestion("APP-OWN-FAINT", "x", 0.16)),
        ),
        finding("SPBE-MOR-004", "APP-1"),
        finding("SPBE-MOR-005", "APP-2"),
    ]
    weak = {"SPBE-MOR-003": 0.26}
    got = [s.id for s in closest_apps(found, ORDER, None, weak)]
    assert got == ["APP-OWN-STRONG", "APP-2", "APP-1", "APP-OWN-FAINT"]
    assert [s.id for s in closest_apps(found, ORDER)] == ["APP-OWN-STRONG", "APP-OWN-FAINT", "APP-2", "APP-1"]
    assert [s.id for s in closest_apps(found, ORDER, 3, weak)] == ["APP-OWN-STRONG", "APP-2", "APP-1"]


@pytest.mark.parametrize(
    "weak",
    [["SPBE-MOR-003"], {"SPBE-MOR-099": 0.2}, {"SPBE-MOR-003": "0.2"}, {"SPBE-MOR-003": 1.5}, {"SPBE-MOR-003": True}],
)
def test_malformed_weak_evidence_cannot_judge(weak: object) -> None:
    with pytest.raises(CannotJudge):
        weak_evidence({"closest_weak_evidence": weak}, ORDER)
    assert weak_evidence({}, ORDER) == {}
    assert weak_evidence({"closest_weak_evidence": {"SPBE-MOR-003": 0.26}}, ORDER) == {"SPBE-MOR-003": 0.26}


def test_the_agencys_own_app_of_the_function_is_named_after_the_apps_the_text_resembles(tmp_path: Path) -> None:
    """Pakpak Bharat's rural bus tracker (holdout58, a duplicate of the regency's "Trans Pakpak Bharat").

    The text reads like other regions' bus apps (MOR-004) and only faintly like the regency's own
    app; the function they share is the evidence, so MOR-003 warns and names the own app, and
    `closest` lists it after the apps the text resembles. Neither is a deny.
    """
    result = judged(
        tmp_path,
        "bus-pakpak",
        "Pakpak Bharat Rural Bus Tracker",
        ("12.15", "Pemerintah Kabupaten Pakpak Bharat"),
        "Jadwal, rute dan posisi real-time bus perdesaan milik Pemkab yang melayani Salak dan kecamatan sekitarnya.",
        "TRN-ANGKUTAN",
    )
    mor_003 = [v for v in result.violations if v.rule == "SPBE-MOR-003"]
    assert [v.severity for v in mor_003] == ["warn"]
    assert "APP-005629" in [s.id for s in mor_003[0].suggestions]
    closest = [s.id for s in result.closest]
    assert "APP-005629" in closest and closest[0] != "APP-005629"
    assert "SPBE-MOR-004" in {v.rule for v in result.violations}


def test_a_wrong_code_does_not_hide_the_agencys_own_app_of_the_function_read(tmp_path: Path) -> None:
    """ "Mataram Siaga 112" (holdout57), filed under public order, reads like the emergency-call function.

    Lampung Selatan's "Call Center 112" resembles it (MOR-004), and the city's own "Call Center
    112 Mataram" (0.40, under `reuse`) is the app to extend: MOR-003 warns and names it first.
    """
    result = judged(
        tmp_path,
        "siaga-112",
        "Mataram Siaga 112",
        ("52.71", "Pemerintah Kota Mataram"),
        "Layanan panggilan darurat 112 terpadu, operator meneruskan ke damkar, ambulans dan kepolisian.",
        "KAM-KETERTIBAN",
    )
    mor_003 = [v for v in result.violations if v.rule == "SPBE-MOR-003"]
    assert [(v.severity, v.field) for v in mor_003] == [("warn", "spec.functions")]
    assert result.closest[0].id == "APP-017280"


@pytest.mark.parametrize(
    "config",
    [{"closest_evidence": "SPBE-MOR-011"}, {"closest_evidence": [11]}, {"closest_evidence": ["SPBE-MOR-099"]}],
)
def test_a_malformed_evidence_order_cannot_judge(config: dict[str, object]) -> None:
    with pytest.raises(CannotJudge):
        evidence_order(config, set(ORDER))


def test_the_declared_codes_rules_go_last_only_when_the_text_reads_otherwise() -> None:
    order = ("SPBE-MOR-011", "SPBE-MOR-002", "SPBE-MOR-005")
    assert order_for(order, ("SPBE-MOR-002",), True) == order
    assert order_for(order, ("SPBE-MOR-002",), False) == ("SPBE-MOR-011", "SPBE-MOR-005", "SPBE-MOR-002")
    assert order_for(order, (), False) == order


def test_the_text_reads_like_the_declared_code_by_inference_or_by_its_closest_app() -> None:
    call_center = {"id": "APP-1", "score": 0.66, "functions": ["KAM-KEDARURATAN"]}
    complaints = {"id": "APP-2", "score": 0.5, "functions": ["LYN-PENGADUAN"]}
    assert not reads_like_declared_code({"similar": [complaints, call_center], "inferred": []}, ["LYN-PENGADUAN"])
    assert reads_like_declared_code({"similar": [complaints], "inferred": []}, ["LYN-PENGADUAN"])
    assert reads_like_declared_code({"similar": [], "inferred": [{"code": "LYN-PENGADUAN"}]}, ["LYN-PENGADUAN"])
    assert not reads_like_declared_code({}, ["LYN-PENGADUAN"])


@pytest.mark.parametrize("rules", ["SPBE-MOR-002", [2], ["SPBE-MOR-006"]])
def test_malformed_declared_code_rules_cannot_judge(rules: object) -> None:
    with pytest.raises(CannotJudge):
        declared_code_rules({"closest_declared_code_rules": rules}, ORDER)
    assert declared_code_rules({}, ORDER) == ()


@pytest.mark.parametrize("limit", [0, "5", True, 2.5])
def test_a_malformed_suggestion_cap_cannot_judge(limit: object) -> None:
    with pytest.raises(CannotJudge):
        suggestion_limit({"max_suggestions": limit})
    assert suggestion_limit({}) == 5


def test_the_service_the_text_reads_like_comes_before_the_declared_codes_owner(tmp_path: Path) -> None:
    """A paperless office filed under ADM-KINERJA: the text reads like SRIKANDI's function.

    MOR-002 (the declared code's owner, e-Kinerja) and MOR-011 (SRIKANDI) both fire; the
    evidence is the text, so SRIKANDI is the first of `closest` (and of the PR comment's list),
    and e-Kinerja, which only the code names, the last.
    """
    result = judged(
        tmp_path,
        "pekanbaru-paperless",
        "Paperless Office Pekanbaru",
        ("14.71", "Pemerintah Kota Pekanbaru"),
        "Surat dinas masuk dan keluar, disposisi pimpinan, dan arsip OPD dikelola tanpa kertas.",
        "ADM-KINERJA",
    )
    rules = {v.rule for v in result.violations}
    assert {"SPBE-MOR-002", "SPBE-MOR-011"} <= rules
    closest = [s.id for s in result.closest]
    assert closest[0] == "SHARED-SRIKANDI"
    assert closest[-1] == "SHARED-EKINERJA"  # the text does not read like performance: the code's owner comes last
    assert len(result.closest) <= 5


def test_apps_the_text_reads_like_come_before_the_declared_codes_owner(tmp_path: Path) -> None:
    """A DPRD "pokir" app filed under SIPD's code (KEU-PERENCANAAN-DAERAH).

    MOR-002 judges the code and names SIPD; the text reads like the DPRD apps, so MOR-003
    names Sleman's own e-DPRD (the function the text reads like, another code declared) and
    MOR-004 other regions' DPRD apps, beside MOR-002. The text is the evidence: the DPRD
    apps come first in `closest`, SIPD after them.
    """
    result = judged(
        tmp_path,
        "sleman-pokir",
        "e-Pokir DPRD Sleman",
        ("34.04", "Pemerintah Kabupaten Sleman"),
        "Anggota dewan mengusulkan pokok-pokok pikiran hasil reses, dan sekretariat DPRD memantau usulan yang masuk"
        " ke rencana kerja pemerintah daerah.",
        "KEU-PERENCANAAN-DAERAH",
    )
    found = {(v.rule, v.field) for v in result.violations}
    assert {("SPBE-MOR-002", "spec.functions[0]"), ("SPBE-MOR-003", "spec.functions")} <= found
    assert ("SPBE-MOR-004", "spec.functions") in found
    closest = [s.id for s in result.closest]
    assert closest[0] == "APP-014343"  # e-DPRD Sleman, the agency's own
    assert "SHARED-SIPD" in closest
    assert closest.index("SHARED-SIPD") == len(closest) - 1


def test_the_declared_codes_owner_comes_after_what_the_text_reads_like(tmp_path: Path) -> None:
    """An emergency call centre filed under the complaints code: MOR-002 names SP4N-LAPOR! (the code's
    owner), MOR-005 a 112 call centre the text resembles. The text does not read like complaints, so
    the call centre comes first; the SPEC's own complaints proposal, whose text does, keeps LAPOR first."""
    result = judged(
        tmp_path,
        "maros-call-center",
        "Emergency Call Center 112 Maros",
        ("73.09", "Pemerintah Kabupaten Maros"),
        "Panggilan darurat 112 dari warga diterima operator dan diteruskan ke ambulans, pemadam kebakaran dan polisi.",
        "LYN-PENGADUAN",
    )
    assert {"SPBE-MOR-002", "SPBE-MOR-005"} <= {v.rule for v in result.violations}
    closest = [s.id for s in result.closest]
    assert closest[-1] == "SHARED-LAPOR" and closest[0] != "SHARED-LAPOR"

    complaints = PROJECT_ROOT / "manifests" / "kabupaten-karawang" / "lapor-warga.yaml"
    judge = open_judge(POLICIES_DIR, str(DEFAULT_REGISTRY), None, "embedded")
    (result,) = judge.check([Target(complaints, complaints.name, True)], root=PROJECT_ROOT).results
    assert result.closest[0].id == "SHARED-LAPOR"
