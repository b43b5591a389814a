"""OpenAPI documents named by manifests (issues 14.6, 16.9, 11.3): valid OpenAPI 3.x, bounded, and never fetched.

No test here reaches the network: `no_network` makes any socket connection fail the test.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli.main import main
from checker.judging import openapi
from checker.judging.openapi import openapi_facts, openapi_status

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((PROJECT / "manifests").glob("*/apis/*.yaml"))
VALID = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(self, address):
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    openapi._document_fact.cache_clear()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "manifests" / "apis").mkdir(parents=True)
    (root / ".git").mkdir()
    return root


def fact(repo: Path, document: str, name: str = "doc.yaml") -> openapi.OpenApiFact:
    (repo / "manifests" / "apis" / name).write_text(document, encoding="utf-8")
    return openapi_facts([f"apis/{name}"], repo / "manifests" / "m.yaml", repo)[0]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_shipped_examples_are_valid_openapi(example):
    assert (
        openapi_status(str(example.relative_to(example.parent.parent)), example.parent.parent / "m.yaml", PROJECT)
        == "ok"
    )


@pytest.mark.parametrize(
    "document,status,detail",
    [
        ("openapi: 3.0.0\n", "invalid", "'info' is a required property (line 1, column 1)"),
        ("openapi: '3.'\n", "not-openapi-3", None),
        ("openapi: 3.0.3\ninfo: {title: t, version: '1'}\n", "invalid", "'paths' is a required property"),
        (
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n",
            "invalid",
            "line 6",
        ),
        ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", "ok", None),
        (VALID, "ok", None),
        ('{"openapi": "3.0.3",\t"info": {"title": "t", "version": "1"}, "paths": {}}', "ok", None),
    ],
)
def test_documents_are_validated_as_openapi_3(repo, document, status, detail):
    result = fact(repo, document)
    assert result.status == status
    if detail:
        assert detail in result.detail.en and result.detail.id
    else:
        assert result.detail is None


@pytest.mark.parametrize(
    "reference,status",
    [
        ("https://", "invalid"),
        ("https://api.example.go.id", "invalid"),
        ("https://api.example.go.id/", "invalid"),
        ("https:///openapi.yaml", "invalid"),
        ("https://user:secret@api.example.go.id/openapi.yaml", "invalid"),
        ("https://api.example.go.id/open api.yaml", "invalid"),
        ("https://api.example.go.id:99999/openapi.yaml", "invalid"),
        ("https://localhost/openapi.yaml", "invalid"),
        ("https://api.example.go.id/v1/openapi.yaml", "remote"),
        ("HTTPS://api.example.go.id/openapi.json", "remote"),
    ],
)
def test_https_references_must_be_well_formed_urls(repo, reference, status):
    result = openapi_facts([reference], repo / "manifests" / "m.yaml", repo)[0]
    assert result.status == status
    if status == "invalid":
        assert "secret" not in result.detail.en


@pytest.mark.parametrize(
    "ref",
    [
        "https://example.invalid/schemas.yaml#/X",
        "http://127.0.0.1:9/x.yaml",
        "../../../etc/passwd#/x",
        "other.yaml#/components/schemas/X",
        "file:///etc/passwd",
    ],
)
def test_refs_outside_the_document_are_refused_without_being_fetched(repo, ref):
    document = VALID.replace(
        "paths: {}", f"paths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: '{ref}'\n"
    )
    result = fact(repo, document)
    assert result.status == "invalid"
    assert "points outside this document" in result.detail.en and "line 8" in result.detail.en


@pytest.mark.parametrize(
    "ref",
    [
        "#/omponents/schemas/Status",
        "#components/schemas/Status",
        "#/components/schemas/Nope",
        "#/components/schemas/Status/properties/x",
    ],
)
def test_dangling_local_refs_are_a_finding_not_a_crash(repo, ref):
    """Found by the fuzzer: an unresolvable $ref raised referencing's PointerToNowhere out of the validator."""
    document = VALID.replace(
        "paths: {}",
        "paths:\n  /a:\n    get:\n      responses:\n        '200':\n"
        "          description: ok\n          content:\n            application/json:\n"
        f"              schema: {{$ref: '{ref}'}}\ncomponents:\n  schemas:\n    Status: {{type: object}}\n",
    )
    result = fact(repo, document)
    assert result.status == "invalid" and "points to nothing" in result.detail.en and "line 11" in result.detail.en


