"""Registry URLs against loopback stand-ins: a total deadline, redirects that stay on https and on the
same host, content type and size checked, credentials never printed (issue 14 items 7 and 9, issue 16 item 2).

Every server here is on 127.0.0.1: pytest-httpserver over TLS with a throwaway CA that the
test trusts through SSL_CERT_FILE (read by OpenSSL's default verify paths), a second port
standing in for another host, and a raw socket server that trickles bytes (tests/trickle.py).
"""

from __future__ import annotations

import gzip
import json
import ssl
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from test_opa_protocol import make_ca_and_server_cert

from checker.cli.main import main
from checker.errors import CannotJudge
from checker.registry import load as registry_module
from checker.registry.load import load_registry
from conftest import VALID_MANIFEST
from trickle import TrickleServer

PASSWORD = "hunter2-never-shown"


@pytest.fixture
def tls(tmp_path: Path, monkeypatch) -> ssl.SSLContext:
    ca_path, cert_path, key_path = make_ca_and_server_cert(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_path))
    for name in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context


@pytest.fixture
def https_server(tls: ssl.SSLContext):
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=tls)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def other_host(tls: ssl.SSLContext):
    """Another origin: the same loopback address on another port."""
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=tls)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def registry_gz(tiny_registry: dict[str, Any]) -> bytes:
    return gzip.compress(json.dumps(tiny_registry).encode())


def cannot_judge(url: str) -> str:
    with pytest.raises(CannotJudge) as err:
        load_registry(url)
    message = err.value.message
    assert "Traceback" not in message.en
    return message.en + "\n" + message.id


def test_a_redirect_on_the_same_origin_is_followed(https_server: HTTPServer, registry_gz: bytes):
    https_server.expect_request("/old.json.gz").respond_with_data("", status=301, headers={"Location": "/new.json.gz"})
    https_server.expect_request("/new.json.gz").respond_with_data(registry_gz, content_type="application/gzip")
    assert load_registry(https_server.url_for("/old.json.gz")).revision == "test-1"


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/r.json.gz", "ftp://127.0.0.1:{port}/r.json.gz"])
def test_a_redirect_that_leaves_https_is_refused(https_server: HTTPServer, registry_gz: bytes, target: str):
    plain = HTTPServer(host="127.0.0.1", port=0)
    plain.start()
    try:
        plain.expect_request("/r.json.gz").respond_with_data(registry_gz)
        location = target.format(port=plain.port)
        https_server.expect_request("/r.json.gz").respond_with_data("", status=302, headers={"Location": location})
        message = cannot_judge(https_server.url_for("/r.json.gz"))
        assert "redirects to " + location in message and "leaves its https origin" in message
        assert not plain.log, "nothing may be fetched from the downgraded URL"
    finally:
        plain.clear()
        plain.stop()


def test_a_redirect_to_another_host_is_refused(https_server: HTTPServer, other_host: HTTPServer, registry_gz: bytes):
    other_host.expect_request("/r.json.gz").respond_with_data(registry_gz)
    https_server.expect_request("/r.json.gz").respond_with_data(
        "", status=307, headers={"Location": other_host.url_for("/r.json.gz")}
    )
    message = cannot_judge(https_server.url_for("/r.json.gz"))
    assert "leaves its https origin" in message
    assert not other_host.log


def test_a_web_page_instead_of_a_registry_is_refused(https_server: HTTPServer):
    https_server.expect_request("/r.json").respond_with_data("<html>Sign in</html>", content_type="text/html")
    message = cannot_judge(https_server.url_for("/r.json"))
    assert "text/html" in message and "cannot be used" in message


def test_an_answer_over_the_size_limit_is_refused(https_server: HTTPServer, registry_gz: bytes, monkeypatch):
    monkeypatch.setattr(registry_module, "MAX_REGISTRY_BYTES", 64)
    https_server.expect_request("/r.json.gz").respond_with_data(registry_gz, content_type="application/gzip")
    assert "over the 64-byte limit" in cannot_judge(https_server.url_for("/r.json.gz"))


@pytest.mark.parametrize(
    "head",
    [b"", b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999\r\n\r\n"],
    ids=["headers-trickled", "body-trickled"],
)
def test_a_server_that_trickles_bytes_is_cut_off(tls: ssl.SSLContext, monkeypatch, head: bytes, tmp_path: Path):
    monkeypatch.setattr(registry_module, "URL_DEADLINE_SECONDS", 2)
    trickled = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" if not head else b'{"apiVersion": "x"' * 100
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    with TrickleServer(trickled, head=head, interval=0.3, tls=tls) as server:
        url = f"https://user:{PASSWORD}@127.0.0.1:{server.port}/r.json"
        started = time.monotonic()
        result = CliRunner().invoke(main, ["check", str(manifest), "--registry", url])
        elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert "did not arrive within 2 s" in result.output and "Traceback" not in result.output
    assert PASSWORD not in result.output
    assert elapsed < 60, "stopped by the deadline, long before the server gives up (generous bound, not a benchmark)"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "markdown", "github"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_registry_url_credentials_never_reach_stderr_in_any_format(
    https_server: HTTPServer, tmp_path: Path, fmt: str, lang: str
):
    https_server.expect_request("/r.json.gz").respond_with_data("no", status=404)
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    url = f"https://reader:{PASSWORD}@127.0.0.1:{https_server.port}/r.json.gz?X-Amz-Signature=sig{PASSWORD}"
    result = CliRunner().invoke(main, ["check", str(manifest), "--registry", url, "--format", fmt, "--lang", lang])
    assert result.exit_code == 2, result.output
    assert f"https://***@127.0.0.1:{https_server.port}/r.json.gz" in result.output
    assert PASSWORD not in result.output and "reader" not in result.output


def test_url_credentials_are_sent_as_basic_auth_not_as_a_host_name(https_server: HTTPServer, registry_gz: bytes):
    https_server.expect_request(
        "/r.json.gz", headers={"Authorization": "Basic cmVhZGVyOnBhc3M6d29yZA=="}
    ).respond_with_data(registry_gz, content_type="application/octet-stream")
    url = f"https://reader:pass%3Aword@127.0.0.1:{https_server.port}/r.json.gz"
    assert load_registry(url).revision == "test-1"
