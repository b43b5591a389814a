"""--engine opa against a loopback stand-in for an OPA server, checking OPA's REST protocol.

No OPA runs here: pytest-httpserver plays the server. It checks the exact requests
the engine sends (health GET, bundle status read from /v1/data/system/bundles, policy
PUT as text/plain, data PUT as JSON, query POST `{"input": ...}`) and answers with recorded bodies shaped like
OPA's (`{"result": ...}`; `{}` for an undefined document; `{"code", "message"}` for
errors). Faults a central server can have must all end in exit 2 naming the URL,
with the bearer token never printed. Real OPA runs in tests/test_engines_agree.py
where an `opa` binary is available (the GitHub workflow).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from checker.cli.main import main
from checker.engine.opa import OpaEngine
from checker.engine.opa_settings import OpaSettings
from checker.judging.evaluate import engine_data
from checker.policy.policyset import load_policies
from checker.registry.load import load_registry
from conftest import TINY_PACK, TINY_POLICY, VALID_MANIFEST

TOKEN = "s3cret-t0ken-never-printed"

# What OPA answers to POST /v1/data/spbe/demo/deny for VALID_MANIFEST with the tiny policy
# and registry (recorded; OPA prints the float 1.0 as 1).
DENY_ANSWER = [
    {
        "field": "spec.functions[0]",
        "message": {
            "en": "Sistem Informasi Parkir Karawang exists",
            "id": "Sistem Informasi Parkir Karawang sudah ada",
        },
        "rule": "SPBE-MOR-901",
        "suggestions": [
            {"agency": "32.15", "id": "APP-000001", "name": "Sistem Informasi Parkir Karawang", "score": 1}
        ],
    },
    {
        "field": "spec.functions[0]",
        "message": {"en": "e-Parkir Kota Bekasi exists", "id": "e-Parkir Kota Bekasi sudah ada"},
        "rule": "SPBE-MOR-901",
        "suggestions": [{"agency": "32.75", "id": "APP-000002", "name": "e-Parkir Kota Bekasi", "score": 1}],
    },
]


@pytest.fixture(autouse=True)
def no_opa_env(monkeypatch):
    for name in ("SPBE_CHECK_OPA_URL", "SPBE_CHECK_OPA_TOKEN", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def setup(tiny_policies: Path, registry_file: Path, write) -> dict[str, Any]:
    manifest = write("proposal.yaml", VALID_MANIFEST)
    policies = load_policies(tiny_policies)
    return {
        "policies": tiny_policies,
        "registry": registry_file,
        "manifest": manifest,
        "revision": policies.revision,
        "data": engine_data(policies, load_registry(registry_file)),
    }


def run_check(setup: dict[str, Any], url: str, *extra: str, fmt: str = "json") -> Any:
    args = [
        "check",
        str(setup["manifest"]),
        "--policies",
        str(setup["policies"]),
        "--registry",
        str(setup["registry"]),
        "--format",
        fmt,
        "--engine",
        "opa",
        "--opa-url",
        url,
        *extra,
    ]
    return CliRunner().invoke(main, args)


def embedded_json(setup: dict[str, Any]) -> dict[str, Any]:
    args = [
        "check",
        str(setup["manifest"]),
        "--policies",
        str(setup["policies"]),
        "--registry",
        str(setup["registry"]),
        "--format",
        "json",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def bundle_status(revision: str, roots: list[str] | None = None) -> dict[str, Any]:
    """POST /v1/data/system/bundles as OPA answers it for one activated bundle."""
    return {
        "result": {
            "spbe-policies": {
                "etag": '"abc"',
                "manifest": {
                    "revision": revision,
                    "roots": roots or ["spbe"],
                    "metadata": {
                        "policyRevision": revision,
                        "registryRevision": "test-1",
                        "packs": [json.loads(TINY_PACK)],
                    },
                },
            }
        }
    }


def serve_bundle(
    server: HTTPServer, revision: str, *, deny: Any = None, warn: Any = None, registry_revision: str = "test-1"
) -> None:
    """A server that already serves our bundle (production mode)."""
    server.expect_request("/health", method="GET", query_string={"bundles": "true"}).respond_with_json({})
    server.expect_request("/v1/data/system/bundles", method="POST").respond_with_json(bundle_status(revision))
    server.expect_request("/v1/data/spbe/registry/revision", method="POST").respond_with_json(
        {"result": registry_revision}
    )
    serve_queries(server, deny, warn)


def serve_queries(server: HTTPServer, deny: Any = None, warn: Any = None) -> None:
    for kind, answer in (("deny", deny), ("warn", warn)):
        body = {"result": DENY_ANSWER if answer is None and kind == "deny" else answer if answer is not None else []}
        server.expect_request(f"/v1/data/spbe/demo/{kind}", method="POST").respond_with_json(
            body if answer != "undefined" else {}
        )


def requests_made(server: HTTPServer) -> list[tuple[str, str, Request]]:
    return [(req.method, req.path, req) for req, _ in server.log]


def assert_named_and_secret(result: Any, server_url: str) -> None:
    """Exit 2, the message names the server, and the token is nowhere in the output."""
    assert result.exit_code == 2, result.output
    assert server_url in result.output, result.output
    assert TOKEN not in result.output
    assert "Traceback" not in result.output


# -- bundle mode: the happy path ---------------------------------------------------------------


def test_bundle_mode_sends_OPAs_requests_and_gives_the_embedded_verdict(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: health with bundles, bundle status, one POST per set."""
    serve_bundle(httpserver, setup["revision"])
    result = run_check(setup, httpserver.url_for("/"), "--opa-token", TOKEN)
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout) == embedded_json(setup)
    made = requests_made(httpserver)
    assert [(m, p) for m, p, _ in made] == [
        ("GET", "/health"),
        ("POST", "/v1/data/system/bundles"),
        ("POST", "/v1/data/spbe/registry/revision"),
        ("POST", "/v1/data/spbe/demo/deny"),
        ("POST", "/v1/data/spbe/demo/warn"),
    ]
    assert made[0][2].args.get("bundles") == "true"
    for method, _, req in made:
        assert req.headers.get("Authorization") == f"Bearer {TOKEN}"
        if method == "POST" and "/demo/" in req.path:
            assert req.mimetype == "application/json"
            body = json.loads(req.get_data())
            assert set(body) == {"input"}
            assert set(body["input"]) == {"manifest", "facts"}
            assert body["input"]["manifest"]["metadata"]["id"] == "karawang-contoh"
    assert not any(m in ("PUT", "DELETE") for m, _, _ in made), "bundle mode must never write to the server"


