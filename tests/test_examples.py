"""The example manifests agencies copy say what they break; hold them to it against the sample registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.judging.evaluate import collect_targets, open_judge
from checker.plumbing.paths import DEFAULT_REGISTRY, POLICIES_DIR, PROJECT_ROOT

MANIFESTS = PROJECT_ROOT / "manifests"
EXAMPLES = sorted(p for p in MANIFESTS.rglob("*.yaml") if "apis" not in p.parts)


def header(path: Path) -> tuple[str, set[str]]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    text = "\n".join(lines)
    verdict = re.search(r"expected verdict: (pass|warn|fail)", text)
    assert verdict, f"{path} must state its expected verdict in its header"
    return verdict.group(1), set(re.findall(r"^#\s+(SPBE-[A-Z]{3}-\d{3})\b", text, re.MULTILINE))


@pytest.fixture(scope="module")
def report():
    judge = open_judge(POLICIES_DIR, str(DEFAULT_REGISTRY), None, "embedded")
    return judge.check(collect_targets([MANIFESTS]))


def test_examples_cover_every_family_and_a_compliant_one():
    expected = [header(p) for p in EXAMPLES]
    assert any(v in ("pass", "warn") for v, _ in expected)  # a compliant one: the gate lets it through (exit 0)
    families = {rule.split("-")[1] for _, rules in expected for rule in rules}
    assert {"MOR", "SHR", "INT", "HST"} <= families


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(MANIFESTS).as_posix())
def test_example_breaks_exactly_what_its_header_says(path, report):
    verdict, rules = header(path)
    (result,) = [r for r in report.results if r.file == path.as_posix()]
    denies = {v.rule for v in result.violations if v.severity == "deny"}
    assert result.verdict == verdict, [(v.rule, v.message.en) for v in result.violations]
    assert rules <= {v.rule for v in result.violations}
    assert denies <= rules, f"unexpected denies: {denies - rules}"


def test_openapi_documents_are_not_judged_as_manifests(report):
    assert not [r for r in report.results if "/apis/" in r.file]


def test_cli_check_examples_exit_code_and_languages():
    runner = CliRunner()
    english = runner.invoke(main, ["check", str(MANIFESTS)])
    indonesian = runner.invoke(main, ["check", str(MANIFESTS), "--lang", "id"])
    assert english.exit_code == 1 and indonesian.exit_code == 1
    assert "SPBE-MOR-002" in english.output and "line" in english.output
    assert english.output != indonesian.output


def test_a_pull_request_with_500_manifests_finishes(tmp_path):
    """The per-run limits are generous enough for a large PR: 500 manifests, one run, every one judged."""
    text = (MANIFESTS / "kabupaten-karawang" / "lapor-warga.yaml").read_text(encoding="utf-8")
    for i in range(500):
        (tmp_path / f"m{i:03d}.yaml").write_text(
            text.replace("id: karawang-lapor-warga", f"id: lapor-warga-{i:03d}"), encoding="utf-8"
        )
    judge = open_judge(POLICIES_DIR, str(DEFAULT_REGISTRY), None, "embedded")
    report = judge.check(collect_targets([tmp_path]))
    assert len(report.results) == 500
    assert {r.verdict for r in report.results} == {"fail"}
