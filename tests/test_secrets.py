"""No credential reaches any output: one scrubber (checker/plumbing/secrets.py) for stderr, every report format,
the pull-request comment and the OPA client's messages (issue 14 item 9). OPA's and the registry
URL's outputs are tested against loopback stand-ins in test_opa_protocol.py and test_registry_url.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.gate import github
from checker.plumbing.secrets import scrub
from conftest import VALID_MANIFEST

PASSWORD = "hunter2-never-shown"
CREDENTIAL_URL = f"https://reader:{PASSWORD}@files.example.go.id/r.json.gz?sig=sig-{PASSWORD}&v=1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CREDENTIAL_URL, "https://***@files.example.go.id/r.json.gz?sig=***&v=1"),
        (
            "GET https://h.example/x?access_token=abcdefgh&X-Amz-Signature=00ff&X-Goog-Credential=a%2Fb",
            "GET https://h.example/x?access_token=***&X-Amz-Signature=***&X-Goog-Credential=***",
        ),
        ("Authorization: Bearer abcdefghijkl", "Authorization: Bearer ***"),
        ('{"authorization": "token ghp_abcdefghijklmnopqrstuvwxyz0123"}', '{"authorization": "token ***"}'),
        ("opa_token=s3cret-t0ken-x", "opa_token=***"),
        ("basic dXNlcjpwYXNzd29yZA==", "basic ***"),
        ("a bare ghp_abcdefghijklmnopqrstuvwxyz0123 token", "a bare *** token"),
    ],
)
def test_credentials_are_masked(text: str, expected: str):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Check the bearer token (--opa-token or SPBE_CHECK_OPA_TOKEN): none was given.",
        "see https://lapor.go.id/path?page=2 and diskominfo@karawangkab.go.id",
        "mailto:a@b.example",
    ],
)
def test_ordinary_text_is_left_alone(text: str):
    assert scrub(text) == text


def test_named_secrets_are_masked_in_every_encoding():
    assert scrub("x=a%2Fb+c and a/b c", "a/b c") == "x=*** and ***"


@pytest.fixture
def leaky_manifest(tmp_path: Path) -> Path:
    path = tmp_path / "leaky.yaml"
    path.write_text(VALID_MANIFEST.replace("id: karawang-contoh", f"id: {CREDENTIAL_URL}"), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "markdown", "github"])
def test_no_format_prints_a_credential_from_a_manifest(
    leaky_manifest: Path, tiny_policies: Path, registry_file: Path, fmt: str
):
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(leaky_manifest),
            "--policies",
            str(tiny_policies),
            "--registry",
            str(registry_file),
            "--format",
            fmt,
            "--verbose",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "files" in result.output and "***@" in result.output.replace("\\*", "*"), "the id is reported, masked"
    assert PASSWORD not in result.output


def test_the_pull_request_comment_masks_credentials():
    body = github.render_comment(
        None,
        "en",
        github.CommentFacts(
            error=f"Cannot download the registry from {CREDENTIAL_URL}: 401 (Authorization: Bearer abcdefghijk)"
        ),
    )
    assert "***@" in body.replace("\\*", "*"), "the URL is there, masked"
    assert PASSWORD not in body and "abcdefghijk" not in body


def test_the_would_be_comment_printed_with_no_post_masks_credentials():
    said: list[str] = []
    github.publish(
        None,
        "en",
        github.CommentFacts(error=f"Cannot download the registry from {CREDENTIAL_URL}"),
        {},
        False,
        said.append,
    )
    assert said and "***@" in said[0].replace("\\*", "*") and PASSWORD not in said[0]
