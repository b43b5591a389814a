"""OpenAPI verdicts remembered in the content-keyed cache (issue 10): importing openapi-spec-validator alone
costs ~0.28 s, so `check` of an unchanged document must not import it, yet say exactly what a fresh run says.

A damaged or planted entry is a miss (rebuilt), never an error and never a pass; a verdict reached by
hitting a limit is never cached; the gate's side is in tests/test_ci.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.judging import openapi
from checker.judging.openapi import openapi_facts
from checker.plumbing import cache
from tests.conftest import TINY_REGISTRY

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED = PROJECT / "manifests" / "kabupaten-karawang"
FORMATS = ("text", "json", "sarif", "junit", "markdown", "github", "gitlab")
# The validator's finding is on line 6: the cached detail must keep the line and column.
INVALID = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a: 5\n"
STUB = "openapi: 3.0.0\n"


@pytest.fixture(autouse=True)
def fresh_memory() -> None:
    openapi._document_fact.cache_clear()
    openapi._validator_versions.cache_clear()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the shipped Karawang manifest, its API document at apis/laporan.yaml, and a tiny registry."""
    root = tmp_path / "repo"
    (root / "manifests" / "apis").mkdir(parents=True)
    (root / ".git").mkdir()
    manifest = (SHIPPED / "lapor-warga.yaml").read_text("utf-8")
    manifest = manifest.replace("    signature: SHARED-BSRE\n    payment: self\n", "")  # the tiny registry's catalogue
    (root / "manifests" / "lapor.yaml").write_text(manifest, "utf-8")
    (root / "registry.json").write_text(json.dumps(TINY_REGISTRY), "utf-8")
    return root


def document(repo: Path, text: str) -> Path:
    path = repo / "manifests" / "apis" / "laporan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def entry_of(path: Path) -> Path:
    """Where the verdict on the document at `path` (as it is now) is cached."""
    return cache.entry_path(*openapi._cache_slot(path.resolve(), path.read_bytes()))


def judge(repo: Path, use_cache: bool = True) -> openapi.OpenApiFact:
    openapi._document_fact.cache_clear()
    return openapi_facts(["apis/laporan.yaml"], repo / "manifests" / "m.yaml", repo, use_cache)[0]


def no_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(version: str) -> Any:
        raise AssertionError("the validator was consulted")

    monkeypatch.setattr(openapi, "_validator_class", refuse)


def check(repo: Path, output_format: str, lang: str) -> tuple[int, str]:
    openapi._document_fact.cache_clear()
    args = ["check", str(repo / "manifests" / "lapor.yaml"), "--registry", str(repo / "registry.json")]
    result = CliRunner().invoke(main, [*args, "--format", output_format, "--lang", lang])
    return result.exit_code, re.sub(r' time="[0-9.]+"', ' time="(elapsed)"', result.output)  # JUnit's run time


@pytest.mark.parametrize(
    "text,status",
    [(SHIPPED.joinpath("apis/laporan.yaml").read_text("utf-8"), "ok"), (INVALID, "invalid")],
    ids=["valid", "invalid-with-line"],
)
def test_a_cached_verdict_gives_the_same_check_output_in_every_format_and_language(
    repo: Path, monkeypatch: pytest.MonkeyPatch, text: str, status: str
) -> None:
    path = document(repo, text)
    fresh = judge(repo)
    assert fresh.status == status
    if status == "invalid":
        assert fresh.detail is not None and "(line 6, column 7)" in fresh.detail.en
        assert "(baris 6, kolom 7)" in fresh.detail.id
    outputs: dict[tuple[str, str], tuple[int, str]] = {}
    for output_format in FORMATS:
        for lang in ("en", "id"):
            entry_of(path).unlink()
            outputs[output_format, lang] = check(repo, output_format, lang)
            assert entry_of(path).is_file()
    with monkeypatch.context() as patched:
        no_validator(patched)
        for (output_format, lang), fresh_output in outputs.items():
            assert check(repo, output_format, lang) == fresh_output, (output_format, lang)
    if status == "invalid":
        assert "line 6, column 7" in outputs["json", "en"][1] and "baris 6, kolom 7" in outputs["json", "id"][1]


def test_an_unchanged_document_is_judged_without_importing_the_validator(repo: Path, tmp_path: Path) -> None:
    """In a new process, as a user runs it: the first run imports openapi-spec-validator, the second does not."""
    document(repo, SHIPPED.joinpath("apis/laporan.yaml").read_text("utf-8"))
    program = (
        "import sys\n"
        "from checker.cli.main import main\n"
        "try:\n"
        "    main([sys.argv[1], sys.argv[2], '--registry', sys.argv[3], '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('IMPORTED' if 'openapi_spec_validator' in sys.modules else 'NOT IMPORTED', file=sys.stderr)\n"
    )
    env = {**os.environ, "SPBE_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-c", program, "check", "manifests/lapor.yaml", "registry.json"]
    runs = [subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False) for _ in range(2)]
    assert runs[0].stderr.strip().splitlines()[-1] == "IMPORTED", runs[0].stderr
    assert runs[1].stderr.strip().splitlines()[-1] == "NOT IMPORTED", runs[1].stderr
    assert runs[0].stdout == runs[1].stdout and '"verdict"' in runs[1].stdout


