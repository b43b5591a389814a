"""The wheel is the product (issue 12, item 1): built, checked and run with no checkout.

One module-scoped build (`python -m build --no-isolation`, sdist then a wheel built from the
sdist, as CI does) and one fresh virtual environment with that wheel installed; every
command then runs with a temporary directory as its working directory, so nothing can be
found through the checkout. Offline-capable: no index is contacted. The fresh environment
sees the already-installed, pinned dependencies through a `.pth` path line (which does not
activate this checkout's editable finder), the wheel itself is installed with
`--no-index --no-deps`, and `pip check` proves its declared requirements are met by those
pins. Slow by nature (about a minute): the whole install is built once for the module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest
from git import Repo

PROJECT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "sarif", "junit", "markdown", "github")
SHIPPED = (
    "checker/policies/spbe/mor.rego",
    "checker/policies/spbe/config/data.json",
    "checker/templates/report.md.j2",
    "checker/templates/pr-comment.md.j2",
    "checker/templates/manifest.yaml.j2",
    "checker/templates/audit/report.html.j2",
    "checker/schemas/manifest.schema.json",
    "checker/schemas/waivers.schema.json",
    "checker/data/synonyms.json",
    "checker/data/idn-area/districts.csv",
    "checker/data/idn-area/LICENSE.md",
    "checker/sample_registry/national-registry.json.gz",
    "checker/sample_registry/sources/idn-area/LICENSE.md",
    "checker/sample_registry/sources/idn-area/regencies.csv",
    "checker/registry/samplegen/data/archetypes.yaml",
    "checker/registry/samplegen/data/registry.yaml",
    "checker/examples/kabupaten-karawang/lapor-warga.yaml",
)


class Installed:
    """The fresh environment: run its `spbe-check` from a directory outside the checkout."""

    def __init__(self, root: Path, dist: Path, work: Path):
        self.root, self.dist, self.work = root, dist, work
        self.bin = root / "bin"

    def run(self, *args: str, cwd: Path | None = None, check_rc: int | None = 0) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SPBE_CHECK_", "PYTHON", "GITHUB_"))}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        done = subprocess.run(
            [str(self.bin / "spbe-check"), *args],
            check=False,
            cwd=cwd or self.work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check_rc is not None:
            assert done.returncode == check_rc, (
                f"{args}: rc {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
            )
        assert "Traceback" not in done.stderr, done.stderr
        return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(PROJECT)],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(root)
    python = root / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The pinned dependencies of this environment, without activating its editable install.
    Path(site, "deps-of-the-test-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next(dist.glob("*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-index", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    work = tmp_path_factory.mktemp("agency-repo")
    return Installed(root, dist, work)


def test_every_code_package_is_listed_for_the_wheel() -> None:
    """pyproject.toml lists the packages explicitly (to map the data folders): a new one must be added there."""
    import tomllib

    listed = set(
        tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        init.parent.relative_to(PROJECT).as_posix().replace("/", ".")
        for init in (PROJECT / "checker").rglob("__init__.py")
    }
    assert found - listed == set()


def test_sdist_and_wheel_build_and_pass_twine_check(dist: Path) -> None:
    files = sorted(p.name for p in dist.iterdir())
    assert any(f.endswith(".whl") for f in files) and any(f.endswith(".tar.gz") for f in files)
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_wheel_carries_the_policy_pack_templates_schemas_and_sample_registry(dist: Path) -> None:
    names = set(zipfile.ZipFile(next(dist.glob("*.whl"))).namelist())
    assert [name for name in SHIPPED if name not in names] == []
    policies = {n for n in names if n.startswith("checker/policies/") and n.endswith(".rego")}
    assert {
        "checker/policies/" + p.relative_to(PROJECT / "policies").as_posix()
        for p in (PROJECT / "policies").rglob("*.rego")
    } == policies
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        members = {m.name.split("/", 1)[1] for m in sdist.getmembers() if "/" in m.name}
    assert {
        "policies/spbe/mor.rego",
        "templates/report.md.j2",
        "registry/national-registry.json.gz",
        "registry/sources/idn-area/LICENSE.md",
        "manifests/kabupaten-karawang/lapor-warga.yaml",
    } <= members


def test_installed_requirements_are_met_and_data_comes_from_the_installed_package(installed: Installed) -> None:
    python = str(installed.bin / "python")
    check = subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "check"], check=False, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    where = subprocess.run(
        [
            python,
            "-c",
            (
                "import checker.plumbing.paths as p; print(p.__file__); print(p.POLICIES_DIR); "
                "print(p.TEMPLATES_DIR); print(p.DEFAULT_REGISTRY); print(p.EXAMPLES_DIR)"
            ),
        ],
        cwd=installed.work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert len(where) == 5 and Path(where[0]).resolve().is_relative_to(installed.root.resolve())
    for path in where:
        assert Path(path).exists() and not Path(path).resolve().is_relative_to(PROJECT), path


@pytest.mark.parametrize("format_name", FORMATS)
def test_check_every_format_from_a_directory_without_a_checkout(installed: Installed, format_name: str) -> None:
    proposal = installed.work / "proposals" / "lapor-warga.yaml"
    if not proposal.exists():
        shutil.copytree(PROJECT / "manifests" / "kabupaten-karawang", proposal.parent)
    done = installed.run("check", "proposals/lapor-warga.yaml", "--format", format_name, check_rc=1)
    assert done.stdout.strip()
    if format_name == "json":
        report = json.loads(done.stdout)
        assert report["results"][0]["verdict"] == "fail" and report["policyRevision"].startswith("sha256:")
    if format_name == "sarif":
        assert json.loads(done.stdout)["version"] == "2.1.0"


def test_rules_explain_test_and_registry_stats(installed: Installed) -> None:
    rules = installed.run("rules")
    assert "SPBE-MOR-001" in rules.stdout
    explain = installed.run("explain", "SPBE-MOR-002")
    assert "SPBE-MOR-002" in explain.stdout and "Traceback" not in explain.stderr
    assert installed.run("test").returncode == 0
    stats = installed.run("registry", "stats")
    assert "27" in stats.stdout  # at national scale: 27,4xx applications


def test_registry_generate_from_the_shipped_sources(installed: Installed) -> None:
    refused = installed.run("registry", "generate", check_rc=2)
    assert "Pass --output FILE" in refused.stderr  # the installed package's data is never rewritten
    out = installed.work / "generated.json.gz"
    installed.run("registry", "generate", "--output", str(out))
    assert out.read_bytes() == (PROJECT / "registry" / "national-registry.json.gz").read_bytes()  # deterministic


def test_init_yes_writes_a_manifest_that_the_installed_tool_accepts(installed: Installed) -> None:
    out = installed.work / "init" / "manifest.yaml"
    done = installed.run(
        "init",
        "--purpose",
        "pengaduan jalan rusak",
        "--agency-code",
        "32.15",
        "--contact",
        "tim@karawangkab.go.id",
        "--output",
        str(out),
        "--yes",
        check_rc=None,
    )
    assert done.returncode in (0, 1), done.stderr  # judged (pass/warn or fail), never "could not judge"
    assert out.is_file() and "apiVersion: spbe.go.id/v1" in out.read_text(encoding="utf-8")


def test_audit_with_a_limit_and_its_html_report(installed: Installed) -> None:
    html = installed.work / "audit.html"
    installed.run("audit", "--limit", "20", "--jobs", "1", "--html", str(html))
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_ci_on_a_temporary_git_repository(installed: Installed, tmp_path: Path) -> None:
    repo = Repo.init(tmp_path / "agency", initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "test@example.invalid")
    root = Path(repo.working_tree_dir or "")
    (root / "README.md").write_text("agency\n", encoding="utf-8")
    repo.git.add(A=True)
    repo.git.commit("-m", "base")
    repo.git.checkout("-b", "proposal")
    shutil.copytree(PROJECT / "manifests" / "kabupaten-karawang", root / "manifests" / "karawang")
    repo.git.add(A=True)
    repo.git.commit("-m", "propose")
    done = installed.run("ci", "--base", "main", "--format", "json", "--no-post", cwd=root, check_rc=1)
    report: dict[str, Any] = json.loads(done.stdout)
    assert {r["file"] for r in report["results"]} >= {"manifests/karawang/lapor-warga.yaml"}
