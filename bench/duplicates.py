"""Evaluation of duplicate detection on the labelled set bench/duplicates/cases.yaml (or another, --cases).

Run from the project root:  .venv/bin/python bench/duplicates.py [--json] [--show-misses]

Each case becomes a manifest (otherwise compliant: justification, government audience,
PDN hosting) judged by the real `Judge` (embedded engine, the policies in `policies/`,
the sample registry). Only the duplicate findings count: SPBE-MOR-002, -003, -004, -005
and -011 (function inference). A case's *suggestions* are what the product reports as the
apps the proposal most likely duplicates (a result's `closest`, checker/judging/closest.py):
the suggestions of those findings in the policy pack's `closest_evidence` order (MOR-011,
MOR-003, MOR-004, MOR-002, MOR-005; MOR-002 last when the text does not read like the
declared code), each app once, here not cut at max_suggestions.

Right answers of a duplicate case: the ids in `expect.apps`, the shared service in
`expect.shared`, and for `expect.group: FUNCTION#N` every active app built from the
N-th archetype of FUNCTION in checker/registry/samplegen/data/archetypes.yaml (its name templates, with the
place filled by any text) plus the shared services that own FUNCTION.

Definitions:
- precision = duplicate cases whose suggestions contain a right answer
              / cases with at least one duplicate finding (a finding on a legitimately new
              app, or one naming only wrong apps, is a false alarm);
- recall    = duplicate cases whose suggestions contain a right answer / duplicate cases;
- top-1 / top-3 = duplicate cases whose first suggestion / first three suggestions
              contain a right answer / duplicate cases;
- new flagged   = new cases with MOR-002, -003, -005 or -011 / new cases;
- new flagged by text = new cases with MOR-003, -005 or -011 / new cases: the part of
              "new flagged" the matcher decides (MOR-002 follows the declared code alone:
              SPEC forbids declaring a function a shared service owns, whatever the text);
- new any MOR   = new cases with any duplicate finding (MOR-004 included) / new cases;
- shared named  = cases with `expect.shared` and a declared code that service does not own,
              whose suggestions name that service / such cases.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.judging.evaluate import Target, open_judge  # noqa: E402
from checker.registry.load import load_registry  # noqa: E402
from checker.registry.samplegen.generate import ARCHETYPES  # noqa: E402

CASES = ROOT / "bench" / "duplicates" / "cases.yaml"
REGISTRY = ROOT / "registry" / "national-registry.json.gz"
FLAGGING = {"SPBE-MOR-002", "SPBE-MOR-003", "SPBE-MOR-005", "SPBE-MOR-011"}
FLAGGING_BY_TEXT = FLAGGING - {"SPBE-MOR-002"}


def group_members(registry: Any) -> dict[str, set[str]]:
    """FUNCTION#N -> ids of active apps whose name fits a template of that archetype."""
    per_function: dict[str, int] = {}
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for arch in ARCHETYPES:
        n = per_function.get(arch.function, 0)
        per_function[arch.function] = n + 1
        templates = set(arch.names) | set(arch.central_names)
        alternatives = []
        for template in templates:
            text = re.escape(template)
            for slot in ("place", "short", "full"):
                text = text.replace(re.escape("{" + slot + "}"), ".+")
            text = text.replace(re.escape("{head}"), ".*")
            alternatives.append(text)
        patterns.append((f"{arch.function}#{n}", re.compile("^(?:" + "|".join(alternatives) + ")$")))
    members: dict[str, set[str]] = {key: set() for key, _ in patterns}
    for app in registry.apps.values():
        if app["status"] != "active" or app.get("shared"):
            continue
        for key, pattern in patterns:
            if key.split("#")[0] in app["functions"] and pattern.match(app["name"]):
                members[key].add(app["id"])
    return members


def manifest_doc(case: dict[str, Any], number: int) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "kind": case["kind"],
        "description": case["description"],
        "audience": "government",
        "channels": ["web"],
        "functions": case["functions"],
        "hosting": {"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "PDN-BATAM", "country": "ID"},
        "data": {"criticality": "low", "personalData": False},
    }
    if case.get("extends"):
        spec["extends"] = case["extends"]
    if case["kind"] == "new":
        spec["justification"] = (
            "Tidak ada aplikasi terdaftar maupun layanan bersama yang memenuhi kebutuhan ini; "
            "usulan ini dievaluasi oleh bench/duplicates.py sebagai kasus uji."
        )
    return {
        "apiVersion": "spbe.go.id/v1",
        "kind": "ApplicationProposal",
        "metadata": {
            "id": f"bench-case-{number:03d}",
            "name": case["name"],
            "agency": case["agency"],
            "contact": "bench@example.go.id",
        },
        "spec": spec,
    }


