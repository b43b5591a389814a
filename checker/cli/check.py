"""`spbe-check check PATH...`: judge manifests and deliver the report (checker/judging/evaluate.py does the judging)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from checker.cli.options import fail_closed, judging_options, use_color
from checker.cli.output import emit, report_not_written
from checker.errors import CannotJudge
from checker.model import FailOn, Lang, Report, Text


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@judging_options
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line; the exit code says the rest.")
@click.option("-v", "--verbose", is_flag=True, help="Also list passing manifests and timings (on stderr).")
@fail_closed(judging=True)
def check(
    paths: tuple[Path, ...],
    format_name: str,
    output: Path | None,
    registry: str,
    policies: Path,
    waivers: Path | None,
    lang: Lang,
    engine: str,
    opa: Any = None,
    quiet: bool = False,
    verbose: bool = False,
    fail_on: FailOn = "deny",
    junit_cases: str = "manifest",
) -> int:
    """Judge manifests (files, or folders searched for *.yaml/*.yml).

    Exit 0 when every manifest passes or only warns, 1 when one fails or is
    invalid (or warns, with --fail-on warn), 2 when the tool could not judge.
    """
    from checker.cli.interrupts import is_broken_pipe
    from checker.cli.terminal import check_with_progress, quiet_summary, stopwatch, verbose_details
    from checker.judging.evaluate import collect_targets, open_judge

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other; pick one.")
    targets = collect_targets(paths)
    if not targets:
        raise CannotJudge(
            Text(
                "No manifests (*.yaml, *.yml) found in the paths given.",
                "Tidak ada manifes (*.yaml, *.yml) di jalur yang diberikan.",
            )
        )
    with stopwatch() as loading:
        judge = open_judge(policies, registry, waivers, engine, opa=opa, hash_lines=format_name == "sarif")
    for notice in judge.notices():
        click.echo(f"spbe-check: {notice.get(lang)}", err=True)
    with stopwatch() as judging:
        report: Report = check_with_progress(judge, targets)
    if quiet and output is None:
        try:
            click.echo(quiet_summary(report, lang, use_color(sys.stdout)), nl=False)
        except OSError as err:
            if is_broken_pipe(err):
                raise
            counts = report.summary()
            raise CannotJudge(report_not_written(None, err, ", ".join(f"{k} {v}" for k, v in counts.items()))) from None
    else:
        emit(report, format_name, output, lang, junit_cases)
    if verbose:
        click.echo(verbose_details(report, loading[0], judging[0], lang), err=True, nl=False)
    return report.exit_code_for(fail_on)
