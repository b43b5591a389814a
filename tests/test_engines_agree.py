"""Same verdicts from every engine: the embedded one (regorus) and OPA.

One shared suite: every manifest in manifests/, the hostile-input corpus and a valid
test manifest are judged by the embedded engine and by each OPA side, and the full
JSON reports (English and Bahasa Indonesia) must be identical.

OPA sides:
- `opa-server` (bundle mode) and `opa-server-push`: a real `opa run --server`, started
  here from the bundle `spbe-check bundle build` writes. Needs an `opa` binary on
  PATH; skipped otherwise. The GitHub workflow .github/workflows/opa.yml installs OPA
  and runs this file, so there the real server is used.
- `opa-go-engine`: a loopback stand-in for OPA's REST protocol whose answers come from
  OPA's own Go Rego engine in-process (PyPI opa-golib-python-bindings, module
  `opa_bindings`, which embeds github.com/open-policy-agent/opa/v1/rego). The REST
  layer is the stand-in's, the Rego evaluation is real OPA's, loaded from the built
  bundle. Its metadata asks for Python >= 3.14 but the py3-none wheel loads on 3.11: the
  README's test command (and .ci/run) installs it with --no-deps --ignore-requires-python.
  It is part of the test setup, so where it is missing these tests fail, never skip.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tarfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer, URIPattern
from werkzeug import Request, Response

from checker.bundle.build import write_bundle
from checker.engine.opa_settings import OpaSettings
from checker.formats import render
from checker.judging.evaluate import Target, collect_targets, open_judge
from checker.plumbing.paths import DEFAULT_REGISTRY, POLICIES_DIR, PROJECT_ROOT
from conftest import TINY_REGISTRY, VALID_MANIFEST

NO_OPA = "no opa binary on PATH: the OPA side runs in the GitHub workflow (.github/workflows/opa.yml)"
NO_GO_ENGINE = (
    "opa_bindings (PyPI opa-golib-python-bindings, pinned in constraints.txt) is not installed: run "
    "`.venv/bin/pip install -c constraints.txt --no-deps --ignore-requires-python "
    "opa-golib-python-bindings` (the README's test command does)"
)


@pytest.fixture(autouse=True)
def no_opa_env(monkeypatch):
    for name in ("SPBE_CHECK_OPA_URL", "SPBE_CHECK_OPA_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("agree")


@pytest.fixture(scope="module")
def registry_source(workdir: Path) -> str:
    """The sample national registry; the tiny test registry until the sample exists."""
    if DEFAULT_REGISTRY.is_file():
        return str(DEFAULT_REGISTRY)
    path = workdir / "registry.json"
    path.write_text(json.dumps(TINY_REGISTRY), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def bundle_file(workdir: Path, registry_source: str) -> Path:
    out = workdir / "bundle.tar.gz"
    write_bundle(out, POLICIES_DIR, registry_source)
    return out


@pytest.fixture(scope="module")
def targets(workdir: Path) -> list[Target]:
    valid = workdir / "manifests" / "valid-test-manifest.yaml"
    valid.parent.mkdir()
    valid.write_text(VALID_MANIFEST, encoding="utf-8")
    found = collect_targets([PROJECT_ROOT / "manifests", PROJECT_ROOT / "tests" / "corpus", valid.parent])
    assert len(found) > 5
    return found


def reports(engine: str, registry_source: str, targets: list[Target], opa: OpaSettings | None = None) -> dict[str, Any]:
    judge = open_judge(POLICIES_DIR, registry_source, None, engine, opa=opa)
    report = judge.check(targets)
    return {lang: json.loads(render("json", report, lang)) for lang in ("en", "id")}


@pytest.fixture(scope="module")
def embedded(registry_source: str, targets: list[Target]) -> dict[str, Any]:
    return reports("embedded", registry_source, targets)


def assert_same(opa_side: dict[str, Any], embedded: dict[str, Any]) -> None:
    for lang in ("en", "id"):
        ours, theirs = embedded[lang], opa_side[lang]
        assert theirs["summary"] == ours["summary"]
        for mine, other in zip(ours["results"], theirs["results"], strict=True):
            assert other == mine, mine["file"]
        assert theirs == ours
    assert any(r["verdict"] == "fail" for r in embedded["en"]["results"]), "the suite must exercise denials"


# -- the real OPA server ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_opa(*args: str) -> Iterator[str]:
    opa = shutil.which("opa")
    if opa is None:
        pytest.skip(NO_OPA)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [opa, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"opa run exited with {proc.returncode}: {proc.stderr.read().decode()[:2000]}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:  # noqa: S310 - our loopback http
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("opa run did not become healthy within 60s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def opa_bundle_server(bundle_file: Path) -> Iterator[str]:
    yield from start_opa("--bundle", str(bundle_file))


@pytest.fixture(scope="module")
def opa_empty_server() -> Iterator[str]:
    yield from start_opa()


def test_opa_server_bundle_mode_agrees(opa_bundle_server: str, registry_source: str, targets, embedded):
    """Real OPA server loaded with the built bundle; nothing pushed; revision checked."""
    side = reports("opa", registry_source, targets, OpaSettings(url=opa_bundle_server, mode="bundle", timeout=60))
    assert_same(side, embedded)


def test_opa_server_push_mode_agrees_and_runs_the_rego_tests(
    opa_empty_server: str, registry_source: str, targets, embedded
):
    """Real OPA server with nothing loaded: policies and data pushed over the REST API, then queried."""
    settings = OpaSettings(url=opa_empty_server, mode="push", timeout=60)
    assert_same(reports("opa", registry_source, targets, settings), embedded)
    from checker.engine.opa import OpaEngine
    from checker.policy.policyset import load_policies

    policies = load_policies(POLICIES_DIR)
    engine = OpaEngine(settings)
    engine.load(policies, policies.data, with_tests=True)  # as `spbe-check test` runs them
    outcomes, _ = engine.run_tests()
    assert len(outcomes) >= 40
    assert [f"{o.package}.{o.name}" for o in outcomes if not o.passed] == []


# -- OPA's Go engine, in-process, behind a loopback stand-in for the REST API ----------------


def bundle_contents(bundle: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """(manifest, data, modules) as OPA reads them from the tarball."""
    with tarfile.open(bundle, "r:gz") as tar:
        files = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    modules = {name: blob.decode() for name, blob in files.items() if name.endswith(".rego")}
    return json.loads(files["/.manifest"]), json.loads(files["/data.json"]), modules


@pytest.fixture(scope="module")
def go_engine(bundle_file: Path):
    try:
        from opa_bindings import OpaEngine as GoEngine
    except ImportError:
        pytest.fail(NO_GO_ENGINE)
    manifest, data, modules = bundle_contents(bundle_file)
    engine = GoEngine()
    for name, text in sorted(modules.items()):
        engine.add_policy(name, text)
    engine.add_data(data)
    yield engine, manifest
    engine.close()


class DataPath(URIPattern):
    """Any document under /v1/data/."""

    def match(self, uri: str) -> bool:
        return uri.startswith("/v1/data/")


@pytest.fixture
def go_engine_server(go_engine, httpserver: HTTPServer) -> str:
    """Loopback stand-in checking OPA's REST protocol, answering with OPA's Go engine."""
    from opa_bindings.engine import OpaUndefinedError

    engine, manifest = go_engine

    def data_api(request: Request) -> Response:
        path = request.path.removeprefix("/v1/data/").strip("/")
        body = json.loads(request.get_data() or b"{}")
        if path == "system/bundles":
            answer: dict[str, Any] = {"result": {"bundle.tar.gz": {"manifest": manifest, "etag": ""}}}
        else:
            try:
                answer = {"result": engine.eval_document(path.replace("/", "."), body.get("input"))}
            except OpaUndefinedError:
                answer = {}
        return Response(json.dumps(answer), content_type="application/json")

    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request(DataPath(), method="POST").respond_with_handler(data_api)
    return httpserver.url_for("/")


def test_opas_go_engine_agrees_through_the_rest_protocol(
    go_engine_server: str, registry_source: str, targets, embedded
):
    """--engine opa (bundle mode) against the stand-in whose answers are OPA's Go engine's, from the bundle."""
    side = reports("opa", registry_source, targets, OpaSettings(url=go_engine_server, mode="bundle", timeout=60))
    assert_same(side, embedded)


def test_rego_unit_tests_pass_on_opas_go_engine(bundle_file: Path):
    """Every test_ rule of the policies' *_test.rego is true on OPA's own Go engine too."""
    try:
        from opa_bindings import OpaEngine as GoEngine
        from opa_bindings.engine import OpaUndefinedError
    except ImportError:
        pytest.fail(NO_GO_ENGINE)
    from checker.policy.policyset import load_policies

    policies = load_policies(POLICIES_DIR)
    _, data, _ = bundle_contents(bundle_file)
    data["spbe"].pop("registry")  # tests bring their own registry fixtures, as with `opa test policies/`
    engine = GoEngine()
    for policy in policies.files:
        engine.add_policy(policy.path, policy.text)
    engine.add_data(data)
    failed, ran = [], 0
    for policy in policies.files:
        for name in policy.test_rules():
            ran += 1
            try:
                if engine.eval_document(f"{policy.package}.{name}", {}) is not True:
                    failed.append(f"{policy.package}.{name}")
            except OpaUndefinedError:
                failed.append(f"{policy.package}.{name} (undefined)")
    engine.close()
    assert ran >= 40 and failed == []


def test_the_workflow_runs_this_suite_with_a_real_opa():
    """Where no opa binary is here, the GitHub workflow is where the OPA side runs: keep it wired."""
    workflow = (PROJECT_ROOT / ".github" / "workflows" / "opa.yml").read_text(encoding="utf-8")
    assert "open-policy-agent/setup-opa@v2" in workflow
    assert "tests/test_engines_agree.py" in workflow
