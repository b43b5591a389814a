"""`spbe-check explain RULE`: what, why, how, and examples that come from data, not code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.guidance.explain import RULE_EXAMPLES, block, build_page, judge_examples, numbered
from checker.judging.manifest import SCHEMA_RULES
from checker.plumbing.paths import DEFAULT_REGISTRY, POLICIES_DIR, PROJECT_ROOT
from checker.policy.policyset import load_policies

EXAMPLES = PROJECT_ROOT / "manifests"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_page_has_what_why_how_and_both_examples():
    result = invoke("explain", "SPBE-MOR-002")
    assert result.exit_code == 0, result.output
    rule = load_policies(POLICIES_DIR).rules["SPBE-MOR-002"]
    out = result.output
    flat = " ".join(out.split())  # long paragraphs are wrapped
    for text in (
        rule.title.en,
        rule.description.en,
        rule.reference,
        rule.remediation.en,
        "What it checks",
        "Why",
        "How to comply",
        "Failing example",
        "Passing example",
    ):
        assert " ".join(text.split()) in flat, text
    failing = out[out.index("Failing example") : out.index("Passing example")]
    assert "manifests/" in failing and "> " in failing and "LYN-PENGADUAN" in failing.split("> ", 1)[1].splitlines()[0]
    assert "SHARED-LAPOR" in failing  # the engine's own message


def test_page_in_indonesian():
    result = invoke("explain", "SPBE-MOR-002", "--lang", "id")
    rule = load_policies(POLICIES_DIR).rules["SPBE-MOR-002"]
    assert result.exit_code == 0
    assert (
        rule.title.id in result.output and "Cara memenuhi" in result.output and "Contoh yang melanggar" in result.output
    )
    assert "sudah dilayani" in result.output  # the engine's Indonesian message


def test_short_and_lower_case_ids_and_unknown_ids():
    assert invoke("explain", "mor-001").exit_code == 0
    unknown = invoke("explain", "SPBE-MOR-099")
    assert unknown.exit_code == 2 and "SPBE-MOR-00" in unknown.output and "spbe-check rules" in unknown.output


def test_json_page():
    doc = json.loads(invoke("explain", "SPBE-HST-002", "--json").output)
    assert doc["id"] == "SPBE-HST-002" and doc["severity"] == "deny" and doc["examplesFrom"] == "manifests"
    assert Path(doc["failing"]["file"]).parts[0] == "manifests" and doc["failing"]["line"] >= 1  # as a reader types it
    assert doc["passing"]["verdict"] == "pass" and doc["passing"]["snippet"]


@pytest.fixture(scope="module")
def evidence():
    return judge_examples(POLICIES_DIR, str(DEFAULT_REGISTRY), EXAMPLES)


@pytest.mark.parametrize("rule", sorted({**SCHEMA_RULES, **load_policies(POLICIES_DIR).rules}))
def test_every_rule_has_a_failing_and_a_passing_example(rule, evidence):
    """Issue 11 item 9: no rule page says there is no example; the failing one really breaks the rule."""
    page = build_page(rule, POLICIES_DIR, str(DEFAULT_REGISTRY), EXAMPLES, evidence=evidence)
    assert page.rule.id == rule and page.rule.remediation.en and page.rule.remediation.id
    assert page.failing is not None and page.passing is not None, rule
    assert page.failing.file and page.failing.line
    marked = [line for line in page.failing.snippet.splitlines() if line.startswith(" > ")]
    assert len(marked) == 1 and f" {page.failing.line} |" in marked[0]
    judged = {r.file: r for r in evidence.results}
    failing = [r for r in evidence.results if r.file.endswith(page.failing.file)]
    assert failing and any(v.rule == rule for v in failing[0].violations)
    assert page.passing.file != page.failing.file
    passing = [r for f, r in judged.items() if f.endswith(page.passing.file)]
    assert passing and not any(v.rule == rule for v in passing[0].violations)


def test_rule_examples_break_the_rule_their_header_names(evidence):
    """Each file in checker/data/rule-examples says which rule it illustrates; it must break it."""
    for path in sorted(RULE_EXAMPLES.glob("*.yaml")):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        rule = header.split("`spbe-check explain ")[1].split("`")[0]
        (result,) = [r for r in evidence.results if Path(r.file).resolve() == path.resolve()]
        expected = header.split("expected verdict: ")[1].split(")")[0]
        assert result.verdict == expected, path.name
        if expected != "pass":
            assert rule in {v.rule for v in result.violations}, path.name


def test_the_example_manifests_illustrate_every_family(evidence):
    families = set()
    for rule in load_policies(POLICIES_DIR).rules:
        if build_page(rule, POLICIES_DIR, str(DEFAULT_REGISTRY), EXAMPLES, evidence=evidence).failing is not None:
            families.add(rule.split("-")[1])
    assert {"MOR", "SHR", "INT", "HST"} <= families


def test_examples_in_the_rules_metadata_win(tiny_policies, registry_file):
    rego = tiny_policies / "spbe" / "demo.rego"
    rego.write_text(
        rego.read_text().replace(
            "#   reference: test\n",
            (
                "#   reference: test\n"
                "#   examples:\n"
                "#     fail: |\n"
                "#       spec:\n"
                "#         functions: [LYN-PARKIR]\n"
                "#     pass: |\n"
                "#       spec:\n"
                "#         functions: [LYN-LAIN]\n"
            ),
            1,
        )
    )
    result = invoke("explain", "SPBE-MOR-901", "--policies", str(tiny_policies), "--registry", str(registry_file))
    assert result.exit_code == 0, result.output
    assert "from the rule's metadata" in result.output
    assert "functions: [LYN-PARKIR]" in result.output and "functions: [LYN-LAIN]" in result.output


def test_schema_rules_explain_with_their_examples():
    result = invoke("explain", "SPBE-SCH-003")
    assert result.exit_code == 0 and "No example manifest" not in result.output
    assert "rule-examples/sch-003.yaml" in result.output and "justifcation" in result.output


def test_snippets_number_and_mark_lines():
    text = "a: 1\nb:\n  - x\n  - y\nc: 3\n"
    assert numbered(text, 2, 1, 1).splitlines() == ["   1 | a: 1", " > 2 | b:", "   3 |   - x"]
    assert [line.split("|")[1] for line in block(text, 2).splitlines()] == [" b:", "   - x", "   - y"]


def test_rules_stays_the_list():
    listing = invoke("rules")
    assert listing.exit_code == 0 and "SPBE-MOR-002" in listing.output and "Failing example" not in listing.output
