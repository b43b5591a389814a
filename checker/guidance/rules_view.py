"""The rule catalogue as `spbe-check rules` shows it: the list, one rule, or JSON, from the rules' metadata.

Schema rules (built in) and the policy pack's rules in one catalogue, so a policy owner
sees every rule id a verdict can name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.model import Lang, RuleInfo, Text


def select_rules(policies: Path, rule_id: str | None) -> list[RuleInfo]:
    """Every rule (schema rules first), or the one RULE_ID names in any letter case; CannotJudge for an unknown id."""
    from checker.judging.manifest import SCHEMA_RULES
    from checker.policy.policyset import load_policies

    catalogue = {**SCHEMA_RULES, **load_policies(policies).rules}
    if not rule_id:
        return list(catalogue.values())
    info = catalogue.get(rule_id.upper())
    if info is None:
        raise CannotJudge(
            Text(
                f"Unknown rule {rule_id}; `spbe-check rules` lists them.",
                f"Aturan {rule_id} tidak dikenal; `spbe-check rules` menampilkan daftarnya.",
            )
        )
    return [info]


def rule_json(info: RuleInfo, lang: Lang) -> dict[str, Any]:
    """One rule's metadata as `rules --json` prints it (the keys are a contract for scripts)."""
    return {
        "id": info.id,
        "family": info.family,
        "severity": info.severity,
        "title": info.title.get(lang),
        "description": info.description.get(lang),
        "remediation": info.remediation.get(lang),
        "reference": info.reference,
        "package": info.package,
        "source": info.source,
        "waivable": info.waivable,
        "maxWaiverDays": info.max_waiver_days,
    }


def render_rules_json(selected: list[RuleInfo], lang: Lang) -> str:
    return json.dumps([rule_json(r, lang) for r in selected], ensure_ascii=False, indent=2) + "\n"


def render_rule(info: RuleInfo, lang: Lang) -> str:
    """One rule explained: why, how to comply, the reference and how long it may be waived."""
    from checker.judging.waivers import waiver_limit

    labels = (
        ("Severity", "Family", "Why", "How to comply", "Reference", "Waivers", "Policy")
        if lang == "en"
        else ("Tingkat", "Rumpun", "Alasan", "Cara memenuhi", "Rujukan", "Pengecualian", "Kebijakan")
    )
    lines = [f"{info.id}  {info.title.get(lang)}"]
    for label, value in zip(
        labels,
        (
            info.severity,
            info.family,
            info.description.get(lang),
            info.remediation.get(lang),
            info.reference,
            waiver_limit(info).get(lang),
            f"{info.source} ({info.package})",
        ),
        strict=True,
    ):
        lines.append(f"  {label}: {value}")
    return "".join(line + "\n" for line in lines)


def render_rule_list(selected: list[RuleInfo], lang: Lang) -> str:
    """One line per rule: id, severity, the longest waiver allowed, title."""
    lines = []
    for info in selected:
        limit = f"{info.max_waiver_days}d" if info.waivable and info.max_waiver_days else "-"
        lines.append(f"{info.id}  {info.severity:<4}  {limit:>4}  {info.title.get(lang)}")
    lines.append(
        Text(
            "(the column after the severity is the longest waiver allowed; - = cannot be waived)",
            "(kolom setelah tingkat adalah pengecualian terlama yang diizinkan; - = tidak dapat dikecualikan)",
        ).get(lang)
    )
    return "".join(line + "\n" for line in lines)
