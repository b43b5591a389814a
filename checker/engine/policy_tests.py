"""`spbe-check test`: run the Rego unit tests and report rule coverage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.engine.interface import TestOutcome
from checker.engine.regorus import RegorusEngine
from checker.policy.policyset import PolicyFile, PolicySet, load_policies


@dataclass(frozen=True)
class PolicyTestReport:
    outcomes: tuple[TestOutcome, ...]
    line_coverage: dict[str, float]  # policy file -> fraction of its evaluated lines covered
    rules_covered: dict[str, bool]  # rule id -> some test evaluated its body

    @property
    def ok(self) -> bool:
        return bool(self.outcomes) and all(o.passed for o in self.outcomes)

    def render(self, verbose: bool = False) -> str:
        lines = []
        for outcome in self.outcomes:
            if verbose or not outcome.passed:
                status = "PASS" if outcome.passed else "FAIL"
                detail = f"  ({outcome.error})" if outcome.error else ""
                lines.append(f"{status} data.{outcome.package}.{outcome.name}{detail}")
        for path, fraction in sorted(self.line_coverage.items()):
            lines.append(f"coverage {path}: {fraction:.0%}")
        uncovered = sorted(r for r, c in self.rules_covered.items() if not c)
        covered = len(self.rules_covered) - len(uncovered)
        lines.append(
            f"rules with tests that reach them: {covered}/{len(self.rules_covered)}"
            + (f" (not reached: {', '.join(uncovered)})" if uncovered else "")
        )
        passed = sum(o.passed for o in self.outcomes)
        if not self.outcomes:
            lines.append("no Rego tests found (test_* rules in *_test.rego)")
        lines.append(f"{passed} passed, {len(self.outcomes) - passed} failed")
        return "\n".join(lines) + "\n"


def run_policy_tests(policies_dir: Path) -> PolicyTestReport:
    policies = load_policies(policies_dir)
    engine = RegorusEngine()
    engine.load(policies, policies.data, with_tests=True)
    outcomes, coverage = engine.run_tests()
    covered_lines = _covered_lines(coverage)
    return PolicyTestReport(
        tuple(outcomes), _line_coverage(coverage, policies), _rule_coverage(policies, covered_lines)
    )


def _covered_lines(coverage: dict[str, Any] | None) -> dict[str, set[int]]:
    if not coverage:
        return {}
    return {f["path"]: set(f.get("covered", [])) for f in coverage.get("files", [])}


def _line_coverage(coverage: dict[str, Any] | None, policies: PolicySet) -> dict[str, float]:
    policy_paths = {f.path for f in policies.policy_files()}
    out = {}
    for entry in (coverage or {}).get("files", []):
        if entry["path"] in policy_paths:
            total = len(entry.get("covered", [])) + len(entry.get("not_covered", []))
            out[entry["path"]] = len(entry.get("covered", [])) / total if total else 1.0
    return out


def _rule_coverage(policies: PolicySet, covered: dict[str, set[int]]) -> dict[str, bool]:
    result: dict[str, bool] = {}
    for policy in policies.policy_files():
        for rule_id, first, last in _rule_bodies(policy):
            hit = any(first <= line <= last for line in covered.get(policy.path, ()))
            result[rule_id] = result.get(rule_id, False) or hit
    return dict(sorted(result.items()))


def _rule_bodies(policy: PolicyFile) -> list[tuple[str, int, int]]:
    """(rule id, first body line, last body line), 1-based, for each METADATA-annotated rule."""
    lines = policy.text.splitlines()
    out = []
    for index, text in enumerate(lines):
        if text.strip() != "# METADATA":
            continue
        rule_id = None
        head = index + 1
        while head < len(lines) and lines[head].lstrip().startswith("#"):
            match = re.search(r"\bid:\s*(SPBE-[A-Z]{3}-\d{3})", lines[head])
            rule_id = rule_id or (match.group(1) if match else None)
            head += 1
        end = head
        while end < len(lines) and lines[end].rstrip() != "}":
            end += 1
        if rule_id:
            out.append((rule_id, head + 1, end + 1))
    return out