def test_a_changed_document_or_validator_version_is_a_miss(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = document(repo, STUB)
    assert judge(repo).status == "invalid"
    old_entry = entry_of(first)
    second = document(repo, STUB + "info: {title: t, version: '1'}\npaths: {}\n")
    assert judge(repo).status == "ok"
    assert entry_of(second).is_file() and not old_entry.exists()  # the new version replaced the old one
    monkeypatch.setattr(openapi, "_validator_versions", lambda: "openapi-spec-validator==99")
    assert not entry_of(second).exists()  # another validator: another key
    consulted: list[str] = []
    real = openapi._validator_class
    monkeypatch.setattr(openapi, "_validator_class", lambda version: consulted.append(version) or real(version))
    assert judge(repo).status == "ok" and consulted == ["3.0.0"]


def test_the_gate_switch_neither_reads_nor_writes(repo: Path) -> None:
    """A planted, well-formed "ok" is obeyed by `check` (the cache is not authenticated), never with use_cache off."""
    path = document(repo, STUB)
    kind, key = openapi._cache_slot(path.resolve(), path.read_bytes())
    cache.store(kind, key, {"status": "ok"})
    assert judge(repo, use_cache=True).status == "ok"
    assert judge(repo, use_cache=False).status == "invalid"
    entry_of(path).unlink()
    assert judge(repo, use_cache=False).status == "invalid"
    assert not entry_of(path).exists()


def _garbage(entry: Path, kind: str, key: str, value: object) -> None:
    header = {"format": cache.FORMAT, "kind": kind, "key": key, "text_bytes": 0, "value": value}
    entry.write_text(json.dumps(header) + "\n", encoding="utf-8")


DAMAGED_VALUES: list[object] = [
    "ok",
    ["ok"],
    {"status": "pass"},
    {"status": "remote"},
    {"status": "invalid"},
    {"status": "ok", "detail": None},
    {"status": "ok", "extra": 1},
    {"status": "invalid", "detail": "line 1"},
    {"status": "invalid", "detail": {"en": "x"}},
    {"status": "invalid", "detail": {"en": 1, "id": "x"}},
    {"status": ["ok"]},
    {"status": {"ok": 1}},
]


@pytest.mark.parametrize("damage", ["not-json", "truncated", "fifo", "symlink", "folder", *range(len(DAMAGED_VALUES))])
def test_a_damaged_or_planted_entry_is_ignored_and_rebuilt(repo: Path, tmp_path: Path, damage: str | int) -> None:
    path = document(repo, STUB)
    fresh = judge(repo, use_cache=False)
    assert fresh.status == "invalid"
    kind, key = openapi._cache_slot(path.resolve(), path.read_bytes())
    entry = cache.entry_path(kind, key)
    entry.parent.mkdir(parents=True, exist_ok=True)
    if damage == "not-json":
        entry.write_bytes(b"\x80\x04\x95 not json at all\n")
    elif damage == "truncated":
        entry.write_text('{"format": 2, "kind": "' + kind, encoding="utf-8")
    elif damage == "fifo":
        os.mkfifo(entry)
    elif damage == "symlink":
        target = tmp_path / "elsewhere.json"
        cache.store(kind, key, {"status": "ok"})
        cache.entry_path(kind, key).rename(target)
        entry.symlink_to(target)
    elif damage == "folder":
        entry.mkdir()
    else:
        assert isinstance(damage, int)
        _garbage(entry, kind, key, DAMAGED_VALUES[damage])
    assert judge(repo) == fresh  # never an error, never a pass
    if damage != "folder":  # a folder in its place cannot be replaced by a rename: it stays a miss
        assert not entry.is_symlink() and entry.is_file()
        assert cache.load(kind, key) == cache.Entry(fresh.as_fact(), "")
        assert judge(repo) == fresh


@pytest.mark.parametrize("limit", ["deadline", "validator-error", "refs", "unparsable"])
def test_a_verdict_reached_by_a_limit_is_never_cached(repo: Path, monkeypatch: pytest.MonkeyPatch, limit: str) -> None:
    text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
    if limit == "deadline":
        monkeypatch.setattr(openapi, "MAX_VALIDATION_SECONDS", 0.5)
        text += "components:\n  schemas:\n    X:\n      type: string\n      pattern: '^(a+)+$'\n"
        text += f"      default: '{'a' * 40}!'\n"
        expected = "took longer than 0.5 s"
    elif limit == "validator-error":

        class Broken:
            def __init__(self, data: Any) -> None:
                pass

            def iter_errors(self) -> Any:
                raise MemoryError("out of memory")

        monkeypatch.setattr(openapi, "_validator_class", lambda version: Broken)
        expected = "could not finish"
    elif limit == "refs":
        monkeypatch.setattr(openapi, "MAX_REFS", 1)
        text += "components:\n  schemas:\n    A: {type: string}\n    B: {$ref: '#/components/schemas/A'}\n"
        text += "    C: {$ref: '#/components/schemas/A'}\n"
        expected = "more than 1 $ref"
    else:
        text = "openapi: [unclosed\n"
        expected = "line"
    path = document(repo, text)
    result = judge(repo)
    assert result.status in {"invalid", "unreadable"} and result.detail is not None and expected in result.detail.en
    assert not entry_of(path).exists()
    assert not list(cache.cache_dir().glob("openapi.*"))
