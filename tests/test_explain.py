"""`spbe-check explain RULE`: what, why, how, and examples that come from data, not code."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.explain import block, build_page, judge_examples, numbered
from checker.paths import DEFAULT_REGISTRY, POLICIES_DIR, PROJECT_ROOT
from checker.policyset import load_policies

EXAMPLES = PROJECT_ROOT / "manifests"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_page_has_what_why_how_and_both_examples():
    result = invoke("explain", "SPBE-MOR-002")
    assert result.exit_code == 0, result.output
    rule = load_policies(POLICIES_DIR).rules["SPBE-MOR-002"]
    out = result.output
    flat = " ".join(out.split())  # long paragraphs are wrapped
    for text in (rule.title.en, rule.description.en, rule.reference, rule.remediation.en, "What it checks", "Why",
                 "How to comply", "Failing example", "Passing example"):
        assert " ".join(text.split()) in flat, text
    failing = out[out.index("Failing example"):out.index("Passing example")]
    assert "manifests/" in failing and "> " in failing and "LYN-PENGADUAN" in failing.split("> ", 1)[1].splitlines()[0]
    assert "SHARED-LAPOR" in failing  # the engine's own message


def test_page_in_indonesian():
    result = invoke("explain", "SPBE-MOR-002", "--lang", "id")
    rule = load_policies(POLICIES_DIR).rules["SPBE-MOR-002"]
    assert result.exit_code == 0
    assert rule.title.id in result.output and "Cara memenuhi" in result.output and "Contoh yang melanggar" in result.output
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


@pytest.mark.parametrize("rule", sorted(load_policies(POLICIES_DIR).rules))
def test_every_rule_has_a_page_and_its_failing_example_really_fails(rule, evidence):
    page = build_page(rule, POLICIES_DIR, str(DEFAULT_REGISTRY), EXAMPLES, evidence=evidence)
    assert page.rule.id == rule and page.rule.remediation.en and page.rule.remediation.id
    if page.failing is not None:
        assert page.failing.file and page.failing.line
        marked = [line for line in page.failing.snippet.splitlines() if line.startswith(" > ")]
        assert len(marked) == 1 and f" {page.failing.line} |" in marked[0]
    if page.passing is not None:
        assert page.passing.file != page.failing.file


def test_the_example_manifests_illustrate_every_family(evidence):
    families = set()
    for rule in load_policies(POLICIES_DIR).rules:
        if build_page(rule, POLICIES_DIR, str(DEFAULT_REGISTRY), EXAMPLES, evidence=evidence).failing is not None:
            families.add(rule.split("-")[1])
    assert {"MOR", "SHR", "INT", "HST"} <= families


def test_examples_in_the_rules_metadata_win(tiny_policies, registry_file):
    rego = tiny_policies / "spbe" / "demo.rego"
    rego.write_text(rego.read_text().replace("#   reference: test\n", (
        "#   reference: test\n"
        "#   examples:\n"
        "#     fail: |\n"
        "#       spec:\n"
        "#         functions: [LYN-PARKIR]\n"
        "#     pass: |\n"
        "#       spec:\n"
        "#         functions: [LYN-LAIN]\n"), 1))
    result = invoke("explain", "SPBE-MOR-901", "--policies", str(tiny_policies), "--registry", str(registry_file))
    assert result.exit_code == 0, result.output
    assert "from the rule's metadata" in result.output
    assert "functions: [LYN-PARKIR]" in result.output and "functions: [LYN-LAIN]" in result.output


def test_schema_rules_explain_without_examples():
    result = invoke("explain", "SPBE-SCH-003")
    assert result.exit_code == 0 and "No example manifest" in result.output


def test_snippets_number_and_mark_lines():
    text = "a: 1\nb:\n  - x\n  - y\nc: 3\n"
    assert numbered(text, 2, 1, 1).splitlines() == ["   1 | a: 1", " > 2 | b:", "   3 |   - x"]
    assert [line.split("|")[1] for line in block(text, 2).splitlines()] == [" b:", "   - x", "   - y"]


def test_rules_stays_the_list():
    listing = invoke("rules")
    assert listing.exit_code == 0 and "SPBE-MOR-002" in listing.output and "Failing example" not in listing.output
