"""A floor under the duplicate-detection figures on the labelled set (bench/duplicates/cases.yaml).

Not a timed test: it runs bench/duplicates.py's evaluation (the real Judge, embedded engine,
sample registry) and checks quality only. The floors sit a little under the figures recorded
in BENCHMARKS.md, so a change that makes duplicate detection worse fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("bench_duplicates", ROOT / "bench" / "duplicates.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_duplicates"] = module
    spec.loader.exec_module(module)
    return module.evaluate()


def test_the_set_is_large_enough_and_mixed(figures: dict[str, Any]) -> None:
    assert figures["cases"] >= 150
    assert figures["new"] >= 40
    assert figures["shared_cases"] >= 13


@pytest.mark.parametrize(
    ("measure", "floor"),
    [
        ("precision", 0.90),
        ("recall", 0.95),
        ("top1", 0.90),
        ("top3", 0.95),
        ("shared_named", 0.90),
    ],
)
def test_quality_floor(figures: dict[str, Any], measure: str, floor: float) -> None:
    assert figures[measure] >= floor, figures


@pytest.mark.parametrize(("measure", "ceiling"), [("new_flagged", 0.10), ("new_any_mor", 0.20)])
def test_false_alarm_ceiling(figures: dict[str, Any], measure: str, ceiling: float) -> None:
    assert figures[measure] <= ceiling, figures
