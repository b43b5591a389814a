"""A floor under the duplicate-detection figures on the labelled set (bench/duplicates/cases.yaml).

Not a timed test: it runs bench/duplicates.py's evaluation (the real Judge, embedded engine,
sample registry) and checks quality only. The floors sit a little under the figures recorded
in BENCHMARKS.md, so a change that makes duplicate detection worse fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("bench_duplicates", ROOT / "bench" / "duplicates.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_duplicates"] = module
    spec.loader.exec_module(module)
    return module.evaluate()


def test_the_set_is_large_enough_and_mixed(figures: dict[str, Any]) -> None:
    assert figures["cases"] >= 150
    assert figures["new"] >= 40
    assert figures["shared_cases"] >= 13


@pytest.mark.parametrize(
    ("measure", "floor"),
    [
        ("precision", 0.90),
        ("recall", 0.95),
        ("top1", 0.90),
        ("top3", 0.95),
        ("shared_named", 0.90),
    ],
)
def test_quality_floor(figures: dict[str, Any], measure: str, floor: float) -> None:
    assert figures[measure] >= floor, figures


@pytest.mark.parametrize(("measure", "ceiling"), [("new_flagged", 0.10), ("new_any_mor", 0.20)])
def test_false_alarm_ceiling(figures: dict[str, Any], measure: str, ceiling: float) -> None:
    assert figures[measure] <= ceiling, figures


def test_naming_the_expected_shared_service_is_a_right_answer(figures: dict[str, Any], tmp_path: Path) -> None:
    """A case labelled only `expect: {shared: …}` is caught when its suggestions name that service (the docstring's
    definition); it used to count as a miss whatever was suggested."""
    case = {
        "id": "s1",
        "category": "shared",
        "agency": {"code": "32.15", "name": "Pemerintah Kabupaten Karawang"},
        "name": "e-Office Karawang",
        "description": "Tata naskah dinas elektronik, surat masuk dan keluar, disposisi.",
        "kind": "new",
        "functions": ["DAT-STATISTIK"],
        "expect": {"shared": "SHARED-SRIKANDI"},
    }
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump({"cases": [case]}), encoding="utf-8")
    one = sys.modules["bench_duplicates"].evaluate(path)
    assert one["shared_named"] == 1.0 and one["recall"] == 1.0, one


# The held-out sets (BENCHMARKS.md says when each was first measured untouched and when it was later studied): a
# floor a little under their figures, so a change that helps the tuning set by hurting proposals written by others fails.
# top-1 reads the product's `closest` (checker/judging/closest.py), as a reviewer does.
HELD_OUT_FLOORS = {
    "holdout2.yaml": {"precision": 0.93, "recall": 0.97, "top1": 0.92, "top3": 0.97},
    # holdout3, top-1: since the eleventh round "Visit" reads as tourism, and Jambi's own "Website Dinas Pariwisata
    # Kota Jambi" comes first for "Visit Jambi Tourism App" (own apps first), before the tourism template it is labelled with.
    # holdout3, top-1 since the twelfth round: Pariaman's own app of the street-lighting function comes before the
    # street-lighting template the case is labelled with (MOR-003 names own apps of a declared function that other
    # agencies' reuse candidates vouch for, and own apps come first).
    # holdout3's precision floor was 0.97 until the nineteenth round: with "Maninjau" read as a lake (a place), the new
    # "Pemantauan Kualitas Air Danau Maninjau Agam" (lake water quality) is warned about an air-quality app (MOR-004).
    "holdout3.yaml": {"precision": 0.95, "recall": 0.97, "top1": 0.91, "top3": 0.97},
    "holdout4.yaml": {"precision": 0.97, "recall": 0.88, "top1": 0.85, "top3": 0.88},
    "holdout5.yaml": {"precision": 0.9, "recall": 0.92, "top1": 0.84, "top3": 0.92, "shared_named": 0.89},
    "holdout6.yaml": {"precision": 0.97, "recall": 0.95, "top1": 0.95, "top3": 0.95, "shared_named": 0.97},
    # holdout7, precision 0.94 -> 0.926 since the seventeenth round: "Layanan Sewa Rusunawa Kulon Progo", labelled new,
    # is warned with the ministries' rusun apps (MOR-004) since rusunawa reads as rusun (see holdout38's ceiling).
    "holdout7.yaml": {"precision": 0.91, "recall": 0.95, "top1": 0.92, "top3": 0.95, "shared_named": 0.89},
    "holdout8.yaml": {"precision": 0.95, "recall": 0.93, "top1": 0.93, "top3": 0.93, "shared_named": 0.97},
    "holdout9.yaml": {"precision": 0.91, "recall": 0.91, "top1": 0.86, "top3": 0.91, "shared_named": 0.97},
    "holdout10.yaml": {"precision": 0.9, "recall": 0.83, "top1": 0.75, "top3": 0.79, "shared_named": 0.9},
    "holdout11.yaml": {"precision": 0.88, "recall": 0.88, "top1": 0.85, "top3": 0.88, "shared_named": 0.97},
    "holdout12.yaml": {"precision": 0.92, "recall": 0.86, "top1": 0.8, "top3": 0.86, "shared_named": 0.97},
    "holdout13.yaml": {"precision": 0.92, "recall": 0.89, "top1": 0.84, "top3": 0.87, "shared_named": 0.97},
    "holdout14.yaml": {"precision": 0.93, "recall": 0.87, "top1": 0.84, "top3": 0.85, "shared_named": 0.97},
    "holdout15.yaml": {"precision": 0.86, "recall": 0.92, "top1": 0.88, "top3": 0.92, "shared_named": 0.97},
    "holdout16.yaml": {"precision": 0.93, "recall": 0.92, "top1": 0.84, "top3": 0.92, "shared_named": 0.9},
    "holdout17.yaml": {"precision": 0.84, "recall": 0.79, "top1": 0.75, "top3": 0.79, "shared_named": 0.91},
    "holdout18.yaml": {"precision": 0.95, "recall": 0.88, "top1": 0.86, "top3": 0.88, "shared_named": 0.9},
    "holdout19.yaml": {"precision": 0.91, "recall": 0.79, "top1": 0.76, "top3": 0.79, "shared_named": 0.83},
    "holdout20.yaml": {"precision": 0.92, "recall": 0.9, "top1": 0.8, "top3": 0.9, "shared_named": 0.9},
    "holdout21.yaml": {"precision": 0.9, "recall": 0.93, "top1": 0.91, "top3": 0.93, "shared_named": 0.97},
    "holdout22.yaml": {"precision": 0.87, "recall": 0.83, "top1": 0.79, "top3": 0.82, "shared_named": 0.85},
    "holdout23.yaml": {"precision": 0.87, "recall": 0.75, "top1": 0.72, "top3": 0.74, "shared_named": 0.89},
    "holdout24.yaml": {"precision": 0.92, "recall": 0.89, "top1": 0.84, "top3": 0.89, "shared_named": 0.91},
    # holdout25, shared services named since the twelfth round: "bidan" (a midwife) is a dictionary word, no longer
    # corrected, and "Nurse and Midwife e-Performance RSUD AW Sjahranie" no longer reaches e-Kinerja.
    "holdout25.yaml": {"precision": 0.95, "recall": 0.68, "top1": 0.61, "top3": 0.68, "shared_named": 0.65},
    "holdout26.yaml": {"precision": 0.77, "recall": 0.72, "top1": 0.67, "top3": 0.7, "shared_named": 0.84},
    # holdout27: since the fourteenth round (registry descriptions at half a name word) one more new app has a
    # finding and one shared service under a wrong code is named no more (precision 0.97 -> 0.92, shared 1.0 -> 0.94).
    "holdout27.yaml": {"precision": 0.9, "recall": 0.8, "top1": 0.7, "top3": 0.8, "shared_named": 0.92},
    "holdout28.yaml": {"precision": 0.9, "recall": 0.86, "top1": 0.78, "top3": 0.83, "shared_named": 0.97},
    "holdout29.yaml": {"precision": 0.9, "recall": 0.87, "top1": 0.82, "top3": 0.87, "shared_named": 0.9},
    "holdout30.yaml": {"precision": 0.86, "recall": 0.8, "top1": 0.76, "top3": 0.8, "shared_named": 0.78},
    "holdout31.yaml": {"precision": 0.91, "recall": 0.91, "top1": 0.83, "top3": 0.88, "shared_named": 0.9},
    "holdout32.yaml": {"precision": 0.9, "recall": 0.91, "top1": 0.91, "top3": 0.91, "shared_named": 0.97},
    "holdout33.yaml": {"precision": 0.84, "recall": 0.74, "top1": 0.68, "top3": 0.74, "shared_named": 0.97},
    "holdout34.yaml": {"precision": 0.95, "recall": 0.84, "top1": 0.8, "top3": 0.84, "shared_named": 0.85},
    "holdout35.yaml": {"precision": 0.88, "recall": 0.86, "top1": 0.81, "top3": 0.86, "shared_named": 0.97},
    "holdout36.yaml": {"precision": 0.86, "recall": 0.79, "top1": 0.72, "top3": 0.78, "shared_named": 0.97},
    "holdout37.yaml": {"precision": 0.91, "recall": 0.84, "top1": 0.81, "top3": 0.84, "shared_named": 0.97},
    "holdout38.yaml": {"precision": 0.83, "recall": 0.7, "top1": 0.65, "top3": 0.7, "shared_named": 0.9},
    "holdout39.yaml": {"precision": 0.91, "recall": 0.86, "top1": 0.86, "top3": 0.86, "shared_named": 0.97},
    "holdout40.yaml": {"precision": 0.86, "recall": 0.83, "top1": 0.78, "top3": 0.83, "shared_named": 0.9},
    "holdout41.yaml": {"precision": 0.89, "recall": 0.83, "top1": 0.79, "top3": 0.83, "shared_named": 0.97},
    "holdout42.yaml": {"precision": 0.92, "recall": 0.74, "top1": 0.68, "top3": 0.74, "shared_named": 0.66},
    "holdout43.yaml": {"precision": 0.83, "recall": 0.79, "top1": 0.74, "top3": 0.79, "shared_named": 0.9},
    "holdout44.yaml": {"precision": 0.89, "recall": 0.84, "top1": 0.81, "top3": 0.84, "shared_named": 0.97},
    "holdout45.yaml": {"precision": 0.91, "recall": 0.83, "top1": 0.79, "top3": 0.83, "shared_named": 0.81},
    "holdout46.yaml": {"precision": 0.92, "recall": 0.93, "top1": 0.88, "top3": 0.93, "shared_named": 0.97},
    "holdout47.yaml": {"precision": 0.91, "recall": 0.9, "top1": 0.81, "top3": 0.9, "shared_named": 0.97},
    "holdout48.yaml": {"precision": 0.93, "recall": 0.78, "top1": 0.75, "top3": 0.78, "shared_named": 0.82},
    "holdout49.yaml": {"precision": 0.83, "recall": 0.86, "top1": 0.79, "top3": 0.84, "shared_named": 0.9},
    "holdout50.yaml": {"precision": 0.91, "recall": 0.82, "top1": 0.77, "top3": 0.82, "shared_named": 0.83},
    "holdout51.yaml": {"precision": 0.87, "recall": 0.69, "top1": 0.64, "top3": 0.67, "shared_named": 0.89},
    "holdout52.yaml": {"precision": 0.9, "recall": 0.82, "top1": 0.78, "top3": 0.82, "shared_named": 0.97},
    "holdout53.yaml": {"precision": 0.88, "recall": 0.82, "top1": 0.81, "top3": 0.82, "shared_named": 0.86},
    "holdout54.yaml": {"precision": 0.93, "recall": 0.78, "top1": 0.76, "top3": 0.78, "shared_named": 0.82},
    "holdout55.yaml": {"precision": 0.94, "recall": 0.7, "top1": 0.7, "top3": 0.7, "shared_named": 0.77},
    "holdout56.yaml": {"precision": 0.9, "recall": 0.79, "top1": 0.74, "top3": 0.79, "shared_named": 0.87},
    # holdout57: one shared service fewer named since the fourteenth round (0.89 -> 0.83).
    "holdout57.yaml": {"precision": 0.71, "recall": 0.71, "top1": 0.68, "top3": 0.71, "shared_named": 0.81},
    "holdout58.yaml": {"precision": 0.83, "recall": 0.82, "top1": 0.78, "top3": 0.8, "shared_named": 0.94},
    "holdout59.yaml": {"precision": 0.88, "recall": 0.75, "top1": 0.71, "top3": 0.75, "shared_named": 0.97},
    "holdout60.yaml": {"precision": 0.77, "recall": 0.86, "top1": 0.82, "top3": 0.86, "shared_named": 0.85},
    "holdout61.yaml": {"precision": 0.92, "recall": 0.8, "top1": 0.76, "top3": 0.8, "shared_named": 0.83},
    "holdout62.yaml": {"precision": 0.75, "recall": 0.75, "top1": 0.73, "top3": 0.75, "shared_named": 0.94},
    "holdout63.yaml": {"precision": 0.93, "recall": 0.87, "top1": 0.83, "top3": 0.85, "shared_named": 0.93},
    "holdout64.yaml": {"precision": 0.85, "recall": 0.85, "top1": 0.81, "top3": 0.85, "shared_named": 0.88},
    # Thirteenth round: 65-67 sealed, measured once on this code; 66 and 68 are paraphrases of randomly drawn
    # registry apps in other words (recall 0.30 and 0.32: what a word matcher cannot reach; BENCHMARKS.md).
    "holdout65.yaml": {"precision": 0.86, "recall": 0.84, "top1": 0.79, "top3": 0.84, "shared_named": 0.93},
    "holdout66.yaml": {"precision": 0.42, "recall": 0.28, "top1": 0.28, "top3": 0.28, "shared_named": 0.83},
    "holdout67.yaml": {"precision": 0.82, "recall": 0.78, "top1": 0.75, "top3": 0.78, "shared_named": 0.94},
    "holdout68.yaml": {"precision": 0.47, "recall": 0.3, "top1": 0.3, "top3": 0.3, "shared_named": 0.55},
    # Fourteenth round: 69 (eastern Indonesia, villages) and 70 (modules, extensions, brands) sealed; the floors sit
    # under the final code's figures (BENCHMARKS.md has both codes' figures).
    "holdout69.yaml": {"precision": 0.9, "recall": 0.71, "top1": 0.66, "top3": 0.71, "shared_named": 0.74},
    "holdout70.yaml": {"precision": 0.8, "recall": 0.77, "top1": 0.71, "top3": 0.75, "shared_named": 0.93},
    # 71 (Sumatra and Kalimantan, citizen services) and 72 (central agencies' regional offices): sealed, written and
    # measured once after the round's matcher change had landed.
    "holdout71.yaml": {"precision": 0.82, "recall": 0.75, "top1": 0.75, "top3": 0.75, "shared_named": 0.86},
    "holdout72.yaml": {"precision": 0.98, "recall": 0.75, "top1": 0.74, "top3": 0.75, "shared_named": 0.87},
    # Fifteenth round: 73 (Java citizen services in the agencies' own words: 32 of its 68 duplicates paraphrase the
    # need) and 74 (Sulawesi and Maluku back office) studied after their first measurement; 75 (Bali, NTB, NTT) sealed.
    "holdout73.yaml": {"precision": 0.85, "recall": 0.56, "top1": 0.51, "top3": 0.56, "shared_named": 0.7},
    "holdout74.yaml": {"precision": 0.8, "recall": 0.9, "top1": 0.9, "top3": 0.9, "shared_named": 0.94},
    "holdout75.yaml": {"precision": 0.92, "recall": 0.85, "top1": 0.85, "top3": 0.85, "shared_named": 0.94},
    # Sixteenth round: 76 (Sumatra's regencies and cities, gampong and nagari, peat fires) and 77 (Kalimantan, Papua,
    # central agencies' regional offices), sealed, written and measured once after the round's matcher changes had landed.
    "holdout76.yaml": {"precision": 0.88, "recall": 0.62, "top1": 0.61, "top3": 0.62, "shared_named": 0.73},
    "holdout77.yaml": {"precision": 0.89, "recall": 0.82, "top1": 0.76, "top3": 0.81, "shared_named": 0.86},
    # Seventeenth round: holdout78 (Java, the need in the staff's own words) and holdout79 (Sulawesi and Maluku) were
    # measured once, then studied; holdout80 and holdout81 are sealed.
    "holdout78.yaml": {"precision": 0.94, "recall": 0.61, "top1": 0.58, "top3": 0.6, "shared_named": 0.84},
    "holdout79.yaml": {"precision": 0.92, "recall": 0.84, "top1": 0.79, "top3": 0.83, "shared_named": 0.96},
    "holdout80.yaml": {"precision": 0.89, "recall": 0.92, "top1": 0.87, "top3": 0.92, "shared_named": 0.91},
    "holdout81.yaml": {"precision": 0.93, "recall": 0.9, "top1": 0.88, "top3": 0.9, "shared_named": 0.9},
    # Eighteenth round: holdout82 (Sumatra and West Kalimantan, the need told as a story, own apps re-proposed) and
    # holdout83 (ministries' programmes) were measured once, then studied; holdout84 and holdout85 are sealed.
    "holdout82.yaml": {"precision": 0.84, "recall": 0.7, "top1": 0.67, "top3": 0.7, "shared_named": 0.78},
    "holdout83.yaml": {"precision": 0.94, "recall": 0.92, "top1": 0.85, "top3": 0.91, "shared_named": 0.91},
    "holdout84.yaml": {"precision": 0.87, "recall": 0.83, "top1": 0.74, "top3": 0.81, "shared_named": 0.97},
    "holdout85.yaml": {"precision": 0.94, "recall": 0.94, "top1": 0.92, "top3": 0.92, "shared_named": 0.91},
    # Nineteenth round: holdout86 (Java's sectoral apps, Javanese brands) was measured once, then studied; holdout87
    # (Sulawesi, Maluku and Nusa Tenggara after the election) is sealed.
    "holdout86.yaml": {"precision": 0.92, "recall": 0.85, "top1": 0.8, "top3": 0.85, "shared_named": 0.9},
    "holdout87.yaml": {"precision": 0.86, "recall": 0.92, "top1": 0.87, "top3": 0.92, "shared_named": 0.95},
}
# New apps flagged / with any finding: the goals (10% / 20%) for every set but holdout11 and holdout15; in holdout11 4 of 24 new apps are
# flagged (two declare a function a shared service owns: MOR-002) by this code and the code before it alike.
# holdout15: 6 of 22 new back-office apps are flagged, by the code before the fifth round as well; five of them declare
# a function a shared service owns (MOR-002: an overtime app under ADM-KEPEGAWAIAN is sent to SIASN).
# holdout13: 2 of 19 new apps are flagged, the same two as before one of its 20 "new" cases was relabelled a duplicate
# (Perpusnas's own Naskah Nusantara apps; see the comment in the file).
# holdout22: 3 of 21 new apps are flagged (2 by the code before the seventh round; the third, a village youth
# organisation's app, since its village's name is read as a place: MOR-005 on other villages' apps).
# holdout26: 3 of 20 new apps are flagged since the eleventh round, 2 before it: a port health office's International
# Certificate of Vaccination, once the land agency's "sertipikat" is the word "sertifikat", reads like BSrE's own
# description ("penerbitan sertifikat": MOR-011).
# holdout28: 4 of 21 new apps are flagged by the code before the eighth round, 5 after it: a ministry's office's
# marriage-guidance course, once its province's contraction (NTB) is stripped, reads like its own marriage app (MOR-003);
# 4 since the ninth round (a language centre's test registration is no longer read by its unit's name, "Balai Bahasa").
# holdout43 (sealed, never studied): 3 of 22 new apps are flagged and 4 have a finding by the code before the tenth
# round, 4 and 5 after it (the set was studied later in the round, after its third measurement).
# holdout49 (sealed): 3 of 22 new apps of ministries' national systems are flagged by the code before the tenth round
# and after it alike; which ones was not looked at.
# holdout12, holdout26, holdout28, holdout31, holdout32: one more new app each has a finding since the twelfth round,
# when a description's words the registry does not know started counting together as one (index.vectors): their
# shared words weigh more. holdout12: "Sertifikasi Kompetensi Tukang Bangunan" (MOR-005 beside its MOR-004);
# holdout26: a prison canteen's cashless card (MOR-003); holdout28: "Lightning Detection Map" (MOR-004); holdout31:
# "Lapor Buaya" (MOR-011: the name's "buaya" is read as a typo of "budaya", and "lapor" is left); holdout32: a
# village's land inventory (MOR-004). Pooled over the 46 studied sets, new apps flagged 5.9% -> 7.4%, with any
# finding 9.1% -> 11.0%, for recall 0.907 -> 0.918 (BENCHMARKS.md, twelfth round).
# holdout57 (sealed): 3 of 20 new apps are flagged by the code before the twelfth round and after it alike; holdout58
# (sealed): 1 of 19 before it, 2 after it (which ones was not looked at). holdout60 (sealed; new needs drawn beside
# random registry apps, often under the function a shared service owns): 8 of 22 flagged before the twelfth round's
# changes, 9 after them (which ones was not looked at). holdout26 (with any finding, 6 of 20), holdout32 and holdout35
# (flagged, 3 of 21 each) since the twelfth round: "Renjani - Relawan Pajak" reads like tax apps once its words are
# no longer "corrected" into others (MOR-004); a village's land inventory and a referral patients' shelter house
# already had MOR-004 and now also a MOR-003 warning naming their agency's own app of the declared function.
# holdout64 (sealed, written after the twelfth round's code was final): 2 of 20 new apps flagged by the code before
# the round, 3 by the final code (which ones was not looked at).
# holdout66 (sealed, thirteenth round): 2 of 19 new apps flagged when it was first measured (which ones was not looked at).
# Fourteenth round (registry descriptions at half a name word): holdout12, one more new app of 23 with a finding (5);
# holdout49 (sealed), 3 of 22 new apps flagged and 4 with a finding, against 2 and 2 (which ones was not looked at).
# holdout70 (sealed): 4 of 17 new modules and apps flagged by the code before the round and after it alike (not looked at).
# holdout71 (sealed): 2 of 19 new apps flagged by the code before the round and after it alike (not looked at).
# holdout11: 5 of 24 since the fifteenth round, when an own app the description alone reads like is named (MOR-003
# warn): kemenhub's "Sistem Informasi Jembatan Timbang" (weighbridges recording over-dimension and over-load
# violations) is warned with kemenhub's own database of over-dimension and over-load vehicles. holdout16 labels the
# same proposal new too (2 of 21 flagged since), holdout36 a duplicate of that very app; the labels were not changed.
# holdout74 (fifteenth round): 7 of 17 new back-office apps flagged, every one by MOR-002 alone: each declares a
# function a shared service owns (uniforms and a bereavement fund under ADM-KEPEGAWAIAN, a guest book and an archive
# depot's sensors under ADM-ARSIP, an IT helpdesk under LYN-PENGADUAN, CSR mapping under KEU-PERENCANAAN-DAERAH, a
# staff survey under ADM-KINERJA), which SPEC forbids whatever the text says; none is flagged by its text
# (new_flagged_by_text 0). Three more get a MOR-004 warning.
# Sixteenth round (MOR-003 names an own app of the declared function from similarity.own_code, 0.14, when other
# agencies' apps of it are reuse candidates): six new apps of the studied sets that already had MOR-004 also get a
# MOR-003 warning naming their agency's own app of the function, among them holdout12's mobile health-service schedule
# (e-Puskesmas Jayawijaya, 0.155; 4 of 23 flagged) and holdout74's staff cooperative (Pasar UMKM Digital Tidore, 0.196;
# 8 of 17). holdout49 (sealed): 4 of 22 new apps flagged against 3, with a finding 4 before and after (not looked at).
# The same for the function the text reads like under another code: holdout58's patients' shelter house of Toli-Toli
# in Palu (3 of 19 flagged), filed under social aid, reads like the hospital function and is warned with the regency's
# own integrated referral system (Sistem Rujukan Terintegrasi Toli Toli).
# holdout77 (sealed): 2 of 18 new apps flagged when first measured, one of them by MOR-002 alone (not looked at).
# holdout38: 3 of 20 new apps flagged since the seventeenth round, when rusunawa became the registry's rusun (public
# rental flats) in the synonyms: "Smart Rusunawa Jakarta Utara", labelled new (a city's flats), already had MOR-004
# and now also MOR-005 naming the ministries' rusun apps. Seven other sets label such a proposal a duplicate of them
# (holdout11, 16, 18, 20, 21, 35, 52), three new (holdout7, 14, 38) and cases.yaml new; the labels were not changed.
# holdout65 (sealed): 5 of 20 new apps with a finding on the seventeenth round's final code, 4 before it; flagged 2
# and 1 (which ones was not looked at).
# holdout79 (studied from the seventeenth round): 2 of 17 new apps flagged, both by MOR-002 alone, before the round and
# after it: a CSR forum filed under regional planning (SIPD's) and an IT helpdesk under data exchange (SPLP's),
# codes a shared service owns, which SPEC forbids whatever the text says (new_flagged_by_text 0).
# holdout26 and holdout57 (studied): one new app more with a finding each since the eighteenth round, when synonym
# phrases that open with a too-common word began to match: "e-Kantin Cashless Warga Binaan" (a prison canteen) and
# the ministry's "warga binaan" (inmates') app (MOR-003), "Sistem Informasi Desa Tangguh Bencana" (MOR-004).
# holdout82 (studied from the eighteenth round): 3 of 18 new apps flagged by MOR-005 before the round and after it
# (renting farm machinery, also by MOR-003; legalising diplomas; free tree seedlings).
# holdout87 (sealed from the nineteenth round): 3 of 20 new apps flagged and 5 with a finding, before the round and after
# it (which ones was not looked at).
FALSE_ALARM_CEILINGS = {
    "holdout11.yaml": (0.21, 0.21),
    "holdout12.yaml": (0.18, 0.22),
    "holdout31.yaml": (0.14, 0.20),
    "holdout32.yaml": (0.15, 0.24),
    "holdout35.yaml": (0.15, 0.20),
    "holdout13.yaml": (0.11, 0.20),
    "holdout15.yaml": (0.28, 0.32),
    "holdout22.yaml": (0.15, 0.20),
    "holdout26.yaml": (0.20, 0.35),
    "holdout28.yaml": (0.20, 0.24),
    "holdout38.yaml": (0.15, 0.20),
    "holdout43.yaml": (0.19, 0.23),
    "holdout49.yaml": (0.19, 0.19),
    "holdout57.yaml": (0.15, 0.25),
    "holdout58.yaml": (0.16, 0.20),
    "holdout60.yaml": (0.41, 0.41),
    "holdout64.yaml": (0.15, 0.20),
    "holdout65.yaml": (0.10, 0.25),
    "holdout66.yaml": (0.11, 0.20),
    "holdout70.yaml": (0.24, 0.24),
    "holdout71.yaml": (0.11, 0.20),
    "holdout74.yaml": (0.48, 0.59),
    "holdout77.yaml": (0.12, 0.20),
    "holdout79.yaml": (0.12, 0.20),
    "holdout82.yaml": (0.17, 0.20),
    "holdout87.yaml": (0.15, 0.25),
}


@pytest.mark.parametrize("name", sorted(HELD_OUT_FLOORS))
def test_held_out_sets_keep_their_floor(figures: dict[str, Any], name: str) -> None:
    held_out = sys.modules["bench_duplicates"].evaluate(ROOT / "bench" / "duplicates" / name)
    for measure, floor in HELD_OUT_FLOORS[name].items():
        assert held_out[measure] >= floor, (measure, held_out)
    flagged, any_finding = FALSE_ALARM_CEILINGS.get(name, (0.10, 0.20))
    assert held_out["new_flagged"] <= flagged and held_out["new_any_mor"] <= any_finding, held_out
