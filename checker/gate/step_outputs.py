"""GitHub Actions step outputs of the gate: the verdict counts and where the report is.

The composite action (action.yml) exposes them as `pass`, `warn`, `fail`, `invalid` and
`report`, so a later step can branch on them without parsing the report. Written only
when GitHub provides `GITHUB_OUTPUT`; values are numbers and a path, never secrets.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def write_step_outputs(report: Any, output: Path | None, env: Mapping[str, str]) -> None:
    """Append `pass=N`, `warn=N`, `fail=N`, `invalid=N` and `report=PATH` to $GITHUB_OUTPUT, if set."""
    target = env.get("GITHUB_OUTPUT")
    if not target:
        return
    counts = report.summary() if report is not None else {}
    lines = [f"{verdict}={int(counts.get(verdict, 0))}" for verdict in ("pass", "warn", "fail", "invalid")]
    report_path = str(output.resolve()) if output is not None else ""
    if "\n" in report_path or "\r" in report_path:
        report_path = ""
    lines.append(f"report={report_path}")
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    except OSError:
        return
