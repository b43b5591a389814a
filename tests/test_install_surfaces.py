"""How agencies install and run it (issue 12, items 6 and 7): pre-commit, the Action, workflow templates, OPA.

Static checks of the shipped files (a copied workflow must trigger, third-party actions
pinned by commit SHA, installs pinned by constraints.txt, versions that agree), plus the
gate's step outputs written for the Action.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

from checker.gate.step_outputs import write_step_outputs

PROJECT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
WORKFLOWS = (
    sorted((PROJECT / ".github").rglob("*.yml"))
    + sorted((PROJECT / ".gitlab").rglob("*.yml"))
    + [PROJECT / "action.yml"]
)
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*$")
OWN = "your-org/spbe-check@"


def uses_lines(path: Path) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^\s*-?\s*uses:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: str(p.relative_to(PROJECT)))
def test_third_party_actions_are_pinned_by_commit_sha_with_the_version_in_a_comment(path: Path) -> None:
    loose = [
        u
        for u in uses_lines(path)
        if not u.startswith(("./", OWN, "open-policy-agent/setup-opa@")) and not PINNED.match(u)
    ]
    assert loose == []


@pytest.mark.parametrize(
    "path", sorted((PROJECT / ".github" / "workflow-templates").glob("*.yml")), ids=lambda p: p.name
)
def test_workflow_templates_trigger_when_copied(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "$default-branch" not in code  # only organisation workflow templates expand it
    doc = yaml.safe_load(text)
    triggers = doc[True] if True in doc else doc["on"]  # PyYAML reads `on:` as True
    assert triggers, "a copied workflow needs a trigger"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_pip_install_of_spbe_check_is_pinned_by_constraints(path: Path) -> None:
    text = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")
    )
    for command in re.findall(r"pip\"?\s+install\b(?:[^\n]*\\\n)*[^\n]*", text):
        assert " -c " in command or "--constraint" in command, command


def test_own_references_name_the_released_version() -> None:
    """The hook, the Action and the templates name `v<version>` of pyproject.toml, never another tag."""
    texts = {
        p: p.read_text(encoding="utf-8")
        for p in [*WORKFLOWS, PROJECT / ".pre-commit-hooks.yaml", PROJECT / "README.md"]
    }
    for path, text in texts.items():
        for tag in re.findall(r"(?:spbe-check@|rev: |SPBE_CHECK_REV: )(v\d+\.\d+\.\d+)", text):
            assert tag == f"v{VERSION}", f"{path.name} names {tag}"


def test_the_readme_pre_commit_snippet_matches_the_shipped_hook() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(\s*repos:\n\s*- repo: local\n.*?)```", readme, re.S)
    assert block, "README shows a local pre-commit hook that works with the installed package"
    local = yaml.safe_load(block.group(1).replace("\n  ", "\n"))["repos"][0]["hooks"][0]
    shipped = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    for key in ("id", "entry", "files", "exclude", "require_serial"):
        assert local[key] == shipped[key], key
    assert local["language"] == "system"
    assert re.match(local["files"], "manifests/kabupaten-karawang/lapor-warga.yaml")
    assert re.match(local["exclude"], "manifests/kabupaten-karawang/apis/laporan.yaml")


def test_the_action_exposes_verdict_counts_and_the_report_path() -> None:
    action = yaml.safe_load((PROJECT / "action.yml").read_text(encoding="utf-8"))
    assert {"exit-code", "pass", "warn", "fail", "invalid", "report"} <= set(action["outputs"])
    for name in ("pass", "warn", "fail", "invalid", "report"):
        assert action["outputs"][name]["value"] == f"${{{{ steps.gate.outputs.{name} }}}}"
    install = next(s for s in action["runs"]["steps"] if s.get("name") == "Install spbe-check")["run"]
    assert '-c "$ACTION_PATH/constraints.txt"' in install and " -e " not in install  # the package, not editable


def test_step_outputs_are_the_counts_and_the_report_path(tmp_path: Path) -> None:
    class Report:
        def summary(self) -> dict[str, int]:
            return {"pass": 2, "warn": 1, "fail": 3, "invalid": 0}

    outputs = tmp_path / "github_output"
    write_step_outputs(Report(), tmp_path / "report.sarif", {"GITHUB_OUTPUT": str(outputs)})
    assert outputs.read_text(encoding="utf-8").splitlines() == [
        "pass=2",
        "warn=1",
        "fail=3",
        "invalid=0",
        f"report={(tmp_path / 'report.sarif').resolve()}",
    ]
    write_step_outputs(Report(), None, {})  # outside GitHub: nothing, no error


def test_opa_verifies_the_bundle_signature_with_the_mounted_key() -> None:
    config = yaml.safe_load((PROJECT / "deploy" / "opa-config.yaml").read_text(encoding="utf-8"))
    keyid = config["bundles"]["spbe"]["signing"]["keyid"]
    assert config["keys"][keyid]["algorithm"] == "RS256"
    compose = yaml.safe_load((PROJECT / "deploy" / "docker-compose.yml").read_text(encoding="utf-8"))
    opa = compose["services"]["opa"]
    assert f"--set-file=keys.{keyid}.key=/config/keys/authority.pub.pem" in opa["command"]
    assert "./keys:/config/keys:ro" in opa["volumes"]
