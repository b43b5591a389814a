"""`spbe-check registry add`: after merge, judge approved manifests and add them to the registry (checker/gate/registry_add.py)."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.options import engine_option, fail_closed, lang_option, policies_option, waivers_option
from checker.cli.output import emit
from checker.errors import CannotJudge
from checker.model import Lang, Text
from checker.plumbing.paths import DEFAULT_REGISTRY


@click.command("add")
@click.argument("manifests", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--registry",
    "registry_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_REGISTRY,
    envvar="SPBE_CHECK_REGISTRY",
    show_default="the sample national registry",
    help="The registry file to update (YAML or JSON, optionally .gz); written back in the same format.",
)
@click.option(
    "--since",
    "since_ref",
    default=None,
    help="Also add the manifests added or changed under --manifests since this git revision "
    "(the post-merge workflow passes the push's `before` SHA).",
)
@click.option(
    "--manifests",
    "manifests_dir",
    default="manifests",
    show_default=True,
    help="With --since: the manifests folder inside the repository.",
)
@click.option("--id-prefix", default="APP-", show_default=True, help="Prefix of the new registry ids.")
@click.option(
    "--skip-existing",
    is_flag=True,
    help="Skip manifests already registered from the same manifest id (re-runs) instead of refusing them.",
)
@click.option("--dry-run", is_flag=True, help="Judge and report, write nothing.")
@policies_option
@waivers_option
@lang_option
@engine_option
@fail_closed(judging=True)
def registry_add(
    manifests: tuple[Path, ...],
    registry_file: Path,
    since_ref: str | None,
    manifests_dir: str,
    id_prefix: str,
    skip_existing: bool,
    dry_run: bool,
    policies: Path,
    waivers: Path | None,
    lang: Lang,
    engine: str,
) -> int:
    """Add approved manifests to the registry (after merge).

    Every manifest is judged against the registry first; if any is not pass or warn,
    or its id is already registered, nothing is written and the exit code is 1.
    """
    from checker.gate import registry_add as update
    from checker.judging.evaluate import collect_targets

    targets = collect_targets(manifests) if manifests else []
    if since_ref:
        from checker.gate.change import changed_manifests_since

        known = {t.file for t in targets}
        targets += [t for t in changed_manifests_since(Path("."), since_ref, manifests_dir) if t.file not in known]
    if not targets:
        if not since_ref:
            raise CannotJudge(
                Text(
                    "Name the manifests to add, or pass --since REV.",
                    "Sebutkan manifes yang akan ditambahkan, atau berikan --since REV.",
                )
            )
        click.echo(
            Text("spbe-check: no manifests to add.", "spbe-check: tidak ada manifes untuk ditambahkan.").get(lang),
            err=True,
        )
        return 0
    original = update.read_registry_file(registry_file)
    plan, report = update.plan_update(
        original.doc, targets, policies, str(registry_file), waivers, engine, id_prefix, skip_existing
    )
    if report is not None and any(r.verdict not in update.ADMITTED for r in report.results):
        emit(report, "text", None, lang)
    if plan.refused:
        for _, reason in plan.refused:
            click.echo(f"spbe-check: refused: {reason.get(lang)}", err=True)
        click.echo(
            Text(
                "spbe-check: nothing was written to the registry.", "spbe-check: tidak ada yang ditulis ke registri."
            ).get(lang),
            err=True,
        )
        return 1
    for rid, file in plan.skipped:
        click.echo(f"spbe-check: {rid} ({file}) is already registered; skipped", err=True)
    for record in plan.added:
        click.echo(f"spbe-check: add {record['id']} ({record['manifest']['file']})")
    for old, new in plan.retired:
        click.echo(f"spbe-check: retire {old} (replaced by {new})")
    if not plan.added:
        return 0
    doc = update.apply_plan(original.doc, plan, update.next_revision(str(original.doc["metadata"]["revision"])))
    if dry_run:
        click.echo("spbe-check: --dry-run: registry not written", err=True)
        return 0
    update.write_registry_file(original, doc)
    click.echo(
        f"spbe-check: wrote {registry_file} (revision {doc['metadata']['revision']}, {len(doc['apps'])} applications)"
    )
    return 0
