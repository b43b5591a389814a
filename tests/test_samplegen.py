"""The sample-registry generator (issue 15, item 2): a build tool outside the runtime import graph,
its tables data files whose mistakes are named with file, line and column."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import CannotJudge
from checker.registry.samplegen.tables import DATA, load_tables

PROJECT = Path(__file__).resolve().parent.parent
GENERATOR = "checker.registry.samplegen"

# Every command that judges or reads, run in one fresh interpreter through the real CLI;
# then `registry generate`, which must be the one that loads the generator (the control).
PROBE = f"""
import json, sys
from click.testing import CliRunner
import checker.cli.main

def loaded():
    return sorted(m for m in sys.modules if m == {GENERATOR!r} or m.startswith({GENERATOR!r} + "."))

runner = CliRunner()
seen = {{}}
for args in (["check", "manifests", "--format", "json"], ["rules"], ["explain", "SPBE-MOR-002"],
             ["registry", "search", "parkir karawang"], ["registry", "show", "SHARED-LAPOR"],
             ["registry", "stats"], ["audit", "--limit", "3", "--jobs", "1"]):
    result = runner.invoke(checker.cli.main.main, args)
    seen[" ".join(args[:2])] = [result.exit_code, loaded()]
result = runner.invoke(checker.cli.main.main, ["registry", "generate", "--output", sys.argv[1]])
seen["registry generate"] = [result.exit_code, loaded()]
print(json.dumps(seen))
"""


def test_nothing_that_judges_imports_the_generator(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "r.json.gz")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    generate = seen.pop("registry generate")
    assert seen["check manifests"][0] == 1 and seen["audit --limit"][0] in (0, 1)  # the commands really judged
    assert all(code in (0, 1) for code, _ in seen.values()), seen
    assert {command: modules for command, (_, modules) in seen.items() if modules} == {}
    assert generate[0] == 0 and GENERATOR in generate[1]  # the probe can see the generator when it is loaded


def test_the_generator_is_imported_only_inside_functions() -> None:
    """No module of the runtime package imports the generator at import time (a lazy import in a function is allowed)."""
    offenders = []
    for path in (PROJECT / "checker").rglob("*.py"):
        if GENERATOR.replace(".", "/") in path.relative_to(PROJECT).as_posix():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lazy = {
            id(node)
            for func in ast.walk(tree)
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef))
            for node in ast.walk(func)
        }
        for node in ast.walk(tree):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if any(n == GENERATOR or n.startswith(GENERATOR + ".") for n in names) and id(node) not in lazy:
                offenders.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    assert offenders == []


def test_the_shipped_tables_are_found_through_the_package() -> None:
    tables = load_tables()
    assert Path(str(DATA)).is_relative_to(Path(str(PROJECT / "checker" / "registry" / "samplegen")))
    assert len(tables.archetypes) > 40 and len(tables.shared_services) == 15 and len(tables.central_agencies) > 60
    assert "ODbL" in tables.attribution and "idn-area-data" in tables.attribution
    assert tables.pinned_active[("32.15", "LYN-PARKIR")] == 2


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(Path(str(DATA)), copy)
    return copy


def _replace(path: Path, old: str, new: str) -> int:
    """Edit one occurrence; return the 1-based line it is on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text[:at].count("\n") + 1


