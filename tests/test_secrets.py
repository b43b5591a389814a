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


def _every_pattern(text: str) -> str:
    """The scrubber without its literal look-ups: every pattern, every time."""
    from checker.plumbing import secrets

    text = secrets._URL_USERINFO.sub(lambda m: f"{m.group(1)}{secrets.MASK}@", text)
    text = secrets._SECRET_PARAMETER.sub(lambda m: m.group(1) + secrets.MASK, text)
    text = secrets._GITHUB_TOKEN.sub(secrets.MASK, text)
    text = secrets._GITLAB_TOKEN.sub(secrets.MASK, text)
    text = secrets._AUTHORIZATION.sub(lambda m: m.group(1) + secrets.MASK, text)
    text = secrets._SCHEME_CREDENTIALS.sub(lambda m: m.group(1) + secrets.MASK, text)
    return secrets._TOKEN_PAIR.sub(lambda m: m.group(1) + secrets.MASK, text)


@pytest.mark.parametrize(
    "text",
    [
        "AUTHOR\u0131ZATION: s3cret-value-123",  # a dotless i matches "i" under re.IGNORECASE
        "\u212aey?to\u212aen=abcdefgh",  # the Kelvin sign matches "k"
        "BA\u017fIC dXNlcjpwYXNzd29yZA==",  # the long s matches "s"
        "Bearer abcdefghijkl; glpat-abcdefghijklmnopqrst; v1." + "a" * 40,
        "ssh://git:pw@host/x and gho_abcdefghijklmnopqrstuvwxyz",
        '{"msg": "nothing secret here, only words and = signs"}',
    ],
)
def test_the_literal_look_ups_skip_only_patterns_that_could_not_match(text: str):
    """scrub() runs a pattern only when its literal is in the text; it must mask exactly what every pattern would."""
    assert scrub(text) == _every_pattern(text)
    assert "***" in scrub(text) or "nothing secret" in text


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
