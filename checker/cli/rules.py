"""The policy owners' commands: `spbe-check rules` (checker/guidance/rules_view.py) and `spbe-check test` (Rego unit tests)."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.options import fail_closed, lang_option, policies_option
from checker.model import Lang


@click.command()
@click.argument("rule_id", required=False)
@policies_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the rule metadata as JSON.")
@fail_closed
def rules(rule_id: str | None, policies: Path, lang: Lang, as_json: bool) -> int:
    """List the rules, or explain RULE_ID, from the policies' metadata."""
    from checker.guidance.rules_view import render_rule, render_rule_list, render_rules_json, select_rules

    selected = select_rules(policies, rule_id)
    if as_json:
        click.echo(render_rules_json(selected, lang), nl=False)
    elif rule_id:
        click.echo(render_rule(selected[0], lang), nl=False)
    else:
        click.echo(render_rule_list(selected, lang), nl=False)
    return 0


@click.command("test")
@policies_option
@click.option("-v", "--verbose", is_flag=True, help="List every test, not only failures.")
@fail_closed(judging=True)
def test_command(policies: Path, verbose: bool) -> int:
    """Run the Rego unit tests (*_test.rego) with the embedded engine."""
    from checker.engine.policy_tests import run_policy_tests

    report = run_policy_tests(policies)
    click.echo(report.render(verbose=verbose), nl=False)
    return 0 if report.ok else 1
