"""Manifest + registry facts -> regorus -> violations -> verdict, on tiny policies; and failing closed."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine.regorus import RegorusEngine
from checker.errors import CannotJudge
from checker.judging.evaluate import Judge, Target, collect_targets, open_judge
from checker.policy.policyset import load_policies
from checker.registry.load import load_registry
from tests.conftest import TINY_POLICY, VALID_MANIFEST


def judge_for(policies, registry_file, waivers=()):
    return Judge(load_policies(policies), load_registry(registry_file), RegorusEngine(), waivers, dt.date(2026, 11, 22))


def test_violation_has_rule_position_message_and_suggestions(tiny_policies, registry_file, write):
    judge = judge_for(tiny_policies, registry_file)
    report = judge.check([Target(write("m.yaml", VALID_MANIFEST), "m.yaml", True)])
    (result,) = report.results
    assert result.verdict == "fail"
    deny = [v for v in result.violations if v.rule == "SPBE-MOR-901"]
    assert {v.field for v in deny} == {"spec.functions[0]"}
    assert (deny[0].line, deny[0].column) == (16, 15)
    assert {s.id for v in deny for s in v.suggestions} == {"APP-000001", "APP-000002"}
    assert report.rules["SPBE-MOR-901"].title.id == "Parkir sudah ada"
    assert report.exit_code == 1


def test_warn_only_is_warn(tiny_policies, registry_file, write):
    judge = judge_for(tiny_policies, registry_file)
    text = VALID_MANIFEST.replace("[LYN-PARKIR]", "[LYN-LAINNYA]").replace("provider: pdn", "provider: gov-cloud")
    (result,) = judge.check([Target(write("m.yaml", text), "m.yaml", True)]).results
    assert result.verdict == "warn"
    assert [v.rule for v in result.violations] == ["SPBE-HST-901"]


def test_duplicate_ids_are_invalid(tiny_policies, registry_file, write):
    judge = judge_for(tiny_policies, registry_file)
    a, b = write("a.yaml", VALID_MANIFEST), write("b.yaml", VALID_MANIFEST)
    report = judge.check([Target(a, "a.yaml", True), Target(b, "b.yaml", True)])
    assert report.results[1].verdict == "invalid"
    assert report.results[1].violations[0].rule == "SPBE-SCH-004"


def test_check_over_a_folder_names_the_manifest_and_agency_already_holding_an_id(tiny_policies, registry_file, write):
    """Issue 14.2 with `check manifests/`: Kota Bandung reuses Karawang's id."""
    write("m/kabupaten-karawang/a.yaml", VALID_MANIFEST)
    write("m/kota-bandung/b.yaml", VALID_MANIFEST.replace('"32.15"', '"32.73"'))
    report = judge_for(tiny_policies, registry_file).check(collect_targets([tiny_policies.parent / "m"]))
    taken = report.results[1]
    assert taken.file.endswith("m/kota-bandung/b.yaml") and taken.verdict == "invalid"
    (violation,) = taken.violations
    assert (violation.rule, violation.field, violation.line, violation.column) == ("SPBE-SCH-004", "metadata.id", 4, 7)
    assert "m/kabupaten-karawang/a.yaml (agency 32.15)" in violation.message.en
    assert "(instansi 32.15)" in violation.message.id


def test_policy_syntax_error_cannot_judge(tiny_policies, registry_file):
    (tiny_policies / "spbe" / "broken.rego").write_text("package spbe.broken\nimport rego.v1\ndeny contains x if {\n")
    with pytest.raises(CannotJudge) as err:
        judge_for(tiny_policies, registry_file)
    assert "broken.rego" in err.value.message.en and "Stack backtrace" not in err.value.message.en


def test_policy_runtime_error_cannot_judge(tiny_policies, registry_file, write):
    (tiny_policies / "spbe" / "boom.rego").write_text(
        "package spbe.boom\nimport rego.v1\ndeny contains x if {\n  x := 1 / 0\n}\n"
    )
    judge = judge_for(tiny_policies, registry_file)
    with pytest.raises(CannotJudge):
        judge.check([Target(write("m.yaml", VALID_MANIFEST), "m.yaml", True)])


def test_violation_without_metadata_cannot_judge(tiny_policies, registry_file, write):
    (tiny_policies / "spbe" / "rogue.rego").write_text(
        'package spbe.rogue\nimport rego.v1\ndeny contains {"rule": "SPBE-MOR-999", "field": "", '
        '"message": {"en": "x", "id": "x"}} if true\n'
    )
    judge = judge_for(tiny_policies, registry_file)
    with pytest.raises(CannotJudge) as err:
        judge.check([Target(write("m.yaml", VALID_MANIFEST), "m.yaml", True)])
    assert "SPBE-MOR-999 has no # METADATA" in err.value.message.en


def test_missing_policy_folder_cannot_judge(tmp_path, registry_file):
    with pytest.raises(CannotJudge):
        open_judge(tmp_path / "none", str(registry_file), None, "embedded")


def test_unknown_engine_cannot_judge(tiny_policies, registry_file):
    with pytest.raises(CannotJudge):
        open_judge(tiny_policies, str(registry_file), None, "quantum")


def test_policy_revision_changes_with_content(tiny_policies):
    before = load_policies(tiny_policies).revision
    (tiny_policies / "spbe" / "demo.rego").write_text(TINY_POLICY.replace("not PDN", "bukan PDN!"))
    assert load_policies(tiny_policies).revision != before


def test_run_time_budget_fails_closed(tiny_policies, registry_file, write):
    judge = judge_for(tiny_policies, registry_file)
    targets = [
        Target(
            write(f"m{i}.yaml", VALID_MANIFEST.replace("karawang-contoh", f"karawang-contoh-{i}")), f"m{i}.yaml", True
        )
        for i in range(3)
    ]
    with pytest.raises(CannotJudge) as err:
        judge.check(targets, time_budget=-1.0)
    assert "time budget" in err.value.message.en


def test_pathological_file_does_not_block_the_rest(tiny_policies, registry_file, write):
    judge = judge_for(tiny_policies, registry_file)
    bomb = write("bomb.yaml", "a: &a [1,1]\nb: &b [*a,*a]\nc: [*b,*b]\n")
    good = write("good.yaml", VALID_MANIFEST)
    report = judge.check([Target(bomb, "bomb.yaml", True), Target(good, "good.yaml", True)])
    assert [r.verdict for r in report.results] == ["invalid", "fail"]
