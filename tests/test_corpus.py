"""The hostile-input corpus (tests/corpus/, expectations in tests/corpus_expected.yaml): every file gets exactly its expected outcome, in every format.

Generated cases too large or too odd to commit (10 MB strings, symlinks, OpenAPI paths
that escape the repository) are built in a temporary folder by the tests below.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli.main import main
from checker.judging.manifest import Manifest, read_manifest
from checker.judging.openapi import openapi_status
from tests.conftest import VALID_MANIFEST

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((Path(__file__).parent / "corpus_expected.yaml").read_text(encoding="utf-8"))
FORMATS = ("text", "json", "sarif", "junit", "markdown", "github", "gitlab")


def test_corpus_is_complete():
    files = {p.name for p in CORPUS.glob("*.yaml")}
    assert files == set(EXPECTED), files ^ set(EXPECTED)
    assert len(files) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_outcome(name):
    expected = EXPECTED[name]
    result = read_manifest(CORPUS / name, name)
    if expected["verdict"] == "judged":
        assert isinstance(result, Manifest)
        return
    assert not isinstance(result, Manifest)
    first = result.violations[0]
    assert (first.rule, first.line, first.column) == (expected["rule"], expected["line"], expected["column"])
    assert expected["text"] in first.message.en
    assert first.message.id and first.message.id != first.message.en


def test_whole_corpus_through_every_format_without_a_crash(tiny_policies, registry_file):
    """One run over the corpus folder: same verdict per file in every format and language; never exit 2."""
    verdicts = None
    for fmt in FORMATS:
        for lang in ("en", "id"):
            result = CliRunner().invoke(
                main,
                [
                    "check",
                    str(CORPUS),
                    "--format",
                    "json" if fmt == "json" else fmt,
                    "--lang",
                    lang,
                    "--policies",
                    str(tiny_policies),
                    "--registry",
                    str(registry_file),
                ],
            )
            assert result.exit_code == 1, result.output[-2000:]
            assert "Traceback" not in result.output
            assert "\x1b" not in result.output and "\u202e" not in result.output
            if fmt == "json":
                doc = json.loads(result.output)
                current = {Path(r["file"]).name: r["verdict"] for r in doc["results"]}
                verdicts = verdicts or current
                assert current == verdicts
    assert verdicts is not None
    assert {n for n, v in verdicts.items() if v == "invalid"} == {
        n for n, e in EXPECTED.items() if e["verdict"] == "invalid"
    }


def test_ten_megabyte_string_is_refused_quickly(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(VALID_MANIFEST.replace("Contoh modul.", "x" * (10 * 1024 * 1024)), encoding="utf-8")
    started = time.monotonic()
    result = read_manifest(path, "big.yaml")
    assert not isinstance(result, Manifest) and "limit is 256 KiB" in result.violations[0].message.en
    assert time.monotonic() - started < 5  # a bound against a hang, not a performance measurement


def test_symlink_to_a_secret_is_refused(tmp_path):
    link = tmp_path / "m.yaml"
    os.symlink("/etc/passwd", link)
    result = read_manifest(link, "m.yaml")
    assert not isinstance(result, Manifest) and "symbolic link" in result.violations[0].message.en
    assert "root:" not in json.dumps([v.message.en for v in result.violations])


@pytest.mark.parametrize(
    "reference,status",
    [
        ("../../etc/passwd", "outside-repository"),
        ("/etc/passwd", "outside-repository"),
        ("file:///etc/passwd", "outside-repository"),
        ("http://example.invalid/api.yaml", "outside-repository"),
        ("https://example.invalid/api.yaml", "remote"),
        ("apis/missing.yaml", "not-found"),
        ("apis/huge.yaml", "too-large"),
        ("apis/swagger2.yaml", "not-openapi-3"),
        ("apis/binary.yaml", "unreadable"),
        ("apis/escape-link.yaml", "outside-repository"),
        ("apis/ok.yaml", "ok"),
        (None, "missing"),
    ],
)
def test_openapi_references_stay_inside_the_repository(tmp_path, reference, status):
    repo = tmp_path / "repo"
    apis = repo / "manifests" / "apis"
    apis.mkdir(parents=True)
    (repo / ".git").mkdir()
    (apis / "ok.yaml").write_text("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n")
    (apis / "swagger2.yaml").write_text("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n")
    (apis / "huge.yaml").write_text("openapi: 3.0.3\n# " + "x" * (3 * 1024 * 1024) + "\n")
    (apis / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    os.symlink("/etc/hostname", apis / "escape-link.yaml")
    manifest = repo / "manifests" / "m.yaml"
    assert openapi_status(reference, manifest, repo) == status
