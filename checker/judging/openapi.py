"""Checking the OpenAPI documents a manifest points at: inside the repository, bounded, and valid OpenAPI 3.x.

The documents are written by the people the gate judges, so every cost is bounded:
- one document is at most 2 MiB and 64 levels deep (the safe YAML reader), and a
  manifest reads at most 4 MiB of distinct documents in all; the same file named by
  many APIs is read once (issue 14.6: 20 APIs naming one 1.5 MB document took 28 s,
  because each API parsed it again);
- every `$ref` must point inside the same document (`#/...`): the validator never
  resolves a reference to a URL, another file or a folder outside the repository, so
  judging makes no network request;
- documents are validated with openapi-spec-validator, the reference validator for
  OpenAPI 3.0/3.1/3.2, so a stub such as `openapi: 3.0.0` alone is a finding; the
  validation has a 10 s deadline (the document's own patterns run on Python's `re`).
  Importing the validator alone costs about 0.28 s, so `check` remembers each verdict in
  the content-keyed cache (checker/plumbing/cache.py) under the document's bytes, the
  validator's version and this code: an unchanged document is judged without importing
  it. The gate never reads that cache (it is not authenticated; see SECURITY.md).
https URLs are accepted as declared (the gate never fetches while judging), but they
must be well-formed, with a host and a path.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from checker.model import Text
from checker.plumbing import cache
from checker.plumbing.yamlsafe import MAX_DEPTH, Positions, YamlError, decode_utf8, parse_yaml, position_of

MAX_OPENAPI_BYTES = 2 * 1024 * 1024
MAX_OPENAPI_BYTES_PER_MANIFEST = 4 * 1024 * 1024
MAX_REFS = 5_000
MAX_VALIDATION_SECONDS = 10.0
MAX_DETAIL = 300
_HOST = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_UNSAFE_URL_CHARACTERS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\\<>\"`{}|^]")
# What a cached verdict depends on besides the document's bytes: the code that judges it and
# places its findings, and the libraries whose messages it repeats.
_CODE_FILES = ("judging/openapi.py", "plumbing/yamlsafe.py", "model.py")
_VALIDATOR_DISTRIBUTIONS = ("openapi-spec-validator", "openapi-schema-validator", "jsonschema", "jsonschema-path")
_CACHED_STATUSES = frozenset({"ok", "invalid", "not-openapi-3"})


@dataclass(frozen=True)
class OpenApiFact:
    """What the INT rules learn about one API's document: a status, and for `invalid` what is wrong and where."""

    status: (
        str  # ok | remote | missing | not-found | outside-repository | too-large | unreadable | not-openapi-3 | invalid
    )
    detail: Text | None = None

    def as_fact(self) -> dict[str, Any]:
        fact: dict[str, Any] = {"status": self.status}
        if self.detail is not None:
            fact["detail"] = {"en": self.detail.en, "id": self.detail.id}
        return fact


def repository_root(path: Path) -> Path:
    """The git work tree holding `path` (or its own folder): OpenAPI paths may not leave it."""
    start = path.resolve().parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def openapi_status(reference: object, manifest_path: Path, root: Path) -> str:
    """The status alone (see OpenApiFact)."""
    return openapi_facts([reference], manifest_path, root)[0].status


def openapi_facts(
    references: list[object], manifest_path: Path, root: Path, use_cache: bool = False
) -> list[OpenApiFact]:
    """One fact per API of a manifest, reading each distinct document once and at most 4 MiB in all.

    `use_cache` reads and keeps verdicts in the on-disk cache: `check` does, the gate must not."""
    facts: list[OpenApiFact] = []
    spent = 0
    seen: set[Path] = set()
    for reference in references:
        where = _locate(reference, manifest_path, root)
        if isinstance(where, OpenApiFact):
            facts.append(where)
            continue
        try:
            info = where.stat()
        except OSError:
            facts.append(OpenApiFact("unreadable"))
            continue
        if info.st_size > MAX_OPENAPI_BYTES:
            facts.append(OpenApiFact("too-large"))
            continue
        if where not in seen:
            if spent + info.st_size > MAX_OPENAPI_BYTES_PER_MANIFEST:
                facts.append(
                    OpenApiFact(
                        "too-large",
                        Text(
                            f"the OpenAPI documents of this manifest add up to more than {MAX_OPENAPI_BYTES_PER_MANIFEST // 2**20} MiB",
                            f"dokumen OpenAPI manifes ini berjumlah lebih dari {MAX_OPENAPI_BYTES_PER_MANIFEST // 2**20} MiB",
                        ),
                    )
                )
                continue
            spent += info.st_size
            seen.add(where)
        facts.append(_document_fact(where, info.st_size, info.st_mtime_ns, use_cache))
    return facts


