"""A fresh clone with nothing beside it passes the test suite: nothing reads outside the clone.

Issue 12, item 2: the SARIF schema used to be read from ../shared/data; it now lives in
tests/data with its source and licence.
"""

from __future__ import annotations

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# `../shared`, `/work/shared`, or a path built as `.parent / "shared" / "data"`.
OUTSIDE = re.compile(r"""\.\./shared\b|/work/shared\b|parent\s*/\s*["']shared["']""")
SCANNED = ("checker", "tests", ".ci", ".github", "bench", "deploy")


def test_no_file_of_the_product_tests_or_ci_reads_outside_the_clone() -> None:
    offenders = []
    for folder in SCANNED:
        for path in sorted((PROJECT / folder).rglob("*")):
            if not path.is_file() or path.suffix not in {".py", ".yml", ".yaml", ".toml", ".cfg", ""}:
                continue
            if path.resolve() == Path(__file__).resolve():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(PROJECT)}: {m.group(0)}" for m in OUTSIDE.finditer(text)]
    assert offenders == []


def test_the_sarif_schema_ships_with_the_tests_with_its_source_and_licence() -> None:
    data = PROJECT / "tests" / "data"
    assert (data / "sarif-schema-2.1.0.json").read_text(encoding="utf-8").lstrip().startswith("{")
    source = (data / "SARIF-SOURCE.md").read_text(encoding="utf-8")
    assert "oasis-tcs/sarif-spec" in source and "Licence" in source
