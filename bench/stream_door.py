"""What the stdout/stderr door (checker/cli/streams.py) costs on large reports.

Renders a synthetic report of 2,000 manifests (each with violations, waivers and
suggestions) in each format and times writing it through DefusingWriter into memory,
against writing it directly. Medians.

    .venv/bin/python bench/stream_door.py --runs 7
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from checker.cli.streams import DefusingWriter
from checker.formats import NAMES, render
from checker.model import Report, Result, Suggestion, Text, Violation


def sample_report(copies: int) -> Report:
    violations = (
        Violation(
            "SPBE-MOR-002",
            "deny",
            Text("Function LYN-PENGADUAN is owned by SP4N-LAPOR!", "Fungsi dimiliki"),
            "spec.functions[0]",
            21,
            15,
            (Suggestion("SHARED-LAPOR", "SP4N-LAPOR!", 1.0, "https://lapor.go.id"),),
        ),
        Violation("SPBE-MOR-005", "warn", Text("Name is close to APP-1", "Nama mirip APP-1"), "metadata.name", 5, 7),
    )
    results = tuple(Result(f"manifests/agency-{i}/app.yaml", f"app-{i}", "fail", violations) for i in range(copies))
    return Report(tool_version="0.1.0", policy_revision="p", registry_revision="r", results=results)


def median_ms(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--manifests", type=int, default=2000)
    args = parser.parse_args()
    report = sample_report(args.manifests)
    for name in NAMES:
        text = render(name, report, "en")

        def through_door(text: str = text) -> None:
            writer = DefusingWriter(io.StringIO())  # type: ignore[arg-type]
            writer.write(text)
            writer.release()

        direct = median_ms(lambda text=text: io.StringIO().write(text), args.runs)
        door = median_ms(through_door, args.runs)
        print(f"{name:9} {len(text) / 1e6:6.2f} MB  direct {direct:6.1f} ms  through the door {door:6.1f} ms")


if __name__ == "__main__":
    main()
