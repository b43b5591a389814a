"""`spbe-check explain RULE` (one rule's page) and `spbe-check schema` (for editors and CI).

Thin Click commands over checker/guidance/explain.py. checker/cli/main.py registers them.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from checker.cli.options import fail_closed, lang_option, policies_option, registry_option
from checker.errors import CannotJudge
from checker.model import Lang, Text
from checker.plumbing.paths import EXAMPLES_DIR, MANIFEST_SCHEMA


def _t(lang: Lang, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


@click.command("explain")
@click.argument("rule_id", metavar="RULE")
@click.option("--json", "as_json", is_flag=True, help="Print the rule page as JSON.")
@click.option(
    "--examples",
    "examples_dir",
    type=click.Path(path_type=Path),
    default=EXAMPLES_DIR,
    show_default="the examples shipped with spbe-check",
    help="Example manifests to find a failing and a passing example in.",
)
@policies_option
@registry_option
@lang_option
@fail_closed
def explain(rule_id: str, as_json: bool, examples_dir: Path, policies: Path, registry: str, lang: Lang) -> int:
    """Explain one rule: what it checks, why, how to comply, with a failing and a passing example."""
    from checker.guidance.explain import build_page, page_json, render_page

    page = build_page(rule_id, policies, registry, examples_dir)
    if as_json:
        click.echo(json.dumps(page_json(page, lang), ensure_ascii=False, indent=2))
    else:
        click.echo(render_page(page, lang, str(examples_dir)), nl=False)
    return 0


@click.command("schema")
@click.option("--path", "show_path", is_flag=True, help="Print where the schema file is instead of its content.")
@fail_closed
def schema(show_path: bool) -> int:
    """Print the manifest JSON Schema (for editors and CI; $id https://spbe.go.id/schemas/v1/manifest.schema.json)."""
    if show_path:
        click.echo(str(MANIFEST_SCHEMA))
        return 0
    try:
        click.echo(MANIFEST_SCHEMA.read_text(encoding="utf-8"), nl=False)
    except OSError as err:
        raise CannotJudge(
            Text(
                f"The manifest schema {MANIFEST_SCHEMA} cannot be read: {err}. Reinstall spbe-check.",
                f"Skema manifes {MANIFEST_SCHEMA} tidak dapat dibaca: {err}. Pasang ulang spbe-check.",
            )
        ) from None
    return 0