def _error(data: Path) -> str:
    with pytest.raises(CannotJudge) as caught:
        load_tables(data)
    assert caught.value.message.id and caught.value.message.id != caught.value.message.en  # both languages
    return caught.value.message.en


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "examples.yaml",
            '{agency: "32.15", function: LYN-PARKIR',
            "{agency: 32.15, function: LYN-PARKIR",
            "pinnedActive[0].agency: expected text (quote values",
        ),
        (
            "archetypes.yaml",
            "    prevalence: {province: 0.75, regency: 0.78}",
            "    prevalance: {province: 0.75, regency: 0.78}",
            "archetypes[0].prevalance: unknown field",
        ),
        (
            "archetypes.yaml",
            "{province: 0.75, regency: 0.78}",
            "{province: 0.75, regency: 78}",
            "archetypes[0].prevalence.regency: expected a probability from 0 to 1",
        ),
        (
            "archetypes.yaml",
            "    channels: office\n",
            "    channels: ofice\n",
            "archetypes[0].channels: unknown channel set",
        ),
        (
            "archetypes.yaml",
            "    channels: office\n",
            "    channels: [[web], [web, fax]]\n",
            "archetypes[0].channels[1][1]: expected one of",
        ),
        (
            "taxonomy.yaml",
            "    audience: government",
            "    audience: citizens",
            "functions[0].audience: expected one of",
        ),
        (
            "central-agencies.yaml",
            "    sectors: [koordinasi, keamanan]",
            "    sectors: [koordinasi, keamaan]",
            "agencies[0].sectors[1]: 'keamaan' is not in the sectors below",
        ),
        (
            "archetypes.yaml",
            "  - function: ADM-ARSIP\n",
            "  - function: ADM-ARSIPP\n",
            "archetypes[0].function: 'ADM-ARSIPP' is not in taxonomy.yaml",
        ),
        (
            "archetypes.yaml",
            '      - "e-Office {place}"',
            '      - "e-Office {plcae}"',
            "archetypes[0].names[0]: unknown placeholder",
        ),
        (
            "descriptions.yaml",
            "Dikelola oleh {unit} sejak {year}.",
            "Dikelola oleh {unit} sejak {year.",
            "built[2]: unknown placeholder",
        ),
        (
            "taxonomy.yaml",
            "  - code: ADM-KEPEGAWAIAN\n",
            "  - code: ADM-ARSIP\n",
            "functions[1].code: the code ADM-ARSIP is listed twice",
        ),
        (
            "shared-services.yaml",
            "    agency: anri\n",
            "    agency: arsip\n",
            "services[0].agency: 'arsip' is not in central-agencies.yaml",
        ),
        (
            "registry.yaml",
            "    providers: [SHARED-BSRE]",
            "    providers: [SHARED-BSSN]",
            "capabilities.signature.providers[0]: 'SHARED-BSSN' is not in shared-services.yaml",
        ),
        (
            "central-agencies.yaml",
            "    Koordinasi Kebijakan: DAT-STATISTIK\n",
            "    Koordinasi Kebijakan: DAT-STATISTIK\n    Koordinasi Kebijakan: ADM-ARSIP\n",
            "Duplicate key 'Koordinasi Kebijakan'",
        ),
    ],
)
def test_a_mistake_in_a_table_is_named_with_file_line_and_column(
    data: Path, file: str, old: str, new: str, expected: str
) -> None:
    line = _replace(data / file, old, new)
    message = _error(data)
    assert expected in message
    where = message.split(": ", 1)[0]
    assert where.startswith(str(data / file) + ":")
    found_line = int(where.rsplit(":", 2)[1])
    assert line <= found_line <= line + 1, message  # a new key is reported on its own line


def test_a_missing_table_is_reported_not_a_traceback(data: Path) -> None:
    (data / "descriptions.yaml").unlink()
    assert "descriptions.yaml: cannot be read" in _error(data)


def test_registry_generate_reports_a_broken_table_and_exits_2(data: Path, tmp_path: Path) -> None:
    """Through the real CLI: the message names the file, line and column; no traceback, nothing written."""
    line = _replace(
        data / "examples.yaml", '{agency: "32.15", function: LYN-PARKIR', "{agency: 32.15, function: LYN-PARKIR"
    )
    out = tmp_path / "r.json.gz"
    script = (
        "import sys; from pathlib import Path; import checker.registry.samplegen.tables as t; t.DATA = Path(sys.argv[1]); "
        "import checker.cli.main; checker.cli.main.main(['registry', 'generate', '--output', sys.argv[2]])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(data), str(out)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert f"examples.yaml:{line}:" in done.stderr and "quote values" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
