"""The --opa-* options are checked before anything is sent: bad ones are exit 2 saying what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.engine import make_engine
from checker.engine.opa_settings import OpaSettings, check_settings
from checker.errors import CannotJudge
from conftest import VALID_MANIFEST


@pytest.fixture(autouse=True)
def no_opa_env(monkeypatch):
    for name in ("SPBE_CHECK_OPA_URL", "SPBE_CHECK_OPA_TOKEN", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)


def refused(settings: OpaSettings) -> str:
    with pytest.raises(CannotJudge) as caught:
        check_settings(settings)
    return caught.value.message.en


def test_a_plain_url_gives_host_port_and_prefix():
    endpoint = check_settings(OpaSettings(url="https://opa.spbe.go.id"))
    assert (endpoint.https, endpoint.host, endpoint.port, endpoint.prefix) == (True, "opa.spbe.go.id", 443, "")
    assert endpoint.base == "https://opa.spbe.go.id:443"
    behind_proxy = check_settings(OpaSettings(url="http://[::1]:8181/opa/"))
    assert behind_proxy.base == "http://[::1]:8181/opa" and behind_proxy.shown == "http://[::1]:8181/opa"


@pytest.mark.parametrize(
    "url, says",
    [
        (None, "--opa-url URL or set SPBE_CHECK_OPA_URL"),
        ("opa.spbe.go.id", "is not an http(s) URL"),
        ("ftp://opa.spbe.go.id", "is not an http(s) URL"),
        ("https://opa.spbe.go.id:99999", "is not an http(s) URL"),
        ("https://admin:hunter2@opa.spbe.go.id", "must not carry credentials"),
        ("https://opa.spbe.go.id/v1", "leave out /v1"),
        ("https://opa.spbe.go.id/?x=1", "without ?query"),
    ],
)
def test_bad_urls_are_refused(url, says):
    message = refused(OpaSettings(url=url))
    assert says in message
    assert "hunter2" not in message


def test_token_is_never_sent_in_clear_text_off_this_machine():
    assert "clear text" in refused(OpaSettings(url="http://opa.spbe.go.id", token="t"))
    check_settings(OpaSettings(url="http://127.0.0.1:8181", token="t"))  # loopback: a local development server
    check_settings(OpaSettings(url="http://localhost:8181", token="t"))
    assert "super-secret" not in repr(OpaSettings(url="https://x", token="super-secret"))


def test_ca_cert_rules(tmp_path: Path, monkeypatch):
    ca = tmp_path / "ca.pem"
    assert "https only" in refused(OpaSettings(url="http://127.0.0.1:8181", ca_cert=ca))
    assert "no such file" in refused(OpaSettings(url="https://opa.spbe.go.id", ca_cert=ca))
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    check_settings(OpaSettings(url="https://opa.spbe.go.id", ca_cert=ca))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    assert "REQUESTS_CA_BUNDLE is set" in refused(OpaSettings(url="https://opa.spbe.go.id", ca_cert=ca))


def test_mode_timeout_and_retries_are_checked():
    assert "--opa-mode" in refused(OpaSettings(url="https://x.go.id", mode="pull"))
    assert "--opa-timeout" in refused(OpaSettings(url="https://x.go.id", timeout=0))
    assert "--opa-retries" in refused(OpaSettings(url="https://x.go.id", retries=50))


def test_make_engine_knows_opa_and_checks_its_settings():
    assert make_engine("opa", OpaSettings(url="http://127.0.0.1:8181")).name == "opa"
    with pytest.raises(CannotJudge):
        make_engine("opa")


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    manifest = tmp_path / "m.yaml"
    manifest.write_text(VALID_MANIFEST, encoding="utf-8")
    return CliRunner().invoke(main, ["check", str(manifest), *args], env=env)


def test_cli_opa_without_url_is_exit_2(tmp_path: Path, tiny_policies: Path, registry_file: Path):
    result = run(tmp_path, "--policies", str(tiny_policies), "--registry", str(registry_file), "--engine", "opa")
    assert result.exit_code == 2 and "SPBE_CHECK_OPA_URL" in result.output


def test_cli_opa_url_without_engine_opa_is_a_usage_error(tmp_path: Path):
    result = run(tmp_path, "--opa-url", "https://opa.spbe.go.id")
    assert result.exit_code == 2 and "--opa-url only applies with --engine opa" in result.output


def test_cli_token_from_environment_is_not_printed_on_failure(tmp_path: Path, tiny_policies: Path, registry_file: Path):
    result = run(
        tmp_path,
        "--policies",
        str(tiny_policies),
        "--registry",
        str(registry_file),
        "--engine",
        "opa",
        env={"SPBE_CHECK_OPA_URL": "http://opa.example.go.id", "SPBE_CHECK_OPA_TOKEN": "env-secret-token"},
    )
    assert result.exit_code == 2 and "clear text" in result.output
    assert "env-secret-token" not in result.output


@pytest.mark.parametrize("token", ["with space", "trailing-newline\n", "", 'quo"te'])
def test_malformed_tokens_are_refused_without_being_echoed(token):
    message = refused(OpaSettings(url="https://opa.spbe.go.id", token=token))
    assert "bearer token cannot have" in message
    if token:
        assert token.strip() not in message