def _locate(reference: object, manifest_path: Path, root: Path) -> Path | OpenApiFact:
    if not isinstance(reference, str) or not reference.strip():
        return OpenApiFact("missing")
    if reference.lower().startswith("https://"):
        problem = url_problem(reference)
        return OpenApiFact("invalid", problem) if problem else OpenApiFact("remote")
    if "://" in reference or reference.startswith(("/", "\\")):
        return OpenApiFact("outside-repository")
    target = manifest_path.parent / reference
    try:
        resolved = target.resolve()
        root_resolved = root.resolve()
    except (OSError, RuntimeError, ValueError):
        return OpenApiFact("unreadable")
    if not resolved.is_relative_to(root_resolved):
        return OpenApiFact("outside-repository")
    if not resolved.is_file():
        return OpenApiFact("not-found")
    return resolved


def url_problem(url: str) -> Text | None:
    """Why an https reference is not a usable URL, or None: it needs a host and a path, and no credentials."""
    if _UNSAFE_URL_CHARACTERS.search(url):
        return Text(
            "the URL contains spaces or characters that are not allowed in a URL",
            "URL memuat spasi atau karakter yang tidak diizinkan dalam URL",
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return Text("the URL is malformed", "URL tidak berbentuk benar")
    del port
    if parts.username is not None or parts.password is not None:
        return Text(
            "the URL carries credentials; publish the document without them",
            "URL memuat kredensial; publikasikan dokumen tanpa kredensial",
        )
    if not parts.hostname or not _HOST.match(parts.hostname):
        return Text(
            "the URL has no valid host name (write it as https://host/path/to/openapi.yaml)",
            "URL tidak memiliki nama host yang sah (tulis sebagai https://host/jalur/ke/openapi.yaml)",
        )
    if len(parts.path.strip("/")) == 0:
        return Text(
            "the URL has no path to the document (write it as https://host/path/to/openapi.yaml)",
            "URL tidak memiliki jalur ke dokumen (tulis sebagai https://host/jalur/ke/openapi.yaml)",
        )
    return None


@functools.lru_cache(maxsize=64)
def _document_fact(path: Path, size: int, mtime_ns: int, use_cache: bool = False) -> OpenApiFact:
    """Cached by path, size and modification time: a document named by many APIs or manifests is read once."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_OPENAPI_BYTES + 1)
    except OSError:
        return OpenApiFact("unreadable")
    if len(raw) > MAX_OPENAPI_BYTES:
        return OpenApiFact("too-large")
    kind = key = ""
    if use_cache:
        kind, key = _cache_slot(path, raw)
        remembered = _fact_from_data(cache.load(kind, key))
        if remembered is not None:
            return remembered
    try:
        text = decode_utf8(raw)
        data, _ = _parse(text, track_positions=False)
    except YamlError as err:
        where = f" (line {err.line}, column {err.column})" if err.line else ""
        di = f" (baris {err.line}, kolom {err.column})" if err.line else ""
        return OpenApiFact("unreadable", Text(_clip(err.message.en) + where, _clip(err.message.id) + di))
    # Positions cost as much as the parse itself: they are computed only to place a finding.
    fact, final = _judged(data, lambda: _parse(text, track_positions=True)[1])
    if use_cache and final:
        cache.store(kind, key, fact.as_fact())
    return fact


def _cache_slot(path: Path, raw: bytes) -> tuple[str, str]:
    """The cache kind and key of a document's verdict: one entry per document path (a new version
    replaces the old), keyed by its bytes, the validator's version and the code that judges it."""
    kind = "openapi." + hashlib.sha256(os.fsencode(path)).hexdigest()[:16]
    return kind, cache.cache_key(raw, _CODE_FILES, libraries=_validator_versions())


