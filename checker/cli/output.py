"""Delivering a judged report: rendered to standard output or, atomically, to --output.

Shared by every command that ends with a report (check, ci, registry add).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from checker.cli.options import use_color
from checker.errors import CannotJudge
from checker.model import Lang, Text


def emit(report: Any, format_name: str, output: Path | None, lang: Lang, junit_cases: str = "manifest") -> None:
    """Render the report to stdout or, atomically, to a file (then a one-line summary on stderr).

    The verdicts are already reached here: if the report cannot be delivered the run
    still exits 2 (the gate's output is missing), saying so rather than "nothing was judged".
    """
    from checker.cli.interrupts import is_broken_pipe
    from checker.cli.streams import write_workflow_commands
    from checker.formats import FORMATS, render
    from checker.plumbing.atomicfile import write_text_atomically

    def rendered(color: bool) -> str:
        if format_name == "junit" and junit_cases == "rule":
            from checker.formats.junit import render_junit_per_rule

            return render_junit_per_rule(report, lang)
        return render(format_name, report, lang, color=color)

    counts = report.summary()
    tally = f"pass {counts['pass']}, warn {counts['warn']}, fail {counts['fail']}, invalid {counts['invalid']}"
    try:
        if output is None:
            text = rendered(use_color(sys.stdout))
            if getattr(FORMATS[format_name], "workflow_commands", False):
                write_workflow_commands(text)
            else:
                click.echo(text, nl=False)
            return
        write_text_atomically(output, rendered(False))
    except OSError as err:
        if is_broken_pipe(err):
            raise
        raise CannotJudge(report_not_written(output, err, tally)) from None
    click.echo(f"spbe-check: wrote {format_name} report to {output} ({tally})", err=True)


def report_not_written(output: Path | None, err: OSError, tally: str) -> Text:
    """The truth when the report could not be written: judged, but not delivered."""
    import errno

    where = str(output) if output is not None else "standard output"
    where_id = str(output) if output is not None else "keluaran standar"
    reason = err.strerror or str(err)
    code = f" ({errno.errorcode[err.errno]})" if err.errno is not None and err.errno in errno.errorcode else ""
    return Text(
        f"the manifests were judged ({tally}) but the report could not be written to {where}: {reason}{code}. "
        "Exit 2 because the gate's report is missing; free space or choose another --output, then run again.",
        f"manifes sudah dinilai ({tally}) tetapi laporan tidak dapat ditulis ke {where_id}: {reason}{code}. "
        "Keluar dengan kode 2 karena laporan gerbang tidak ada; kosongkan ruang atau pilih --output lain, lalu jalankan lagi.",
    )