def test_local_refs_with_escapes_resolve(repo):
    document = VALID.replace(
        "paths: {}",
        "paths:\n  /a/b:\n    get:\n      responses:\n        '200': {description: ok}\n"
        "  /c:\n    $ref: '#/paths/~1a~1b'\n",
    )
    assert fact(repo, document).status == "ok"


def test_recursive_local_refs_end(repo):
    document = VALID.replace(
        "paths: {}",
        "paths: {}\ncomponents:\n  schemas:\n"
        "    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}\n"
        "    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}\n",
    )
    assert fact(repo, document).status == "ok"


def test_deep_json_document_is_unreadable_not_a_crash(repo):
    result = fact(repo, '{"openapi": "3.0.3", "x": ' + "[" * 100 + "]" * 100 + "}", "deep.json")
    assert result.status == "unreadable" and "nested too deeply" in result.detail.en


def test_one_document_named_by_many_apis_is_read_once(repo, monkeypatch):
    """Issue 14.6: each API parsed the same large document again (20 APIs x 1.5 MB took 28 s)."""
    calls = []
    real = openapi.parse_yaml
    monkeypatch.setattr(openapi, "parse_yaml", lambda *a, **k: calls.append(1) or real(*a, **k))
    (repo / "manifests" / "apis" / "doc.yaml").write_text(VALID)
    facts = openapi_facts(["apis/doc.yaml"] * 100, repo / "manifests" / "m.yaml", repo)
    assert [f.status for f in facts] == ["ok"] * 100 and len(calls) == 1


def test_a_manifest_reads_at_most_4_mib_of_documents(repo):
    filler = "# " + "x" * (1_500_000) + "\n"
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (repo / "manifests" / "apis" / name).write_text(VALID + filler)
    facts = openapi_facts(
        ["apis/a.yaml", "apis/b.yaml", "apis/a.yaml", "apis/c.yaml"], repo / "manifests" / "m.yaml", repo
    )
    assert [f.status for f in facts] == ["ok", "ok", "ok", "too-large"]
    assert "4 MiB" in facts[3].detail.en


def test_large_document_is_judged_in_bounded_time(repo):
    path = yaml.safe_load((PROJECT / "manifests/kabupaten-karawang/apis/laporan.yaml").read_text())["paths"]["/laporan"]
    document = yaml.safe_load(VALID)
    document["paths"] = {
        f"/laporan{i}": json.loads(json.dumps({"post": {**path["post"], "operationId": f"op{i}"}})) for i in range(1000)
    }
    text = yaml.safe_dump(document)
    assert 700_000 < len(text) < openapi.MAX_OPENAPI_BYTES
    started = time.monotonic()
    assert fact(repo, text).status == "ok"
    assert time.monotonic() - started < 30  # a bound against a hang (it was minutes), not a performance measurement


def test_check_reports_a_stub_with_its_line(tmp_path):
    """End to end with the national policies: a stub fails SPBE-INT-001 and the message says where."""
    folder = tmp_path / "repo" / "manifests"
    (folder / "apis").mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    source = (PROJECT / "manifests/kabupaten-karawang/lapor-warga.yaml").read_text(encoding="utf-8")
    (folder / "lapor.yaml").write_text(source, encoding="utf-8")
    (folder / "apis" / "laporan.yaml").write_text("openapi: 3.0.0\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(folder / "lapor.yaml"), "--format", "json"])
    assert result.exit_code == 1, result.output
    [v] = [v for v in json.loads(result.output)["results"][0]["violations"] if v["rule"] == "SPBE-INT-001"]
    assert "not a valid OpenAPI 3 document: 'info' is a required property (line 1, column 1)" in v["message"]


def test_a_catastrophic_pattern_in_the_document_is_cut_by_the_deadline(repo, monkeypatch):
    """The validator checks `default` against the document's own pattern with Python's re: (a+)+$ on 40 a's runs for hours."""
    monkeypatch.setattr(openapi, "MAX_VALIDATION_SECONDS", 0.5)
    document = VALID + (
        f"components:\n  schemas:\n    X:\n      type: string\n      pattern: '^(a+)+$'\n      default: '{'a' * 40}!'\n"
    )
    started = time.monotonic()
    result = fact(repo, document)
    assert time.monotonic() - started < 10  # a bound against a hang, not a performance measurement
    assert result.status == "invalid" and "took longer than 0.5 s" in result.detail.en


def test_the_deadline_leaves_no_alarm_behind(repo):
    import signal

    handler = signal.getsignal(signal.SIGALRM)
    assert fact(repo, VALID).status == "ok"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and signal.getsignal(signal.SIGALRM) == handler