def evaluate(
    cases_path: Path = CASES,
    registry_path: Path = REGISTRY,
    policies: Path = ROOT / "policies",
    show_misses: bool = False,
) -> dict[str, Any]:
    """The figures defined in this module's docstring, and per-case outcomes."""
    cases = yaml.safe_load(cases_path.read_text(encoding="utf-8"))["cases"]
    registry = load_registry(str(registry_path))
    groups = group_members(registry)
    owners: dict[str, set[str]] = {}
    for app in registry.apps.values():
        if app.get("shared") and app["status"] == "active":
            for code in app["functions"]:
                owners.setdefault(code, set()).add(app["id"])
    judge = open_judge(policies, registry_path, None, "embedded")
    judge.max_suggestions = len(registry.apps)  # the whole `closest` list, not the product's first few
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        targets = []
        for number, case in enumerate(cases, 1):
            path = Path(tmp) / f"case-{number:03d}.yaml"
            path.write_text(yaml.safe_dump(manifest_doc(case, number), allow_unicode=True), encoding="utf-8")
            targets.append(Target(path, path.name, True))
        report = judge.check(targets, root=Path(tmp))
    for case, result in zip(cases, report.results, strict=True):
        findings = [v for v in result.violations if v.rule in judge.evidence_order]
        suggestions = [s.id for s in result.closest]
        expect = case["expect"]
        right: set[str] = set()
        if isinstance(expect, dict):
            right |= set(expect.get("apps", []))
            if expect.get("shared"):
                right.add(expect["shared"])  # the docstring's definition: naming the shared service is right
            if expect.get("group"):
                right |= groups[expect["group"]] | owners.get(expect["group"].split("#")[0], set())
        outcomes.append(
            {
                "id": case["id"],
                "category": case["category"],
                "name": case["name"],
                "new": expect == "new",
                "rules": sorted({v.rule for v in findings}),
                "suggestions": suggestions,
                "right": right,
                "shared": expect.get("shared") if isinstance(expect, dict) else None,
                "shared_wrong_code": isinstance(expect, dict)
                and bool(expect.get("shared"))
                and not (set(case["functions"]) & {c for c, o in owners.items() if expect["shared"] in o}),
            }
        )
    return figures(outcomes, show_misses)


def figures(outcomes: list[dict[str, Any]], show_misses: bool = False) -> dict[str, Any]:
    dups = [o for o in outcomes if not o["new"]]
    new = [o for o in outcomes if o["new"]]
    caught = [o for o in dups if set(o["suggestions"]) & o["right"]]
    flagged_cases = [o for o in outcomes if o["rules"]]
    shared_cases = [o for o in dups if o["shared_wrong_code"]]

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    result = {
        "cases": len(outcomes),
        "duplicates": len(dups),
        "new": len(new),
        "precision": ratio(len(caught), len(flagged_cases)),
        "recall": ratio(len(caught), len(dups)),
        "top1": ratio(sum(1 for o in dups if o["suggestions"][:1] and o["suggestions"][0] in o["right"]), len(dups)),
        "top3": ratio(sum(1 for o in dups if set(o["suggestions"][:3]) & o["right"]), len(dups)),
        "new_flagged": ratio(sum(1 for o in new if set(o["rules"]) & FLAGGING), len(new)),
        "new_flagged_by_text": ratio(sum(1 for o in new if set(o["rules"]) & FLAGGING_BY_TEXT), len(new)),
        "new_any_mor": ratio(sum(1 for o in new if o["rules"]), len(new)),
        "shared_named": ratio(sum(1 for o in shared_cases if o["shared"] in o["suggestions"]), len(shared_cases)),
        "shared_cases": len(shared_cases),
    }
    by_category: dict[str, list[int]] = {}
    for o in dups:
        entry = by_category.setdefault(o["category"], [0, 0])
        entry[0] += bool(set(o["suggestions"]) & o["right"])
        entry[1] += 1
    result["recall_by_category"] = {k: f"{a}/{b}" for k, (a, b) in sorted(by_category.items())}
    if show_misses:
        result["misses"] = [
            {"id": o["id"], "name": o["name"], "rules": o["rules"], "suggestions": o["suggestions"][:3]}
            for o in outcomes
            if (o["new"] and o["rules"]) or (not o["new"] and not set(o["suggestions"][:3]) & o["right"])
        ]
    return result


def matcher_cpu_ms(cases_path: Path, rounds: int = 5) -> float:
    """CPU time (time.process_time, so fair on a loaded machine) of the duplicate facts per manifest."""
    import time

    from checker.matching.suggest import Thresholds, match_facts
    from checker.registry.compiled import load_compiled

    cases = yaml.safe_load(cases_path.read_text(encoding="utf-8"))["cases"]
    index = load_compiled(REGISTRY).matcher
    match_facts(index, "warm up", "", "", "", frozenset(), Thresholds())
    start = time.process_time()
    for _ in range(rounds):
        for case in cases:
            match_facts(
                index,
                case["name"],
                case["description"],
                case["agency"]["code"],
                case["agency"]["name"],
                frozenset([case.get("extends", "")]),
                Thresholds(),
            )
    return round((time.process_time() - start) * 1000.0 / (rounds * len(cases)), 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--cases",
        type=Path,
        default=CASES,
        help="labelled set (default: the tuning set; "
        "bench/duplicates/holdout*.yaml are held-out sets: BENCHMARKS.md says which were later "
        "used for tuning)",
    )
    parser.add_argument("--timing", action="store_true", help="also the CPU time of the matcher per manifest")
    args = parser.parse_args()
    result = evaluate(args.cases, show_misses=args.show_misses)
    if args.timing:
        result["matcher_cpu_ms_per_manifest"] = matcher_cpu_ms(args.cases)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    for key, value in result.items():
        if key == "misses":
            print("misses:")
            for miss in value:
                print(f"  {miss['id']}: {miss['name']}  rules={miss['rules']}  top3={miss['suggestions']}")
        else:
            print(f"{key:<20} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
