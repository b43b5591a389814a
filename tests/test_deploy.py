"""The deployment files for the central decision service hold together.

Docker cannot run on the project's machines, so the compose file is checked as YAML:
the expected services, pinned images, OPA's flags, and that the files it mounts exist.
The authorization policy's tests run under `opa test` in the OPA workflow, and
here on OPA's Go engine where its Python bindings are installed.
"""

from __future__ import annotations

import re

import pytest
import yaml

from checker.plumbing.paths import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def opa_config() -> dict:
    return yaml.safe_load((DEPLOY / "opa-config.yaml").read_text(encoding="utf-8"))


def test_compose_has_the_bundle_server_and_opa_with_pinned_images(compose):
    services = compose["services"]
    assert set(services) == {"bundle-server", "opa"}
    for service in services.values():
        image = service["image"]
        _name, _, tag = image.partition(":")
        assert tag and tag != "latest" and re.search(r"\d+\.\d+\.\d+", tag), f"unpinned image {image}"
    assert services["opa"]["image"].startswith("openpolicyagent/opa:")


def test_opa_serves_on_all_interfaces_with_config_token_auth_and_the_authz_policy(compose):
    opa = compose["services"]["opa"]
    command = opa["command"]
    assert command[:2] == ["run", "--server"]
    assert "--addr=0.0.0.0:8181" in command
    assert "--config-file=/config/opa-config.yaml" in command
    assert "--authentication=token" in command and "--authorization=basic" in command
    assert "/config/authz.rego" in command
    mounts = {m.split(":")[1]: m.split(":")[0] for m in opa["volumes"]}
    for inside, outside in mounts.items():
        assert (DEPLOY / outside).exists(), f"{outside} mounted at {inside} is missing"
    assert "SPBE_OPA_TOKEN" in opa["environment"]
    assert opa["ports"] == ["127.0.0.1:8181:8181"], "published on loopback only, TLS is the proxy's job"
    assert opa["depends_on"]["bundle-server"]["condition"] == "service_healthy"


def test_opa_polls_the_bundle_server_and_logs_decisions(compose, opa_config):
    assert opa_config["services"]["bundle-server"]["url"] == "http://bundle-server/bundles"
    bundle = opa_config["bundles"]["spbe"]
    assert bundle["service"] == "bundle-server" and bundle["resource"] == "spbe/bundle.tar.gz"
    assert opa_config["decision_logs"]["console"] is True
    served = compose["services"]["bundle-server"]["volumes"][0]
    assert served.startswith("./bundles:") and (DEPLOY / "bundles").is_dir()


def test_authz_policy_tests_pass_on_opas_go_engine():
    try:
        from opa_bindings import OpaEngine
    except ImportError:
        pytest.fail(
            "opa_bindings (PyPI opa-golib-python-bindings) is not installed: run `.venv/bin/pip install "
            "-c constraints.txt --no-deps --ignore-requires-python opa-golib-python-bindings` "
            "(the README's test command does)"
        )
    engine = OpaEngine()
    test_file = DEPLOY / "authz_test.rego"
    for path in (DEPLOY / "authz.rego", test_file):
        engine.add_policy(path.name, path.read_text(encoding="utf-8"))
    names = re.findall(r"^(test_\w+) if", test_file.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(names) >= 6
    failed = [n for n in names if engine.eval_document(f"system.authz_test.{n}", {}) is not True]
    engine.close()
    assert failed == []


def test_the_workflow_checks_and_tests_the_authz_policy_with_opa():
    workflow = (PROJECT_ROOT / ".github" / "workflows" / "opa.yml").read_text(encoding="utf-8")
    assert "opa test deploy/authz.rego deploy/authz_test.rego" in workflow
    assert "opa check --strict deploy/authz.rego" in workflow
