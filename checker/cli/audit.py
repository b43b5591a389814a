"""`spbe-check audit`: judge the whole registry and write its reports (checker/audit/run.py does the work)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from checker.cli.options import fail_closed, lang_option, policies_option, registry_option
from checker.errors import CannotJudge
from checker.model import Lang, Text


@click.command("audit")
@registry_option
@policies_option
@lang_option
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the full audit (per app, rule, agency, province, cluster) as JSON to FILE.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write a self-contained HTML report (inline SVG charts, printable) to FILE.",
)
@click.option(
    "--compare",
    "compare_ref",
    default=None,
    metavar="REF",
    help="Also judge with the policies/ of git revision REF; list the apps whose verdict changes and why.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Audit only the first N apps (by registry id).")
@click.option(
    "--jobs",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="Worker processes judging in parallel (default: one per core, at most 4).",
)
@fail_closed(judging=True)
def audit_command(
    registry: str,
    policies: Path,
    lang: Lang,
    json_path: Path | None,
    html_path: Path | None,
    compare_ref: str | None,
    limit: int | None,
    jobs: int | None,
) -> int:
    """Audit the registry: judge every active, non-shared app as if it were proposed today.

    A report, not a gate: exit 0 whenever the audit ran, whatever the verdicts;
    2 when it could not run (bad registry, policies or --compare revision).
    """
    import contextlib

    from checker.audit.html import render_html
    from checker.audit.report import render_text
    from checker.audit.run import Timings, audit_registry, no_progress
    from checker.plumbing.atomicfile import write_text_atomically

    @contextlib.contextmanager
    def progress(label: str, length: int) -> Iterator[Callable[[int], None]]:
        with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True) as bar:
            yield bar.update

    timings = Timings()
    doc = audit_registry(
        registry_source=registry,
        policies_dir=policies,
        lang=lang,
        limit=limit,
        compare=compare_ref,
        workers=jobs,
        progress=progress if sys.stderr.isatty() else no_progress,
        timings=timings,
    )
    outputs: tuple[tuple[Path | None, Callable[[], str]], ...] = (
        (json_path, lambda: json.dumps(doc, ensure_ascii=False, indent=1) + "\n"),
        (html_path, lambda: render_html(doc, lang)),
    )
    for path, text in outputs:
        if path is None:
            continue
        try:
            write_text_atomically(path, text())
        except OSError as err:
            raise CannotJudge(
                Text(
                    f"Cannot write {path}: {err.strerror or err}.",
                    f"Tidak dapat menulis {path}: {err.strerror or err}.",
                )
            ) from None
        click.echo(f"spbe-check: wrote {path}", err=True)
    click.echo(render_text(doc, lang), nl=False)
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.phases.items())
    click.echo(f"spbe-check: audit took {timings.total:.1f} s ({phases})", err=True)
    return 0
