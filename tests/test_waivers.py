"""Waivers: inclusive Asia/Jakarta expiry; a bad waiver file cannot judge."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.errors import CannotJudge
from checker.evaluate import verdict_of
from checker.model import Text, Violation
from checker.waivers import apply_waivers, load_waivers, unbound_waivers

WAIVERS = """apiVersion: spbe.go.id/v1
kind: WaiverList
waivers:
  - manifest: karawang-contoh
    rule: SPBE-HST-001
    reason: Migration to PDN scheduled for Q3 2027
    approvedBy: Deputi Bidang Kelembagaan dan Tata Laksana, KemenPANRB
    decree: B-123/M.PANRB/2026
    expires: 2027-06-30
    agency: "32.15"
"""


def deny(rule: str) -> Violation:
    return Violation(rule=rule, severity="deny", message=Text("x", "x"), field="spec")


def test_waiver_applies_through_its_last_day(write):
    waivers = load_waivers(write("w.yaml", WAIVERS))
    on_last_day = apply_waivers("karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 6, 30), agency="32.15", new_proposal=False)
    assert on_last_day[0].waived and verdict_of(on_last_day) == "pass"
    day_after = apply_waivers("karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 7, 1), agency="32.15", new_proposal=False)
    assert not day_after[0].waived and day_after[0].expired_waiver is not None
    assert verdict_of(day_after) == "fail"


def test_waiver_is_specific_to_manifest_and_rule(write):
    waivers = load_waivers(write("w.yaml", WAIVERS))
    other = apply_waivers("other-app", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=False)
    other_rule = apply_waivers("karawang-contoh", [deny("SPBE-HST-002")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=False)
    assert not other[0].waived and not other_rule[0].waived


@pytest.mark.parametrize("content,needle", [
    (WAIVERS.replace("    decree: B-123/M.PANRB/2026\n", ""), "decree"),
    (WAIVERS.replace("2027-06-30", "2027-02-30"), "(line 9, column 14): Unreadable value '2027-02-30'"),
    (WAIVERS.replace("kind: WaiverList", "kind: Waivers"), "invalid"),
    ("waivers: [", "not valid YAML"),
])
def test_bad_waiver_file_cannot_judge(write, content, needle):
    with pytest.raises(CannotJudge) as err:
        load_waivers(write("w.yaml", content))
    assert needle in err.value.message.en


def test_verdicts():
    warn = Violation(rule="SPBE-MOR-004", severity="warn", message=Text("x", "x"), field="spec")
    assert verdict_of([]) == "pass"
    assert verdict_of([warn]) == "warn"
    assert verdict_of([warn, deny("SPBE-MOR-001")]) == "fail"


def test_waiver_binds_to_the_agency(write):
    waivers = load_waivers(write("w.yaml", WAIVERS))
    (own,) = apply_waivers("karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=True)
    assert own.waived and own.waiver_note is None
    (other,) = apply_waivers("karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.73", new_proposal=False)
    assert not other.waived and other.refused_waiver is not None
    assert "granted to agency 32.15, not to this manifest's agency 32.73" in other.waiver_note.en
    assert "diberikan kepada instansi 32.15" in other.waiver_note.id


def test_waiver_without_agency_is_read_with_a_notice_and_not_applied_to_a_new_proposal(write):
    waivers = load_waivers(write("w.yaml", WAIVERS.replace('    agency: "32.15"\n', "")))
    assert waivers[0].agency is None
    (notice,) = unbound_waivers(waivers)
    assert "not bound to an agency" in notice.en and "tidak terikat pada instansi" in notice.id
    (existing,) = apply_waivers("karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=False)
    assert existing.waived and "not bound to an agency" in existing.waiver_note.en
    (added,) = apply_waivers("karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=True)
    assert not added.waived and added.refused_waiver == waivers[0] and verdict_of([added]) == "fail"


def test_waiver_agency_must_look_like_an_agency_code(write):
    with pytest.raises(CannotJudge) as err:
        load_waivers(write("w.yaml", WAIVERS.replace('agency: "32.15"', "agency: Karawang")))
    assert "waivers[0].agency" in err.value.message.en and "line 10" in err.value.message.en
