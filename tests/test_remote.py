"""`--policies https://…` and registry URLs (issue 12, item 5, and its bad URLs): cached with revision, --offline.

Every server here is a loopback stand-in (pytest-httpserver over real TLS, with a test CA
trusted through SSL_CERT_FILE); nothing leaves the machine.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from checker.cli.main import main
from checker.plumbing.secrets import scrub
from tests.conftest import VALID_MANIFEST
from tests.test_opa_protocol import make_ca_and_server_cert

FAILING = VALID_MANIFEST.replace("karawang-contoh", "karawang-parkir")


@pytest.fixture
def tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    ca_path, cert_path, key_path = make_ca_and_server_cert(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_path))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def bundle_bytes(tmp_path: Path, tiny_policies: Path, registry_file: Path) -> bytes:
    output = tmp_path / "bundle.tar.gz"
    result = CliRunner().invoke(
        main,
        [
            "bundle",
            "build",
            "--output",
            str(output),
            "--policies",
            str(tiny_policies),
            "--registry",
            str(registry_file),
            "--revision",
            "2026-11-01",
        ],
    )
    assert result.exit_code == 0, result.output
    return output.read_bytes()


def judge(url: str, registry: Path, manifest: Path, *extra: str) -> Any:
    return CliRunner().invoke(
        main,
        ["check", str(manifest), "--policies", url, "--registry", str(registry), "--format", "json", *extra],
        env={"SPBE_CHECK_OFFLINE": None},
    )


@pytest.fixture
def manifest(write) -> Path:
    return write("proposal/parkir.yaml", FAILING)


def test_a_bundle_url_is_downloaded_verified_used_and_its_revision_said(
    tls: HTTPServer, bundle_bytes: bytes, registry_file: Path, manifest: Path
) -> None:
    tls.expect_request("/spbe/bundle.tar.gz").respond_with_data(bundle_bytes, content_type="application/gzip")
    result = judge(tls.url_for("/spbe/bundle.tar.gz"), registry_file, manifest)
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["results"][0]["verdict"] == "fail"
    assert "revision 2026-11-01, downloaded now" in result.stderr


def test_unreachable_server_is_exit_2_unless_offline_then_the_cached_copy_with_revision_and_age(
    tls: HTTPServer, bundle_bytes: bytes, registry_file: Path, manifest: Path
) -> None:
    url = tls.url_for("/spbe/bundle.tar.gz")
    tls.expect_request("/spbe/bundle.tar.gz").respond_with_data(bundle_bytes)
    assert judge(url, registry_file, manifest).exit_code == 1
    tls.stop()  # the bundle server goes down
    refused = judge(url, registry_file, manifest)
    assert refused.exit_code == 2 and '"results"' not in refused.output
    assert "Cannot download" in refused.output and "pass --offline" in refused.output and "2026-11-01" in refused.output
    offline = judge(url, registry_file, manifest, "--offline")
    assert offline.exit_code == 1, offline.output
    assert "using the cached copy, revision 2026-11-01, downloaded " in offline.stderr and " ago (" in offline.stderr


def test_offline_without_a_cached_copy_is_exit_2(registry_file: Path, manifest: Path) -> None:
    result = judge("https://127.0.0.1:9/spbe/bundle.tar.gz", registry_file, manifest, "--offline")
    assert result.exit_code == 2 and "No copy is in the cache" in result.output


def test_a_redirect_is_refused(tls: HTTPServer, registry_file: Path, manifest: Path) -> None:
    tls.expect_request("/spbe/bundle.tar.gz").respond_with_response(
        Response(status=302, headers={"Location": "https://attacker.example/bundle.tar.gz"})
    )
    result = judge(tls.url_for("/spbe/bundle.tar.gz"), registry_file, manifest)
    assert result.exit_code == 2 and "refused a redirect to https://attacker.example/bundle.tar.gz" in result.output


def test_an_oversized_download_is_refused(
    tls: HTTPServer, registry_file: Path, manifest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.bundle.source.MAX_BUNDLE_FILE_BYTES", 100_000)
    tls.expect_request("/spbe/bundle.tar.gz").respond_with_data(b"\x1f\x8b" + b"0" * 300_000)
    result = judge(tls.url_for("/spbe/bundle.tar.gz"), registry_file, manifest)
    assert result.exit_code == 2 and "over the 100000-byte limit" in result.output


def test_a_slow_server_hits_the_total_deadline(
    tls: HTTPServer, registry_file: Path, manifest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.plumbing.remote.DEADLINE_SECONDS", 1.0)

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for _ in range(40):
                time.sleep(0.1)
                yield b"x" * 70_000

        return Response(body(), content_type="application/gzip")

    tls.expect_request("/spbe/bundle.tar.gz").respond_with_handler(trickle)
    started = time.monotonic()
    result = judge(tls.url_for("/spbe/bundle.tar.gz"), registry_file, manifest)
    assert result.exit_code == 2 and "within 1 s" in result.output
    assert time.monotonic() - started < 3.5


def test_plain_http_is_refused(registry_file: Path, manifest: Path) -> None:
    result = judge("http://127.0.0.1:9/bundle.tar.gz", registry_file, manifest)
    assert result.exit_code == 2 and "must use https" in result.output


def test_credentials_never_reach_output(registry_file: Path, manifest: Path) -> None:
    url = "https://agency:s3cret-pass@127.0.0.1:9/bundle.tar.gz?token=abc123"
    result = judge(url, registry_file, manifest)
    assert result.exit_code == 2
    assert "s3cret-pass" not in result.output and "abc123" not in result.output
    assert "s3cret-pass" not in scrub(url) and "abc123" not in scrub(url)


def test_a_changed_revision_is_verified_again(
    tls: HTTPServer, bundle_bytes: bytes, registry_file: Path, manifest: Path, tmp_path: Path, tiny_policies: Path
) -> None:
    """The cache never vouches for bytes: a new download (new revision) goes through the same checks."""
    url = tls.url_for("/spbe/bundle.tar.gz")
    tls.expect_oneshot_request("/spbe/bundle.tar.gz").respond_with_data(bundle_bytes)
    assert judge(url, registry_file, manifest).exit_code == 1
    tls.expect_oneshot_request("/spbe/bundle.tar.gz").respond_with_data(b"\x1f\x8bnot a bundle any more")
    result = judge(url, registry_file, manifest)
    assert result.exit_code == 2 and "not a gzip-compressed tar file" in result.output


# --- the registry URL: the same cache and --offline --------------------------------------------------


def test_registry_url_is_cached_with_its_revision_and_used_offline_only_when_asked(
    tls: HTTPServer, registry_file: Path, tiny_policies: Path, manifest: Path
) -> None:
    url = tls.url_for("/registry/national.json")
    tls.expect_request("/registry/national.json").respond_with_data(
        registry_file.read_bytes(), content_type="application/json"
    )

    def run(*extra: str) -> Any:
        return CliRunner().invoke(
            main,
            ["check", str(manifest), "--policies", str(tiny_policies), "--registry", url, "--format", "json", *extra],
            env={"SPBE_CHECK_OFFLINE": None},
        )

    online = run()
    assert online.exit_code == 1, online.output
    assert json.loads(online.stdout)["registryRevision"] == "test-1"
    tls.stop()
    refused = run()
    assert refused.exit_code == 2 and '"results"' not in refused.output
    assert "A copy (revision test-1," in refused.output and "pass --offline" in refused.output
    offline = run("--offline")
    assert offline.exit_code == 1, offline.output
    assert json.loads(offline.stdout)["registryRevision"] == "test-1"
    assert "registry: " in offline.stderr and "using the cached copy, revision test-1, downloaded " in offline.stderr


def test_offline_from_the_environment_for_commands_without_the_option(
    tls: HTTPServer, registry_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = tls.url_for("/registry/national.json")
    tls.expect_request("/registry/national.json").respond_with_data(registry_file.read_bytes())
    assert CliRunner().invoke(main, ["registry", "stats", "--registry", url]).exit_code == 0
    tls.stop()
    assert CliRunner().invoke(main, ["registry", "stats", "--registry", url]).exit_code == 2
    offline = CliRunner().invoke(main, ["registry", "stats", "--registry", url], env={"SPBE_CHECK_OFFLINE": "1"})
    assert offline.exit_code == 0, offline.output
    assert "using the cached copy, revision test-1" in offline.stderr


def test_offline_from_the_settings_file(
    tls: HTTPServer,
    bundle_bytes: bytes,
    registry_file: Path,
    manifest: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = tls.url_for("/spbe/bundle.tar.gz")
    tls.expect_request("/spbe/bundle.tar.gz").respond_with_data(bundle_bytes)
    assert judge(url, registry_file, manifest).exit_code == 1
    tls.stop()
    folder = tmp_path / "settings"
    folder.mkdir()
    (folder / ".spbe-check.yaml").write_text("offline: true\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    result = judge(url, registry_file, manifest)
    assert result.exit_code == 1, result.output
    assert "using the cached copy, revision 2026-11-01" in result.stderr


def test_a_cached_copy_that_is_a_link_is_not_used(
    tls: HTTPServer, bundle_bytes: bytes, registry_file: Path, manifest: Path, tmp_path: Path
) -> None:
    """Someone who can write to the cache cannot point the cached copy elsewhere: links are not followed."""
    import os

    from checker.plumbing.remote import _entry

    url = tls.url_for("/spbe/bundle.tar.gz")
    tls.expect_request("/spbe/bundle.tar.gz").respond_with_data(bundle_bytes)
    assert judge(url, registry_file, manifest).exit_code == 1
    tls.stop()
    content = _entry("policy-bundle", url) / "content"
    elsewhere = tmp_path / "elsewhere.tar.gz"
    elsewhere.write_bytes(content.read_bytes())
    content.unlink()
    os.symlink(elsewhere, content)
    result = judge(url, registry_file, manifest, "--offline")
    assert result.exit_code == 2 and "No copy is in the cache" in result.output
