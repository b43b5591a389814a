"""The README's test command is what CI runs, and it lints and type-checks before the tests.

Issue 15, item 3: ruff and mypy run in `.ci/run` and the GitHub workflow before the tests,
installed by the project's own files (the `test` extra, pinned, and constraints.txt). Three
copies of one command drift apart unless something compares them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
INTRO = "Set up and run the tests (this is what `.ci/run` runs):"


def readme_test_command() -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    found = re.search(re.escape(INTRO) + r"\s*```sh\n(.+?)\n```", readme)
    assert found, f"README.md no longer introduces its test command with {INTRO!r}"
    return found.group(1).strip()


def ci_run_command() -> str:
    lines = (PROJECT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line.strip() for line in lines if line.startswith("python3 -m venv")]
    assert len(commands) == 1, commands
    return commands[0]


def workflow_command() -> str:
    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    runs = [s["run"].strip() for s in steps if s.get("name", "").startswith("Install and test")]
    assert len(runs) == 1, runs
    return str(runs[0])


def test_readme_ci_run_and_workflow_run_one_command() -> None:
    assert readme_test_command() == ci_run_command() == workflow_command()


def test_the_command_lints_and_type_checks_before_the_tests() -> None:
    steps = [step.strip() for step in readme_test_command().split("&&")]
    tests = next(i for i, step in enumerate(steps) if step.startswith(".venv/bin/python -m pytest"))
    assert ".venv/bin/ruff check" in steps[:tests]
    assert ".venv/bin/mypy" in steps[:tests]


def test_the_tools_are_pinned_in_the_test_extra_and_in_constraints() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = {
        re.split(r"[=<>;\s]", item, maxsplit=1)[0].lower(): item
        for item in project["project"]["optional-dependencies"]["test"]
    }
    constraints = {
        line.split("==")[0].lower(): line.split("==")[1]
        for line in (PROJECT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    for tool in ("ruff", "mypy", "types-pyyaml", "types-jsonschema", "types-requests", "pytest-cov", "coverage"):
        assert tool in extra, f"{tool} is not in the test extra"
        pinned = extra[tool].split("==")[1].strip()
        assert constraints.get(tool) == pinned, (
            f"{tool}=={pinned} in pyproject.toml, {constraints.get(tool)} in constraints.txt"
        )


def test_mypy_is_strict_and_ruff_selects_the_security_rules() -> None:
    tools = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert tools["mypy"]["strict"] is True and tools["mypy"]["files"] == ["checker"]
    assert {"F", "B", "S", "BLE"} <= set(tools["ruff"]["lint"]["select"])