def test_bundle_mode_shows_the_servers_revision_given_with_opa_revision(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: --opa-revision accepts a release name as policyRevision."""
    serve_bundle(httpserver, "release-2026.11")
    result = run_check(setup, httpserver.url_for("/"), "--opa-revision", "release-2026.11")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["policyRevision"] == "release-2026.11"


def test_url_from_environment_and_reverse_proxy_prefix(httpserver: HTTPServer, setup, monkeypatch):
    """Loopback stand-in checking OPA's REST protocol: SPBE_CHECK_OPA_URL, and a path prefix is kept."""
    for path in ("/opa/health",):
        httpserver.expect_request(path, method="GET").respond_with_json({})
    httpserver.expect_request("/opa/v1/data/system/bundles").respond_with_json(bundle_status(setup["revision"]))
    httpserver.expect_request("/opa/v1/data/spbe/registry/revision").respond_with_json({"result": "test-1"})
    httpserver.expect_request("/opa/v1/data/spbe/demo/deny", method="POST").respond_with_json({"result": []})
    httpserver.expect_request("/opa/v1/data/spbe/demo/warn", method="POST").respond_with_json({"result": []})
    monkeypatch.setenv("SPBE_CHECK_OPA_URL", httpserver.url_for("/opa/"))
    args = [
        "check",
        str(setup["manifest"]),
        "--policies",
        str(setup["policies"]),
        "--registry",
        str(setup["registry"]),
        "--engine",
        "opa",
        "--format",
        "json",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["pass"] == 1


# -- push mode ---------------------------------------------------------------------------------


def test_push_mode_puts_policies_as_text_and_data_as_json(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: PUT /v1/policies (text/plain), PUT /v1/data (JSON), stale ids removed."""
    httpserver.expect_request("/health", method="GET").respond_with_json({})
    httpserver.expect_request("/v1/policies/", method="GET").respond_with_json(
        {"result": [{"id": "spbe-check/spbe/old.rego"}, {"id": "someone-else/policy.rego"}]}
    )
    httpserver.expect_request("/v1/policies/spbe-check/spbe/demo.rego", method="PUT").respond_with_json({})
    httpserver.expect_request("/v1/policies/spbe-check/spbe/old.rego", method="DELETE").respond_with_json({})
    httpserver.expect_request("/v1/data/spbe", method="PUT").respond_with_data("", status=204)
    serve_queries(httpserver)
    result = run_check(setup, httpserver.url_for("/"), "--opa-mode", "push")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout) == embedded_json(setup)
    made = requests_made(httpserver)
    assert [(m, p) for m, p, _ in made] == [
        ("GET", "/health"),
        ("GET", "/v1/policies/"),
        ("PUT", "/v1/policies/spbe-check/spbe/demo.rego"),
        ("DELETE", "/v1/policies/spbe-check/spbe/old.rego"),
        ("PUT", "/v1/data/spbe"),
        ("POST", "/v1/data/spbe/demo/deny"),
        ("POST", "/v1/data/spbe/demo/warn"),
    ]
    put_policy, put_data = made[2][2], made[4][2]
    assert put_policy.mimetype == "text/plain"
    assert put_policy.get_data(as_text=True) == TINY_POLICY
    assert put_data.mimetype == "application/json"
    assert json.loads(put_data.get_data()) == setup["data"]["spbe"]
    assert made[0][2].args.get("bundles") is None


def test_push_mode_retries_a_module_that_needs_one_uploaded_later(httpserver: HTTPServer, setup, write):
    """Loopback stand-in checking OPA's REST protocol: a compile error (400) is retried once others are in."""
    write("policies/spbe/a_uses_lib.rego", "package spbe.a\n\nimport rego.v1\n\nx := data.spbe.zlib.f(1)\n")
    write("policies/spbe/zlib.rego", "package spbe.zlib\n\nimport rego.v1\n\nf(n) := n\n")
    attempts: list[str] = []

    def put_a(request: Request) -> Response:
        attempts.append("a")
        if "zlib" not in attempts:
            return Response(
                json.dumps(
                    {
                        "code": "invalid_parameter",
                        "message": "error(s) occurred while compiling module(s)",
                        "errors": [{"code": "rego_type_error", "message": "undefined function data.spbe.zlib.f"}],
                    }
                ),
                status=400,
                content_type="application/json",
            )
        return Response("{}", content_type="application/json")

    def put_zlib(request: Request) -> Response:
        attempts.append("zlib")
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/policies/", method="GET").respond_with_json({"result": []})
    httpserver.expect_request("/v1/policies/spbe-check/spbe/a_uses_lib.rego", method="PUT").respond_with_handler(put_a)
    httpserver.expect_request("/v1/policies/spbe-check/spbe/zlib.rego", method="PUT").respond_with_handler(put_zlib)
    httpserver.expect_request("/v1/policies/spbe-check/spbe/demo.rego", method="PUT").respond_with_json({})
    httpserver.expect_request("/v1/data/spbe", method="PUT").respond_with_data("", status=204)
    serve_queries(httpserver)
    result = run_check(setup, httpserver.url_for("/"), "--opa-mode", "push")
    assert result.exit_code == 1, result.output
    assert attempts == ["a", "zlib", "a"]


def test_push_mode_compile_error_is_exit_2_with_OPAs_message(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: a module OPA refuses stops the run, OPA's reason shown."""
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/policies/", method="GET").respond_with_json({"result": []})
    httpserver.expect_request("/v1/policies/spbe-check/spbe/demo.rego", method="PUT").respond_with_json(
        {
            "code": "invalid_parameter",
            "message": "error(s) occurred while compiling module(s)",
            "errors": [{"code": "rego_parse_error", "message": "unexpected eof token"}],
        },
        status=400,
    )
    result = run_check(setup, httpserver.url_for("/"), "--opa-mode", "push", "--opa-token", TOKEN)
    assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
    assert "unexpected eof token" in result.output


def test_push_mode_runs_rego_tests_on_the_server(httpserver: HTTPServer, setup, write):
    """Loopback stand-in checking OPA's REST protocol: test modules are pushed and each test_ rule queried."""
    test_text = "package spbe.demo_test\n\nimport rego.v1\n\ntest_ok if true\n\ntest_broken if false\n"
    write("policies/spbe/demo_test.rego", test_text)
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/policies/", method="GET").respond_with_json({"result": []})
    httpserver.expect_request("/v1/policies/spbe-check/spbe/demo.rego", method="PUT").respond_with_json({})
    httpserver.expect_request("/v1/policies/spbe-check/spbe/demo_test.rego", method="PUT").respond_with_json({})
    httpserver.expect_request("/v1/data/spbe", method="PUT").respond_with_data("", status=204)
    httpserver.expect_request("/v1/data/spbe/demo_test/test_ok", method="POST").respond_with_json({"result": True})
    httpserver.expect_request("/v1/data/spbe/demo_test/test_broken", method="POST").respond_with_json({})
    policies = load_policies(setup["policies"])
    engine = OpaEngine(OpaSettings(url=httpserver.url_for("/"), mode="push"))
    engine.load(policies, setup["data"], with_tests=True)
    outcomes, coverage = engine.run_tests()
    assert {(o.name, o.passed) for o in outcomes} == {("test_ok", True), ("test_broken", False)}
    assert coverage is None


# -- faults: every one is exit 2, names the server, never prints the token -----------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_down_is_exit_2_naming_the_url(setup):
    """Loopback stand-in checking OPA's REST protocol: nothing listens on the port (connection refused)."""
    url = f"http://127.0.0.1:{closed_port()}"
    started = time.monotonic()
    result = run_check(setup, url, "--opa-token", TOKEN, "--opa-retries", "1")
    assert_named_and_secret(result, url)
    assert "Cannot reach the OPA server" in result.output and "2 attempts" in result.output
    assert time.monotonic() - started < 10


def test_slow_server_times_out_as_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: an answer slower than --opa-timeout is a failure, not a wait."""

    def slow(request: Request) -> Response:
        time.sleep(0.8)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_handler(slow)
    result = run_check(
        setup, httpserver.url_for("/"), "--opa-timeout", "0.2", "--opa-retries", "0", "--opa-token", TOKEN
    )
    assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
    assert "did not answer POST /v1/data/system/bundles within 0.2s" in result.output


def test_server_error_500_is_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: OPA's internal_error on a query."""
    serve_bundle(httpserver, setup["revision"])
    httpserver.clear_all_handlers()
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_json(bundle_status(setup["revision"]))
    httpserver.expect_request("/v1/data/spbe/registry/revision").respond_with_json({"result": "test-1"})
    httpserver.expect_request("/v1/data/spbe/demo/deny", method="POST").respond_with_json(
        {"code": "internal_error", "message": "eval_conflict_error: functions must not produce multiple outputs"},
        status=500,
    )
    result = run_check(setup, httpserver.url_for("/"), "--opa-token", TOKEN)
    assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
    assert "HTTP 500 internal_error" in result.output and "eval_conflict_error" in result.output


def test_transient_503_is_retried_with_backoff_then_succeeds(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: a proxy's 503 is retried, boundedly."""
    calls: list[int] = []

    def flaky(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            return Response("<html>503 Service Unavailable</html>", status=503, content_type="text/html")
        return Response(json.dumps({"result": DENY_ANSWER}), content_type="application/json")

    serve_bundle(httpserver, setup["revision"])
    httpserver.clear_all_handlers()
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_json(bundle_status(setup["revision"]))
    httpserver.expect_request("/v1/data/spbe/registry/revision").respond_with_json({"result": "test-1"})
    httpserver.expect_request("/v1/data/spbe/demo/deny", method="POST").respond_with_handler(flaky)
    httpserver.expect_request("/v1/data/spbe/demo/warn", method="POST").respond_with_json({"result": []})
    result = run_check(setup, httpserver.url_for("/"))
    assert result.exit_code == 1, result.output
    assert len(calls) == 2


def test_retries_are_bounded(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: a server that keeps answering 503 is given up on."""
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_data("busy", status=503)
    sleeps: list[float] = []
    engine = OpaEngine(OpaSettings(url=httpserver.url_for("/"), retries=3), sleep=sleeps.append)
    with pytest.raises(Exception) as caught:
        engine.load(load_policies(setup["policies"]), setup["data"])
    assert "kept answering POST /v1/data/system/bundles with HTTP 503 (4 attempts)" in str(caught.value)
    assert sleeps == [0.25, 0.5, 1.0]
    assert len([r for r, _ in httpserver.log if r.path == "/v1/data/system/bundles"]) == 4


def test_malformed_json_is_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: a login page instead of OPA's JSON."""
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_data(
        "<html><title>Sign in</title></html>", content_type="text/html"
    )
    result = run_check(setup, httpserver.url_for("/"), "--opa-token", TOKEN)
    assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
    assert "not OPA's JSON" in result.output and "Sign in" in result.output


def test_revision_mismatch_is_exit_2_saying_what_to_publish(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: the server serves an older bundle."""
    serve_bundle(httpserver, "sha256:0000000000000000")
    result = run_check(setup, httpserver.url_for("/"), "--opa-token", TOKEN)
    assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
    assert "sha256:0000000000000000" in result.output and setup["revision"] in result.output
    assert "Publish the bundle" in result.output
    assert not [r for r, _ in httpserver.log if "/demo/" in r.path], "no query after a mismatch"


def test_explicit_revision_mismatch_is_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: --opa-revision names a release the server does not serve."""
    serve_bundle(httpserver, setup["revision"])
    result = run_check(setup, httpserver.url_for("/"), "--opa-revision", "release-2027.01")
    assert result.exit_code == 2 and "--opa-revision expects release-2027.01" in result.output


def test_registry_revision_mismatch_is_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: the bundle indexes another registry than --registry."""
    serve_bundle(httpserver, setup["revision"], registry_revision="2026-10-01")
    result = run_check(setup, httpserver.url_for("/"))
    assert result.exit_code == 2 and "registry revision 2026-10-01" in result.output and "test-1" in result.output


def test_server_without_our_bundle_is_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: no bundle activated (system.bundles undefined)."""
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_json({})
    result = run_check(setup, httpserver.url_for("/"))
    assert result.exit_code == 2 and "does not serve exactly one activated bundle" in result.output


def test_bad_token_401_is_exit_2_and_the_token_is_not_printed(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: OPA's 401 unauthorized for a wrong bearer token."""
    httpserver.expect_request("/health").respond_with_json(
        {"code": "unauthorized", "message": "authentication failed"}, status=401
    )
    httpserver.expect_request("/v1/data/system/bundles").respond_with_json(
        {"code": "unauthorized", "message": f"authentication failed for Bearer {TOKEN}"}, status=401
    )
    for lang in ("en", "id"):
        result = run_check(setup, httpserver.url_for("/"), "--opa-token", TOKEN, "--lang", lang)
        assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
        assert "SPBE_CHECK_OPA_TOKEN" in result.output


def test_undefined_set_is_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: `{}` (undefined) where a deny set is expected."""
    serve_bundle(httpserver, setup["revision"], deny="undefined")
    result = run_check(setup, httpserver.url_for("/"))
    assert result.exit_code == 2 and "does not define data.spbe.demo.deny" in result.output


def test_result_that_is_not_a_set_is_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: a deny document that is not a set."""
    serve_bundle(httpserver, setup["revision"], deny={"oops": True})
    result = run_check(setup, httpserver.url_for("/"))
    assert result.exit_code == 2 and "is not a set" in result.output


def test_unhealthy_server_is_exit_2(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: /health?bundles answers 500 while a bundle is not active."""
    httpserver.expect_request("/health").respond_with_json({"error": "not all bundles activated"}, status=500)
    httpserver.expect_request("/v1/data/system/bundles").respond_with_json(bundle_status(setup["revision"]))
    httpserver.expect_request("/v1/data/spbe/registry/revision").respond_with_json({"result": "test-1"})
    result = run_check(setup, httpserver.url_for("/"))
    assert result.exit_code == 2 and "reports itself unhealthy" in result.output


def test_wrong_url_404_says_to_check_the_base_address(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: a web server that is not OPA."""
    httpserver.expect_request("/health").respond_with_data("not found", status=404)
    httpserver.expect_request("/v1/data/system/bundles").respond_with_json(
        {"code": "resource_not_found", "message": "no such path"}, status=404
    )
    result = run_check(setup, httpserver.url_for("/"))
    assert result.exit_code == 2 and "resource_not_found" in result.output


# -- TLS -------------------------------------------------------------------------------------


def make_ca_and_server_cert(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate for 127.0.0.1 signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("test CA"))
        .issuer_name(name("test CA"))
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return ca_path, cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path):
    ca_path, cert_path, key_path = make_ca_and_server_cert(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    yield server, ca_path
    server.clear()
    server.stop()


def test_tls_is_verified_and_a_private_ca_is_accepted_with_opa_ca_cert(tls_server, setup):
    """Loopback stand-in checking OPA's REST protocol over real TLS: unknown CA refused, --opa-ca-cert accepted."""
    server, ca_path = tls_server
    serve_bundle(server, setup["revision"])
    url = server.url_for("/").rstrip("/")
    assert url.startswith("https://")
    refused = run_check(setup, url, "--opa-token", TOKEN)
    assert_named_and_secret(refused, url)
    assert "TLS verification" in refused.output and "--opa-ca-cert" in refused.output
    assert not [r for r, _ in server.log], "nothing may be sent before the certificate is verified"
    accepted = run_check(setup, url, "--opa-token", TOKEN, "--opa-ca-cert", str(ca_path))
    assert accepted.exit_code == 1, accepted.output
    assert json.loads(accepted.stdout) == embedded_json(setup)
    assert all(r.headers.get("Authorization") == f"Bearer {TOKEN}" for r, _ in server.log)


def test_push_mode_uploads_nothing_to_an_unhealthy_server(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: /health not 200 in push mode stops before any PUT."""
    httpserver.expect_request("/health").respond_with_json({"error": "starting"}, status=500)
    httpserver.expect_request("/v1/policies/", method="GET").respond_with_json({"result": []})
    result = run_check(setup, httpserver.url_for("/"), "--opa-mode", "push")
    assert result.exit_code == 2 and "reports itself unhealthy (GET /health did not return 200)" in result.output
    assert [r.method for r, _ in httpserver.log] == ["GET", "GET"]


# -- redirects, deadlines, credentials (issue 14 items 7 and 9, issue 16 item 2) -----------------


def test_a_redirect_to_another_host_is_refused_not_trusted(httpserver: HTTPServer, setup):
    """Loopback stand-ins: OPA answers 307 to another origin (a second loopback port) that would allow everything."""
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        serve_bundle(other, setup["revision"], deny=[], warn=[])  # "allow everything", and no token needed
        httpserver.expect_request("/health").respond_with_json({})
        httpserver.expect_request("/v1/data/system/bundles").respond_with_data(
            "", status=307, headers={"Location": other.url_for("/v1/data/system/bundles")}
        )
        result = run_check(setup, httpserver.url_for("/"), "--opa-token", TOKEN)
        assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
        assert "leaves its origin" in result.output
        assert not [r for r, _ in other.log if r.path.startswith("/v1/")], "the other host was never asked"
    finally:
        other.clear()
        other.stop()


def test_a_server_that_trickles_its_answer_is_cut_off(setup):
    """Loopback stand-in (tests/trickle.py): one byte every 0.3 s, each within the per-read timeout."""
    from trickle import TrickleServer

    with TrickleServer(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}", interval=0.3) as server:
        url = f"http://127.0.0.1:{server.port}"
        started = time.monotonic()
        result = run_check(setup, url, "--opa-timeout", "1", "--opa-retries", "1", "--opa-token", TOKEN)
        elapsed = time.monotonic() - started
    assert_named_and_secret(result, url)
    assert "did not answer" in result.output and "in all" in result.output
    assert elapsed < 60, "stopped by the deadline, long before the server gives up (generous bound, not a benchmark)"


def test_credentials_echoed_by_the_server_are_not_printed(httpserver: HTTPServer, setup):
    """Loopback stand-in checking OPA's REST protocol: an error body that echoes a URL with a password and a header."""
    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_json(
        {
            "code": "internal_error",
            "message": f"upstream https://svc:hunter2-pw@bundles.example/b.tar.gz?sig=abc123 "
            f"failed; sent Authorization: Bearer {TOKEN}x and token=zzzzzzzzzz",
        },
        status=500,
    )
    result = run_check(setup, httpserver.url_for("/"), "--opa-token", TOKEN, "--opa-retries", "0")
    assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
    assert "https://***@bundles.example" in result.output
    for secret in ("hunter2-pw", "abc123", "zzzzzzzzzz", f"{TOKEN}x"):
        assert secret not in result.output


def test_an_answer_over_the_size_limit_is_refused(httpserver: HTTPServer, setup, monkeypatch):
    """Loopback stand-in checking OPA's REST protocol: a chunked answer (no Content-Length) larger than allowed."""
    from checker.engine import opa as opa_module

    monkeypatch.setattr(opa_module, "MAX_ANSWER_BYTES", 1000)

    def huge(request: Request) -> Response:
        return Response((b'{"result": "' + b"x" * 100 + b'"}' for _ in range(100)), content_type="application/json")

    httpserver.expect_request("/health").respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles").respond_with_handler(huge)
    result = run_check(setup, httpserver.url_for("/"), "--opa-token", TOKEN)
    assert_named_and_secret(result, httpserver.url_for("/").rstrip("/"))
    assert "over the 1000-byte limit" in result.output


def test_a_trickling_proxy_is_cut_off_too(setup, monkeypatch):
    """Loopback stand-in (tests/trickle.py) as the HTTP proxy from HTTP_PROXY: requests through it have the same deadline."""
    from trickle import TrickleServer

    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with TrickleServer(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}", interval=0.3) as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.port}")
        started = time.monotonic()
        result = run_check(setup, "http://opa.example.invalid:8181", "--opa-timeout", "1", "--opa-retries", "0")
        elapsed = time.monotonic() - started
        assert proxy.connections, "the request went through the proxy"
    assert result.exit_code == 2, result.output
    assert "did not answer" in result.output and "in all" in result.output
    assert elapsed < 60, "stopped by the deadline, long before the proxy gives up (generous bound, not a benchmark)"


# -- the served bundle must declare the complete pack (issue 14.3) -------------------------------


@pytest.mark.parametrize(
    "packs,needle",
    [
        (None, "declares no policy pack"),
        ([], "declares no policy pack"),
        (
            [{"pack": "spbe", "packages": ["spbe.demo"], "rules": ["SPBE-MOR-901"], "data": ["spbe.config"]}],
            "it lacks rules SPBE-HST-901",
        ),
        ([{"pack": "spbe", "packages": ["spbe.demo"]}], "is invalid at the top"),
    ],
)
def test_bundle_mode_refuses_a_bundle_that_does_not_declare_the_local_pack(
    httpserver: HTTPServer, setup, packs, needle
):
    """Loopback stand-in for an OPA server serving a bundle with the right revision but no (or another) pack declaration."""
    status = bundle_status(setup["revision"])
    metadata = status["result"]["spbe-policies"]["manifest"]["metadata"]
    if packs is None:
        del metadata["packs"]
    else:
        metadata["packs"] = packs
    httpserver.expect_request("/health", method="GET", query_string={"bundles": "true"}).respond_with_json({})
    httpserver.expect_request("/v1/data/system/bundles", method="POST").respond_with_json(status)
    serve_queries(httpserver)
    result = run_check(setup, httpserver.url_for("/"))
    assert result.exit_code == 2, result.output
    assert needle in result.output
    assert not any(path.endswith("/deny") for _, path, _ in requests_made(httpserver)), "nothing judged"