@functools.lru_cache(maxsize=1)
def _validator_versions() -> str:
    """The versions of the validator and the libraries whose messages it returns, without importing any of them."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in _VALIDATOR_DISTRIBUTIONS:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} absent")
    return ";".join(found)


def _fact_from_data(entry: cache.Entry | None) -> OpenApiFact | None:
    """The verdict a cache entry holds, or None (a miss) when it is not exactly the shape `as_fact` writes."""
    if entry is None or entry.text or not isinstance(entry.value, dict):
        return None
    status, detail = entry.value.get("status"), entry.value.get("detail")
    if not isinstance(status, str) or status not in _CACHED_STATUSES or set(entry.value) - {"status", "detail"}:
        return None
    if detail is None:
        return None if "detail" in entry.value or status == "invalid" else OpenApiFact(status)
    if not isinstance(detail, dict) or set(detail) != {"en", "id"}:
        return None
    en, id_ = detail["en"], detail["id"]
    if not isinstance(en, str) or not isinstance(id_, str):
        return None
    return OpenApiFact(status, Text(en, id_))


def _parse(text: str, *, track_positions: bool) -> tuple[Any, Positions]:
    try:
        document = parse_yaml(text, track_positions=track_positions)
        return document.data, document.positions
    except YamlError:
        if not text.lstrip().startswith(("{", "[")):
            raise
    try:  # JSON that PyYAML's YAML 1.1 reader cannot take (tabs, some escapes)
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        line, column = (err.lineno, err.colno) if isinstance(err, json.JSONDecodeError) else (None, None)
        raise YamlError(Text(f"Neither YAML nor JSON: {err}", f"Bukan YAML maupun JSON: {err}"), line, column) from None
    if _depth(data) > MAX_DEPTH:
        raise YamlError(
            Text(
                f"The JSON is nested too deeply (more than {MAX_DEPTH} levels).",
                f"JSON bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat).",
            )
        )
    return data, {}


def _depth(data: Any) -> int:
    deepest, stack = 0, [(data, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return deepest


def judge_document(data: Any, positions: Callable[[], Positions] = dict) -> OpenApiFact:
    """Is this parsed document a valid OpenAPI 3.x description that needs nothing outside itself?

    `positions` gives the document's positions (field path -> line, column) when a finding needs them.
    """
    return _judged(data, positions)[0]


def _judged(data: Any, positions: Callable[[], Positions]) -> tuple[OpenApiFact, bool]:
    """The verdict, and whether it may be cached: only one reached within every limit (not over the $ref
    count, not cut by the deadline, not from a validator that could not finish) is the document's for good."""
    version = data.get("openapi") if isinstance(data, dict) else None
    if not isinstance(version, str) or not re.fullmatch(r"3\.[0-9]+\.[0-9]+(-\S+)?", version):
        return OpenApiFact("not-openapi-3"), True
    refs = 0
    for path, ref in _refs(data, ""):
        refs += 1
        if refs > MAX_REFS:
            return _invalid(f"more than {MAX_REFS} $ref", f"lebih dari {MAX_REFS} $ref", path, positions), False
        if not isinstance(ref, str) or not ref.startswith("#"):
            return _invalid(
                f"$ref {_clip(str(ref), 80)!r} points outside this document; only references inside it (#/...) are followed",
                f"$ref {_clip(str(ref), 80)!r} menunjuk ke luar dokumen ini; hanya rujukan di dalamnya (#/...) yang diikuti",
                path,
                positions,
            ), True
        if not _resolves(data, ref):
            return _invalid(
                f"$ref {_clip(ref, 80)!r} points to nothing in this document",
                f"$ref {_clip(ref, 80)!r} tidak menunjuk ke apa pun dalam dokumen ini",
                path,
                positions,
            ), True
    validator_class = _validator_class(version)
    if validator_class is None:
        return OpenApiFact("not-openapi-3"), True
    try:
        with _deadline(MAX_VALIDATION_SECONDS):
            error = next(iter(validator_class(data).iter_errors()), None)
    except _Expired:
        return _invalid(
            f"checking it took longer than {MAX_VALIDATION_SECONDS:g} s (a pattern in a schema, checked "
            "against a default or example value, can take exponential time); simplify it",
            f"pemeriksaannya melebihi {MAX_VALIDATION_SECONDS:g} detik (pola dalam skema yang diperiksa "
            "terhadap nilai default atau contoh dapat memakan waktu eksponensial); sederhanakan",
            "",
            positions,
        ), False
    except Exception as err:  # noqa: BLE001 - a document the validator cannot finish is not a valid one
        return _invalid(
            f"the validator could not finish ({type(err).__name__}: {_clip(str(err), 120)})",
            f"validator tidak dapat menyelesaikan pemeriksaan ({type(err).__name__}: {_clip(str(err), 120)})",
            "",
            positions,
        ), False
    if error is None:
        return OpenApiFact("ok"), True
    path = ""
    for part in getattr(error, "absolute_path", ()) or ():
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return _invalid(
        _clip(str(getattr(error, "message", error))), _clip(str(getattr(error, "message", error))), path, positions
    ), True


