"""The command line: exit codes 0/1/2 exactly as SPEC §5, failing closed, never a traceback."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from tests.conftest import VALID_MANIFEST

PASSING = VALID_MANIFEST.replace("[LYN-PARKIR]", "[LYN-LAIN]")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def common(tiny_policies, registry_file):
    return ["--policies", str(tiny_policies), "--registry", str(registry_file)]


def test_pass_is_exit_0(tiny_policies, registry_file, write):
    result = invoke("check", str(write("m.yaml", PASSING)), *common(tiny_policies, registry_file), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"] == {"pass": 1, "warn": 0, "fail": 0, "invalid": 0}


def test_fail_is_exit_1_and_json_has_spec_shape(tiny_policies, registry_file, write):
    result = invoke(
        "check", str(write("m.yaml", VALID_MANIFEST)), *common(tiny_policies, registry_file), "--format", "json"
    )
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert set(doc) >= {"tool", "policyRevision", "registryRevision", "summary", "results"}
    assert doc["registryRevision"] == "test-1" and doc["policyRevision"].startswith("sha256:")
    violation = doc["results"][0]["violations"][0]
    assert set(violation) >= {"rule", "severity", "message", "field", "line", "column", "waived", "suggestions"}
    assert (violation["line"], violation["column"]) == (16, 15)


def test_invalid_is_exit_1(tiny_policies, registry_file, write):
    result = invoke("check", str(write("m.yaml", "a: [")), *common(tiny_policies, registry_file))
    assert result.exit_code == 1 and "SPBE-SCH-001" in result.output


@pytest.mark.parametrize("breakage", ["registry", "policies", "policy-syntax", "waivers", "path", "no-manifests"])
def test_cannot_judge_is_exit_2_with_a_message(tiny_policies, registry_file, write, tmp_path, breakage):
    manifest = str(write("m.yaml", PASSING))
    args = ["check", manifest, *common(tiny_policies, registry_file)]
    if breakage == "registry":
        registry_file.write_text('{"apiVersion": "spbe.go.id/v1", "kind": "Registry"')
    elif breakage == "policies":
        args += ["--policies", str(tmp_path / "missing")]
    elif breakage == "policy-syntax":
        (tiny_policies / "spbe" / "demo.rego").write_text("package spbe.demo\ndeny contains x if {")
    elif breakage == "waivers":
        args += ["--waivers", str(write("w.yaml", "kind: WaiverList\n"))]
    elif breakage == "path":
        args[1] = str(tmp_path / "nope.yaml")
    elif breakage == "no-manifests":
        (tmp_path / "empty").mkdir()
        args[1] = str(tmp_path / "empty")
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("spbe-check: ")
    assert "Traceback" not in result.output


def test_unexpected_error_is_exit_2_without_traceback(tiny_policies, registry_file, write, monkeypatch):
    import checker.judging.evaluate

    def explode(*_args, **_kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(checker.judging.evaluate.Judge, "check", explode)
    monkeypatch.delenv("SPBE_CHECK_DEBUG", raising=False)
    result = invoke("check", str(write("m.yaml", PASSING)), *common(tiny_policies, registry_file))
    assert result.exit_code == 2 and "internal error" in result.output and "Traceback" not in result.output


def test_bad_usage_is_exit_2(write):
    assert invoke("check").exit_code == 2
    assert invoke("check", "x.yaml", "--format", "pdf").exit_code == 2


def test_output_file_and_summary(tiny_policies, registry_file, write, tmp_path):
    out = tmp_path / "report.sarif"
    result = invoke(
        "check",
        str(write("m.yaml", VALID_MANIFEST)),
        *common(tiny_policies, registry_file),
        "--format",
        "sarif",
        "--output",
        str(out),
    )
    assert result.exit_code == 1
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert "fail 1" in result.output


def test_lang_id_translates_messages(tiny_policies, registry_file, write):
    result = invoke(
        "check",
        str(write("m.yaml", VALID_MANIFEST)),
        *common(tiny_policies, registry_file),
        "--format",
        "json",
        "--lang",
        "id",
    )
    messages = [v["message"] for v in json.loads(result.output)["results"][0]["violations"]]
    assert any("sudah ada" in m for m in messages)


def test_rules_lists_and_explains(tiny_policies):
    listing = invoke("rules", "--policies", str(tiny_policies))
    assert listing.exit_code == 0 and "SPBE-MOR-901" in listing.output and "SPBE-SCH-001" in listing.output
    one = invoke("rules", "SPBE-MOR-901", "--policies", str(tiny_policies), "--lang", "id")
    assert one.exit_code == 0 and "Parkir sudah ada" in one.output and "Gunakan ulang." in one.output
    assert invoke("rules", "SPBE-XXX-000", "--policies", str(tiny_policies)).exit_code == 2


def test_rego_test_command_reports_failures(tiny_policies):
    (tiny_policies / "spbe" / "demo_test.rego").write_text(
        "package spbe.demo_test\nimport rego.v1\ntest_ok if { true }\ntest_bad if { false }\n"
    )
    result = invoke("test", "--policies", str(tiny_policies))
    assert result.exit_code == 1
    assert "FAIL data.spbe.demo_test.test_bad" in result.output and "1 passed, 1 failed" in result.output


WARNING = PASSING.replace("provider: pdn", "provider: gov-cloud")


@pytest.mark.parametrize("fail_on, expected", [(None, 0), ("deny", 0), ("warn", 1)])
def test_fail_on_warn_makes_a_warn_verdict_exit_1(tiny_policies, registry_file, write, fail_on, expected):
    """SPEC §5: --fail-on deny (the default) lets a warning pass; --fail-on warn blocks it."""
    args = ["check", str(write("m.yaml", WARNING)), *common(tiny_policies, registry_file), "--format", "json"]
    if fail_on:
        args += ["--fail-on", fail_on]
    result = invoke(*args)
    assert json.loads(result.output)["summary"]["warn"] == 1
    assert result.exit_code == expected, result.output


def test_fail_on_warn_still_passes_a_pass_and_fails_a_fail(tiny_policies, registry_file, write):
    ok = invoke("check", str(write("ok.yaml", PASSING)), *common(tiny_policies, registry_file), "--fail-on", "warn")
    bad = invoke(
        "check", str(write("bad.yaml", VALID_MANIFEST)), *common(tiny_policies, registry_file), "--fail-on", "warn"
    )
    assert (ok.exit_code, bad.exit_code) == (0, 1)


def test_fail_on_rejects_other_values(tiny_policies, registry_file, write):
    result = invoke("check", str(write("m.yaml", PASSING)), *common(tiny_policies, registry_file), "--fail-on", "pass")
    assert result.exit_code == 2 and "--fail-on" in result.output
