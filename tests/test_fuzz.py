"""Fuzzing the readers of untrusted input (issue 14): the YAML reader, the manifest schema check, the OpenAPI reader and the waiver reader.

Hypothesis mutates seed files (the hostile-input corpus in tests/corpus/, the example
manifests and OpenAPI documents, a waiver list) byte by byte: inserting, deleting,
repeating and replacing bytes, with a bias towards YAML's structural characters so that
mutations reach nesting, flow collections, anchors, tags and quoting. Each reader must
give its documented outcome (data or YamlError; Manifest or Rejected; an OpenApiFact;
waivers or CannotJudge) and never raise anything else, crash, hang or touch the network;
no input may take more than 2 s.

The run is bounded: SPBE_FUZZ_EXAMPLES inputs per target (default 150, a few seconds
each target on an idle machine); set it higher for a longer local fuzzing session.
Hypothesis prints the failing input and a reproduction blob on any failure.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import CannotJudge
from checker.judging import openapi
from checker.judging.manifest import Manifest, Rejected, read_manifest
from checker.judging.openapi import OpenApiFact, openapi_facts
from checker.judging.waivers import load_waivers
from checker.plumbing.yamlsafe import YamlDocument, YamlError, decode_utf8, parse_yaml
from tests.test_waivers import WAIVERS

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("SPBE_FUZZ_EXAMPLES", "150"))
PER_INPUT_SECONDS = 2.0
MAX_INPUT_BYTES = 64 * 1024

CORPUS_SEEDS = [p.read_bytes() for p in sorted((PROJECT / "tests" / "corpus").glob("*.yaml"))]
MANIFEST_SEEDS = [p.read_bytes() for p in sorted((PROJECT / "manifests").glob("*/*.yaml"))]
OPENAPI_SEEDS = [p.read_bytes() for p in sorted((PROJECT / "manifests").glob("*/apis/*.yaml"))] + [
    (
        b'{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": '
        b'{"200": {"$ref": "#/components/responses/ok"}}}}}, "components": {"responses": {"ok": {"description": "ok"}}}}'
    ),
]
WAIVER_SEEDS = [WAIVERS.encode("utf-8")]
STRUCTURE = [
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b": ",
    b"- ",
    b"\n",
    b"\n  ",
    b",",
    b"'",
    b'"',
    b"&a ",
    b"*a",
    b"!!str ",
    b"!x ",
    b"<<: ",
    b"? ",
    b"|",
    b">",
    b"#",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"\t",
    b"\\",
    b"$ref: ",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\x00",
    b"\xe2\x80\xae",
    b"\xe2\x81\xa0",
    b"0x",
    b"1e999",
    b".nan",
    b"~",
]

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with up to 8 byte-level mutations; sometimes a piece repeated many times (nesting, long runs)."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat", "structure"]))
        if kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "repeat":
            piece = bytes(data[at : at + draw(st.integers(1, 16))]) or b"["
            data[at:at] = piece * draw(st.integers(2, 4000))
        else:
            data[at:at] = draw(st.sampled_from(STRUCTURE))
        del data[MAX_INPUT_BYTES:]
    return bytes(data)


def timed(call: Callable[[], Any]) -> Any:
    started = time.monotonic()
    try:
        return call()
    finally:
        elapsed = time.monotonic() - started
        assert elapsed < PER_INPUT_SECONDS, f"one input took {elapsed:.2f} s (limit {PER_INPUT_SECONDS} s)"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(self, address):
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(scope="module", autouse=True)
def warm_imports():
    """The OpenAPI validator is imported on first use (a second or more); that is not the time of one input."""
    assert (
        openapi.judge_document({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}).status == "ok"
    )


@pytest.fixture
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / ".git").mkdir()
    (root / "apis").mkdir()
    return root


@FUZZ
@given(mutated(CORPUS_SEEDS + MANIFEST_SEEDS + OPENAPI_SEEDS + WAIVER_SEEDS))
def test_fuzz_yaml_reader(raw):
    def read() -> Any:
        try:
            return parse_yaml(decode_utf8(raw))
        except YamlError as err:
            assert err.message.en and err.message.id
            assert err.line is None or err.line >= 1
            return err

    assert isinstance(timed(read), (YamlDocument, YamlError))


@FUZZ
@given(mutated(CORPUS_SEEDS + MANIFEST_SEEDS))
def test_fuzz_manifest_reader_and_schema(folder, raw):
    path = folder / "m.yaml"
    path.write_bytes(raw)
    result = timed(lambda: read_manifest(path, "m.yaml"))
    assert isinstance(result, (Manifest, Rejected))
    if isinstance(result, Rejected):
        assert result.violations and all(v.rule.startswith("SPBE-SCH-") for v in result.violations)
        assert all(v.message.en and v.message.id for v in result.violations)


@FUZZ
@given(mutated(OPENAPI_SEEDS + CORPUS_SEEDS[:8]))
def test_fuzz_openapi_reader(folder, raw):
    (folder / "apis" / "doc.yaml").write_bytes(raw)
    openapi._document_fact.cache_clear()
    [fact] = timed(lambda: openapi_facts(["apis/doc.yaml"], folder / "m.yaml", folder))
    assert isinstance(fact, OpenApiFact)
    assert fact.status in {"ok", "too-large", "unreadable", "not-openapi-3", "invalid"}


@FUZZ
@given(mutated(WAIVER_SEEDS))
def test_fuzz_waiver_reader(folder, raw):
    path = folder / "waivers.yaml"
    path.write_bytes(raw)

    def read() -> Any:
        try:
            return load_waivers(path)
        except CannotJudge as err:
            assert err.message.en and err.message.id
            return err

    assert isinstance(timed(read), (tuple, CannotJudge))