class _Expired(Exception):
    """The validation deadline passed."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (SIGALRM, main thread only).

    The validator checks a schema's `default` and `example` values against the document's
    own `pattern`s with Python's backtracking `re`: `^(a+)+$` against 40 letters and a `!`
    runs for hours. Python's regex engine checks for signals while it matches, so the
    alarm stops it. Elsewhere than the main thread no alarm can be set and the run's own
    time budget is the bound.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _validator_class(version: str) -> Any:
    # The library's own setting: with jsonschema-rs installed (the registry validator) it would
    # switch backends by itself, with other messages and limits than the ones tested here.
    os.environ["OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"] = "jsonschema"
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator, OpenAPIV32SpecValidator

    classes = {"3.0": OpenAPIV30SpecValidator, "3.1": OpenAPIV31SpecValidator, "3.2": OpenAPIV32SpecValidator}
    return _no_network(classes.get(version.rsplit(".", 1)[0]))


@functools.lru_cache(maxsize=8)
def _no_network(base: Any) -> Any:
    """The validator with every reference handler refused (defence in depth: non-local $refs are refused first)."""
    if base is None:
        return None

    def refuse(uri: str) -> Any:
        raise LookupError(f"refusing to retrieve {uri!r}")

    handlers = {scheme: refuse for scheme in ("", "file", "http", "https", "ftp", "data", "<all_urls>")}
    return type(f"Offline{base.__name__}", (base,), {"resolver_handlers": handlers})


def _resolves(document: Any, ref: str) -> bool:
    """Does a local reference (`#/a/b~1c`, RFC 6901 inside a URI fragment) name a value of the document?"""
    if ref == "#":
        return True
    if not ref.startswith("#/"):
        return False  # a plain-name anchor: OpenAPI 3.0 documents have none to point at
    node = document
    for token in unquote(ref[2:]).split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


def _refs(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    stack = [(node, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, dict):
            for key, value in current.items():
                child = f"{where}.{key}" if where else str(key)
                if key == "$ref":
                    yield child, value
                else:
                    stack.append((value, child))
        elif isinstance(current, list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(current))


def _invalid(en: str, id_: str, path: str, positions: Callable[[], Positions]) -> OpenApiFact:
    try:
        line, column = position_of(positions(), path)
    except YamlError:
        line, column = None, None
    if line is None:
        return OpenApiFact("invalid", Text(en, id_))
    return OpenApiFact("invalid", Text(f"{en} (line {line}, column {column})", f"{id_} (baris {line}, kolom {column})"))


def _clip(text: str, limit: int = MAX_DETAIL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
