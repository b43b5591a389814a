"""Waivers: inclusive Asia/Jakarta expiry; a bad waiver file cannot judge."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.errors import CannotJudge
from checker.judging.evaluate import verdict_of
from checker.judging.waivers import apply_waivers, load_waivers, unbound_waivers
from checker.model import Text, Violation

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
    on_last_day = apply_waivers(
        "karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 6, 30), agency="32.15", new_proposal=False
    )
    assert on_last_day[0].waived and verdict_of(on_last_day) == "pass"
    day_after = apply_waivers(
        "karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 7, 1), agency="32.15", new_proposal=False
    )
    assert not day_after[0].waived and day_after[0].expired_waiver is not None
    assert verdict_of(day_after) == "fail"


def test_waiver_is_specific_to_manifest_and_rule(write):
    waivers = load_waivers(write("w.yaml", WAIVERS))
    other = apply_waivers(
        "other-app", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=False
    )
    other_rule = apply_waivers(
        "karawang-contoh", [deny("SPBE-HST-002")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=False
    )
    assert not other[0].waived and not other_rule[0].waived


@pytest.mark.parametrize(
    "content,needle",
    [
        (WAIVERS.replace("    decree: B-123/M.PANRB/2026\n", ""), "decree"),
        # YAML 1.2 reads 2027-02-30 as text; the waiver reader then refuses it as a date, at its line.
        (WAIVERS.replace("2027-06-30", "2027-02-30"), "is not a real date (line 9, column 14)"),
        (WAIVERS.replace("kind: WaiverList", "kind: Waivers"), "invalid"),
        ("waivers: [", "not valid YAML"),
    ],
)
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
    (own,) = apply_waivers(
        "karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=True
    )
    assert own.waived and own.waiver_note is None
    (other,) = apply_waivers(
        "karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.73", new_proposal=False
    )
    assert not other.waived and other.refused_waiver is not None
    assert "granted to agency 32.15, not to this manifest's agency 32.73" in other.waiver_note.en
    assert "diberikan kepada instansi 32.15" in other.waiver_note.id


def test_waiver_without_agency_is_read_with_a_notice_and_not_applied_to_a_new_proposal(write):
    waivers = load_waivers(write("w.yaml", WAIVERS.replace('    agency: "32.15"\n', "")))
    assert waivers[0].agency is None
    (notice,) = unbound_waivers(waivers)
    assert "not bound to an agency" in notice.en and "tidak terikat pada instansi" in notice.id
    (existing,) = apply_waivers(
        "karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=False
    )
    assert existing.waived and "not bound to an agency" in existing.waiver_note.en
    (added,) = apply_waivers(
        "karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.15", new_proposal=True
    )
    assert not added.waived and added.refused_waiver == waivers[0] and verdict_of([added]) == "fail"


def test_waiver_agency_must_look_like_an_agency_code(write):
    with pytest.raises(CannotJudge) as err:
        load_waivers(write("w.yaml", WAIVERS.replace('agency: "32.15"', "agency: Karawang")))
    assert "waivers[0].agency" in err.value.message.en and "line 10" in err.value.message.en


# --- limits from each rule's METADATA (issue 16.8) ---------------------------------------------


def national_rules():
    from checker.judging.manifest import SCHEMA_RULES
    from checker.plumbing.paths import PROJECT_ROOT
    from checker.policy.policyset import load_policies

    return {**SCHEMA_RULES, **load_policies(PROJECT_ROOT / "policies").rules}


TODAY = dt.date(2026, 11, 30)


def test_every_national_rule_states_its_waiver_limit_and_residency_cannot_be_waived():
    rules = national_rules()
    assert rules["SPBE-HST-004"].waivable is False and rules["SPBE-HST-004"].max_waiver_days is None
    assert "cannot be waived" in rules["SPBE-HST-004"].description.en
    assert "tidak dapat dikecualikan" in rules["SPBE-HST-004"].description.id
    assert all(r.max_waiver_days == 365 for r in rules.values() if r.waivable)
    assert not any(r.waivable for r in rules.values() if r.family == "SCH")


def test_a_waiver_of_an_unwaivable_rule_refuses_the_file_at_its_line(write):
    content = WAIVERS.replace("SPBE-HST-001", "SPBE-HST-004")
    with pytest.raises(CannotJudge) as err:
        load_waivers(write("w.yaml", content), national_rules(), TODAY)
    assert "waivers[0] (line 5, column 11) waives SPBE-HST-004, which cannot be waived" in err.value.message.en
    assert "(baris 5, kolom 11) mengecualikan SPBE-HST-004, yang tidak dapat dikecualikan" in err.value.message.id


def test_a_waiver_until_9999_is_refused_at_its_expires_line(write):
    content = WAIVERS.replace("2027-06-30", "9999-12-31")
    with pytest.raises(CannotJudge) as err:
        load_waivers(write("w.yaml", content), national_rules(), TODAY)
    message = err.value.message
    assert "waivers[0].expires (line 9, column 14)" in message.en and "at most 365 days" in message.en
    assert "Set expires to 2027-11-30 or earlier" in message.en and "the waiver has no approved date" in message.en
    assert "paling lama dapat dikecualikan 365 hari" in message.id


def test_the_length_runs_from_the_approved_date_when_there_is_one(write):
    granted = WAIVERS.replace("    expires: 2027-06-30\n", "    approved: 2026-01-15\n    expires: 2027-01-15\n")
    (waiver,) = load_waivers(write("ok.yaml", granted), national_rules(), TODAY)
    assert waiver.approved == "2026-01-15"
    too_long = granted.replace("2027-01-15", "2027-01-16")
    with pytest.raises(CannotJudge) as err:
        load_waivers(write("long.yaml", too_long), national_rules(), TODAY)
    assert "366 days after approval on 2026-01-15" in err.value.message.en
    backwards = granted.replace("2027-01-15", "2025-12-31")
    with pytest.raises(CannotJudge) as err:
        load_waivers(write("back.yaml", backwards), national_rules(), TODAY)
    assert "is before its approved date" in err.value.message.en


def test_a_waiver_within_its_limit_and_an_expired_one_are_read(write):
    assert load_waivers(write("w.yaml", WAIVERS), national_rules(), TODAY)[0].expires == "2027-06-30"
    expired = WAIVERS.replace("2027-06-30", "2020-01-01")
    assert load_waivers(write("x.yaml", expired), national_rules(), TODAY)[0].expires == "2020-01-01"


def test_the_gate_and_check_refuse_an_over_long_waiver_with_exit_2(write, tiny_policies, registry_file):
    from click.testing import CliRunner

    from checker.cli.main import main
    from tests.conftest import VALID_MANIFEST

    waivers = write("w.yaml", WAIVERS.replace("SPBE-HST-001", "SPBE-MOR-901").replace("2027-06-30", "9999-12-31"))
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(write("m.yaml", VALID_MANIFEST)),
            "--policies",
            str(tiny_policies),
            "--registry",
            str(registry_file),
            "--waivers",
            str(waivers),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "may be waived for at most 365 days" in result.output  # the default limit when METADATA names none


@pytest.mark.parametrize(
    "custom,needle",
    [
        ("#   waivable: maybe\n", "waivable must be true or false"),
        ("#   maxWaiverDays: 0\n", "maxWaiverDays a whole number"),
        ("#   maxWaiverDays: 99999\n", "maxWaiverDays a whole number"),
        ("#   waivable: false\n#   maxWaiverDays: 30\n", "for a waivable rule only"),
    ],
)
def test_malformed_waiver_limits_in_metadata_cannot_judge(tiny_policies, custom, needle):
    from checker.policy.policyset import load_policies

    rego = tiny_policies / "spbe" / "demo.rego"
    rego.write_text(rego.read_text().replace("#   severity: deny\n", "#   severity: deny\n" + custom, 1))
    with pytest.raises(CannotJudge) as err:
        load_policies(tiny_policies)
    assert needle in err.value.message.en


def test_rules_and_explain_show_the_limits():
    from click.testing import CliRunner

    from checker.cli.main import main

    listing = CliRunner().invoke(main, ["rules"])
    assert "SPBE-HST-004  deny     -  " in listing.output and "SPBE-HST-001  deny  365d  " in listing.output
    one = CliRunner().invoke(main, ["rules", "SPBE-HST-004", "--lang", "id"])
    assert "Pengecualian: tidak dapat dikecualikan" in one.output
    as_json = CliRunner().invoke(main, ["rules", "SPBE-MOR-001", "--json"])
    assert '"maxWaiverDays": 365' in as_json.output and '"waivable": true' in as_json.output
    page = CliRunner().invoke(main, ["explain", "SPBE-HST-001"])
    assert "Waivers: may be waived for at most 365 days" in page.output


@pytest.mark.parametrize(
    "lang,needle",
    [("en", "was granted to agency 32.15, not to this manifest"), ("id", "diberikan kepada instansi 32.15")],
)
def test_every_format_says_why_a_waiver_was_not_applied(write, lang, needle):
    from checker.formats import NAMES, render
    from checker.model import Report, Result

    waivers = load_waivers(write("w.yaml", WAIVERS))
    (refused,) = apply_waivers(
        "karawang-contoh", [deny("SPBE-HST-001")], waivers, dt.date(2027, 1, 1), agency="32.73", new_proposal=False
    )
    report = Report("0.1.0", "sha256:x", "test-1", (Result("m.yaml", "karawang-contoh", "fail", (refused,)),))
    for name in NAMES:
        if name == "gitlab":
            continue  # Code Quality carries no waiver fields: GitLab's widget shows only open findings
        assert needle in render(name, report, lang), name
