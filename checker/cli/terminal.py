"""Friendly terminal behaviour shared by commands: progress on a TTY only, timings.

Progress bars go to stderr and only when stderr is a terminal, so pipes, files
and CI logs get exactly the report and nothing else.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # the report types only for the checker; the import stays lazy at run time
    from checker.model import Lang, Report

PROGRESS_MIN_ITEMS = 20  # below this a run is too quick for a bar to help


def progress_wanted(items: int, stream: Any = None) -> bool:
    """A bar only for long work on an interactive stderr."""
    stream = stream if stream is not None else sys.stderr
    return items >= PROGRESS_MIN_ITEMS and bool(getattr(stream, "isatty", lambda: False)())


def check_with_progress(judge: Any, targets: list[Any], label: str = "judging") -> Any:
    """`judge.check(targets)`, with a progress bar on stderr when it is a terminal."""
    if not progress_wanted(len(targets)):
        return judge.check(targets)
    with click.progressbar(length=len(targets), label=label, file=sys.stderr) as bar:
        return judge.check(targets, on_result=lambda _result: bar.update(1))


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """`with stopwatch() as t:` ... `t[0]` is the elapsed seconds afterwards."""
    elapsed = [0.0]
    start = time.perf_counter()
    try:
        yield elapsed
    finally:
        elapsed[0] = time.perf_counter() - start


def quiet_summary(report: Report, lang: Lang, color: bool) -> str:
    """`check --quiet`: the one summary line of the text report."""
    from checker.formats.text import summary_line

    return summary_line(report, lang, color) + "\n"


def verbose_details(report: Any, load_seconds: float, judge_seconds: float, lang: str) -> str:
    """`check --verbose`, on stderr: every manifest that passed or only warned, and where the time went."""
    from checker.formats.escape import strip_control

    lines = []
    for result in report.results:
        if result.verdict in ("pass", "warn"):
            label = {"pass": ("pass", "lulus"), "warn": ("warn", "peringatan")}[result.verdict][lang == "id"]
            lines.append(
                f"spbe-check: {label}  {strip_control(result.file)}"
                + (f" ({strip_control(result.id)})" if result.id else "")
            )
    count = len(report.results)
    per = (judge_seconds / count * 1000) if count else 0.0
    if lang == "id":
        lines.append(
            f"spbe-check: {count} manifes dinilai dalam {load_seconds + judge_seconds:.2f} dtk "
            f"(memuat kebijakan dan registri {load_seconds:.2f} dtk, menilai {judge_seconds:.2f} dtk, "
            f"{per:.1f} md per manifes)"
        )
    else:
        lines.append(
            f"spbe-check: judged {count} manifests in {load_seconds + judge_seconds:.2f} s "
            f"(loading policies and registry {load_seconds:.2f} s, judging {judge_seconds:.2f} s, "
            f"{per:.1f} ms per manifest)"
        )
    return "\n".join(lines) + "\n"
