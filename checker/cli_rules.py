"""The policy owners' commands: `spbe-check rules` (the rules from their metadata) and `spbe-check test` (Rego unit tests)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from checker.cli_options import fail_closed, lang_option, policies_option
from checker.errors import CannotJudge
from checker.model import Lang, Text


@click.command()
@click.argument("rule_id", required=False)
@policies_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the rule metadata as JSON.")
@fail_closed
def rules(rule_id: str | None, policies: Path, lang: Lang, as_json: bool) -> int:
    """List the rules, or explain RULE_ID, from the policies' metadata."""
    from checker.manifest import SCHEMA_RULES
    from checker.policyset import load_policies
    from checker.waivers import waiver_limit

    catalogue = {**SCHEMA_RULES, **load_policies(policies).rules}
    if rule_id:
        info = catalogue.get(rule_id.upper())
        if info is None:
            raise CannotJudge(Text(f"Unknown rule {rule_id}; `spbe-check rules` lists them.",
                                   f"Aturan {rule_id} tidak dikenal; `spbe-check rules` menampilkan daftarnya."))
        selected = [info]
    else:
        selected = list(catalogue.values())
    if as_json:
        click.echo(json.dumps([_rule_json(r, lang) for r in selected], ensure_ascii=False, indent=2))
        return 0
    if rule_id:
        info = selected[0]
        labels = ("Severity", "Family", "Why", "How to comply", "Reference", "Waivers", "Policy") if lang == "en" else \
                 ("Tingkat", "Rumpun", "Alasan", "Cara memenuhi", "Rujukan", "Pengecualian", "Kebijakan")
        click.echo(f"{info.id}  {info.title.get(lang)}")
        for label, value in zip(labels, (info.severity, info.family, info.description.get(lang),
                                         info.remediation.get(lang), info.reference, waiver_limit(info).get(lang),
                                         f"{info.source} ({info.package})")):
            click.echo(f"  {label}: {value}")
        return 0
    for info in selected:
        limit = f"{info.max_waiver_days}d" if info.waivable and info.max_waiver_days else "-"
        click.echo(f"{info.id}  {info.severity:<4}  {limit:>4}  {info.title.get(lang)}")
    click.echo(Text("(the column after the severity is the longest waiver allowed; - = cannot be waived)",
                    "(kolom setelah tingkat adalah pengecualian terlama yang diizinkan; - = tidak dapat dikecualikan)").get(lang))
    return 0


def _rule_json(info: Any, lang: Lang) -> dict[str, Any]:
    return {"id": info.id, "family": info.family, "severity": info.severity, "title": info.title.get(lang),
            "description": info.description.get(lang), "remediation": info.remediation.get(lang),
            "reference": info.reference, "package": info.package, "source": info.source,
            "waivable": info.waivable, "maxWaiverDays": info.max_waiver_days}


@click.command("test")
@policies_option
@click.option("-v", "--verbose", is_flag=True, help="List every test, not only failures.")
@fail_closed(judging=True)
def test_command(policies: Path, verbose: bool) -> int:
    """Run the Rego unit tests (*_test.rego) with the embedded engine."""
    from checker.policytest import run_policy_tests

    report = run_policy_tests(policies)
    click.echo(report.render(verbose=verbose), nl=False)
    return 0 if report.ok else 1
