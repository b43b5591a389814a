"""Editor and pre-commit support: the schema at a stable path, the schema comment, the hook."""

from __future__ import annotations

import json
import re
import tomllib

import yaml
from click.testing import CliRunner

from checker.cli.main import main
from checker.plumbing.paths import MANIFEST_SCHEMA, PROJECT_ROOT

SCHEMA_ID = "https://spbe.go.id/schemas/v1/manifest.schema.json"
MANIFESTS = PROJECT_ROOT / "manifests"
COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


def manifest_files() -> list:
    return sorted(p for p in MANIFESTS.rglob("*.y*ml") if "apis" not in p.relative_to(MANIFESTS).parts)


def test_schema_lives_at_its_stable_path_with_its_id():
    assert MANIFEST_SCHEMA == PROJECT_ROOT / "checker" / "schemas" / "manifest.schema.json"
    schema = json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == SCHEMA_ID and schema["$schema"].endswith("2020-12/schema")


def test_schema_command_prints_it():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and json.loads(result.output)["$id"] == SCHEMA_ID
    path = CliRunner().invoke(main, ["schema", "--path"])
    assert path.exit_code == 0 and path.output.strip() == str(MANIFEST_SCHEMA)


def test_every_example_manifest_carries_the_schema_comment_pointing_at_the_schema():
    files = manifest_files()
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = COMMENT.match(first)
        assert match, f"{path} must start with '# yaml-language-server: $schema=...'"
        target = (path.parent / match.group(1)).resolve()
        assert target.is_file(), f"{path}: {match.group(1)} does not exist"
        assert target == MANIFEST_SCHEMA.resolve()


def test_files_left_out_are_openapi_documents():
    for path in MANIFESTS.rglob("*.y*ml"):
        if path not in manifest_files():
            assert "openapi" in yaml.safe_load(path.read_text(encoding="utf-8")), path


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    (hook,) = hooks
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "spbe-check" and hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["entry"] == "spbe-check check"
    program, command = hook["entry"].split()
    scripts = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts[program] == "checker.cli.main:main" and command in main.commands
    files, exclude = re.compile(hook["files"]), re.compile(hook.get("exclude", "(?!)"))

    def selected(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    assert selected("manifests/kabupaten-karawang/lapor-warga.yaml") and selected("manifests/x/y.yml")
    assert not selected("manifests/kabupaten-karawang/apis/laporan.yaml")  # an OpenAPI document
    assert not selected("README.md") and not selected("policies/spbe/data.yaml")


def test_hook_entry_judges_the_files_pre_commit_passes():
    files = [str(p) for p in manifest_files() if "perizinan-inaku" in p.name]
    result = CliRunner().invoke(main, ["check", *files])
    assert result.exit_code == 0, result.output
