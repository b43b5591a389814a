"""The national registry: loading (file, .gz, https), checking, and the policy index.

Policies never scan the 27,400 apps: they look things up in the index built
here once per run (by id, by function, by function and agency).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.model import Text
from checker.plumbing.secrets import scrub
from checker.plumbing.yamlsafe import YamlError, decode_utf8, parse_yaml

API_VERSION = "spbe.go.id/v1"
MAX_REGISTRY_BYTES = 512 * 1024 * 1024  # decompressed
URL_DEADLINE_SECONDS = 30  # in all: connection, redirects, headers and every byte of the download
# A registry is JSON, YAML or gzip, served under many names (application/json, text/plain,
# application/octet-stream...); these answers are pages, never a registry: refused before parsing.
REFUSED_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/javascript",
        "application/javascript",
        "image/svg+xml",
        "multipart/form-data",
    }
)
URL_CACHE_KIND = "registry"  # checker/plumbing/remote.py keeps good downloads under this name
REUSE_CANDIDATES = 8
_LEVEL_RANK = {"central": 0, "province": 1, "regency": 2}


@dataclass(frozen=True)
class Registry:
    source: str
    revision: str
    sha256: str
    doc: dict[str, Any]
    apps: dict[str, dict[str, Any]] = field(repr=False)

    @property
    def taxonomy(self) -> dict[str, dict[str, str]]:
        return {t["code"]: t.get("name", {}) for t in self.doc.get("taxonomy", [])}

    @property
    def capabilities(self) -> dict[str, Any]:
        return self.doc.get("capabilities") or {}

    @property
    def integration(self) -> dict[str, Any]:
        return self.doc.get("integration") or {}

    def active_apps(self) -> list[dict[str, Any]]:
        return [a for a in self.apps.values() if a.get("status") == "active"]


def load_registry(source: str | Path) -> Registry:
    """Load and check a registry; CannotJudge (exit 2) on any problem."""
    return parse_registry(read_registry_bytes(str(source)), str(source))


def read_registry_bytes(source: str) -> bytes:
    """The registry's bytes as stored (maybe gzip), from a file or an https URL.

    A URL's good download is kept in the cache (checker/plumbing/remote.py); with --offline that
    copy stands in for an unreachable server, and the user is told its revision and age.
    """
    if not source.startswith(("https://", "http://")):
        return _read_file(Path(source))
    from checker.plumbing import remote

    fetched = remote.fetch(source, URL_CACHE_KIND, _fetch, remote.offline_allowed())
    if fetched.from_cache:
        remote.tell(
            Text(
                f"registry: {fetched.url} is unreachable ({fetched.why_cached}); using the cached copy, revision "
                f"{fetched.revision or 'unknown'}, downloaded {fetched.age()} ago ({fetched.fetched_at:%Y-%m-%d %H:%M} UTC).",
                f"registri: {fetched.url} tidak dapat dihubungi ({fetched.why_cached}); memakai salinan cache, revisi "
                f"{fetched.revision or 'tidak diketahui'}, diunduh {fetched.age()} yang lalu ({fetched.fetched_at:%Y-%m-%d %H:%M} UTC).",
            )
        )
    else:
        remote.remember(fetched, source, URL_CACHE_KIND, "")  # the revision is noted once parsed
    return fetched.raw


def parse_registry(raw: bytes, source: str) -> Registry:
    digest = hashlib.sha256(raw).hexdigest()
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw, source)
    try:
        text = decode_utf8(raw)
    except YamlError as err:
        raise CannotJudge(_bad(source, err.message.en)) from None
    doc = _parse_text(text, source)
    apps = check_registry(doc, source)
    if source.startswith("https://"):
        from checker.plumbing.remote import note_revision

        note_revision(source, URL_CACHE_KIND, digest, str(doc["metadata"]["revision"]))
    return Registry(source=source, revision=str(doc["metadata"]["revision"]), sha256=digest, doc=doc, apps=apps)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CannotJudge(
            Text(
                f"Registry not found: {scrub(str(path))}. Pass --registry FILE or URL, or regenerate the sample with `spbe-check registry generate`.",
                f"Registri tidak ditemukan: {scrub(str(path))}. Berikan --registry BERKAS atau URL, atau buat ulang contoh dengan `spbe-check registry generate`.",
            )
        ) from None
    except OSError as err:
        raise CannotJudge(_bad(str(path), err.strerror or str(err))) from None


def _fetch(url: str) -> bytes:
    import http.client  # only for URL registries: keeps start-up short for files
    import urllib.error

    from checker.plumbing import net

    shown = scrub(url)
    if not url.startswith("https://"):
        raise CannotJudge(Text(f"Registry URL must use https: {shown}", f"URL registri harus memakai https: {shown}"))
    try:
        data, _kind = net.fetch(
            url, seconds=URL_DEADLINE_SECONDS, max_bytes=MAX_REGISTRY_BYTES, refused_types=REFUSED_CONTENT_TYPES
        )
    except net.DeadlineExceeded:
        raise CannotJudge(
            Text(
                f"The registry at {shown} did not arrive within {URL_DEADLINE_SECONDS} s (connection, redirects and "
                f"download in all). Check the server, or download the registry and pass the file with --registry; "
                f"nothing was judged.",
                f"Registri di {shown} tidak selesai diterima dalam {URL_DEADLINE_SECONDS} detik (sambungan, pengalihan "
                f"dan unduhan seluruhnya). Periksa server, atau unduh registri dan berikan berkasnya dengan --registry; "
                f"tidak ada yang dinilai.",
            )
        ) from None
    except net.RedirectRefused as err:
        raise CannotJudge(
            Text(
                f"The registry URL {shown} redirects to {scrub(err.target)}, which leaves its https origin; "
                f"redirects are followed only on the same host over https. Pass the final https URL with --registry; "
                f"nothing was judged.",
                f"URL registri {shown} mengalihkan ke {scrub(err.target)}, di luar asal https-nya; pengalihan hanya "
                f"diikuti pada host yang sama lewat https. Berikan URL https akhirnya dengan --registry; "
                f"tidak ada yang dinilai.",
            )
        ) from None
    except net.UnexpectedAnswer as err:
        raise CannotJudge(_bad(shown, str(err))) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as err:
        reason = scrub(str(getattr(err, "reason", err)))
        raise CannotJudge(
            Text(
                f"Cannot download the registry from {shown}: {reason}. Check the URL and the network, or pass a local file with --registry.",
                f"Registri tidak dapat diunduh dari {shown}: {reason}. Periksa URL dan jaringan, atau berikan berkas lokal dengan --registry.",
            )
        ) from None
    return data


def _gunzip(raw: bytes, source: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            data = handle.read(MAX_REGISTRY_BYTES + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise CannotJudge(_bad(source, f"corrupt or truncated gzip data ({err})")) from None
    if len(data) > MAX_REGISTRY_BYTES:
        raise CannotJudge(_bad(source, "decompresses to more than 512 MiB"))
    return data


def _parse_text(text: str, source: str) -> Any:
    """Any JSON or YAML value, unchecked: check_registry() refuses what is not a registry."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise CannotJudge(
                _bad(source, f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}")
            ) from None
        except RecursionError:
            raise CannotJudge(_bad(source, "the JSON is nested too deeply to read")) from None
    try:
        return parse_yaml(text, track_positions=False).data
    except YamlError as err:
        where = f" at line {err.line}, column {err.column}" if err.line else ""
        raise CannotJudge(_bad(source, f"{err.message.en}{where}")) from None


def _bad(source: str, why: str) -> Text:
    source, why = scrub(source), scrub(why)
    return Text(
        f"The registry {source} cannot be used: {why}. Fix or replace the registry file; nothing was judged.",
        f"Registri {source} tidak dapat dipakai: {why}. Perbaiki atau ganti berkas registri; tidak ada yang dinilai.",
    )


def check_registry(doc: Any, source: str) -> dict[str, dict[str, Any]]:
    """Validate the document against registry.schema.json, then check ids are unique; returns apps by id.

    The schema runs before anything is indexed, so a wrong type anywhere (a capability
    given as a list, a function as a mapping…) stops the run with the path of the bad
    value instead of silently dropping a rule or crashing later.
    """
    if not isinstance(doc, dict):
        raise CannotJudge(_bad(source, "the document is not a mapping"))
    if doc.get("apiVersion") != API_VERSION or doc.get("kind") != "Registry":
        raise CannotJudge(
            _bad(
                source,
                f"expected apiVersion: {API_VERSION} and kind: Registry, "
                f"found apiVersion: {doc.get('apiVersion')!r:.80}, kind: {doc.get('kind')!r:.80}",
            )
        )
    problem = schema_problem(doc)
    if problem:
        raise CannotJudge(_bad(source, problem))
    apps: dict[str, dict[str, Any]] = {}
    for index, app in enumerate(doc["apps"]):
        if app["id"] in apps:
            raise CannotJudge(_bad(source, f"$.apps[{index}] repeats id {app['id']}"))
        apps[app["id"]] = app
    return apps


MAX_QUOTED = 160  # characters of a bad value quoted in a message


def schema_problem(doc: dict[str, Any]) -> str | None:
    """The first place where `doc` breaks registry.schema.json, as `$.json.path (app id): what is wrong`."""
    try:
        error = next(iter(_registry_validator().iter_errors(doc)), None)
    except ValueError as err:  # a value JSON cannot hold (a non-string key, a date…) or nesting past the limit
        return f"it cannot be checked against the registry schema: {err}"
    if error is None:
        return None
    path = list(error.instance_path)
    where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    if len(path) >= 2 and path[0] == "apps" and isinstance(path[1], int):
        app = doc["apps"][path[1]]
        if isinstance(app, dict) and isinstance(app.get("id"), str):
            where += f" ({app['id'][:80]})"
    message = error.message if len(error.message) <= MAX_QUOTED else error.message[:MAX_QUOTED] + "…"
    return f"{where}: {message} (see checker/schemas/registry.schema.json)"


@functools.lru_cache(maxsize=1)
def _registry_validator() -> Any:
    """The compiled registry schema. jsonschema-rs, not jsonschema: on 27,400 apps it takes
    about 0.05 s instead of about 5 s (BENCHMARKS.md), and it runs on every cold start."""
    import jsonschema_rs

    from checker.plumbing.paths import SCHEMAS_DIR

    schema = json.loads((SCHEMAS_DIR / "registry.schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.Draft202012Validator(schema)


def policy_index(registry: Registry) -> dict[str, Any]:
    """The facts policies read at data.spbe.registry (see policies/README.md)."""
    apps: dict[str, Any] = {}
    owners: dict[str, list[str]] = {}
    by_function: dict[str, dict[str, list[str]]] = {}
    reuse_pool: dict[str, list[dict[str, Any]]] = {}
    for app in registry.apps.values():
        agency = app["agency"]
        apps[app["id"]] = {
            "name": app["name"],
            "agency": agency["code"],
            "level": agency.get("level", ""),
            "status": app["status"],
            "shared": bool(app.get("shared", False)),
        }
        if app["status"] != "active":
            continue
        for code in app["functions"]:
            if app.get("shared"):
                owners.setdefault(code, []).append(app["id"])
            else:
                by_function.setdefault(code, {}).setdefault(agency["code"], []).append(app["id"])
            reuse_pool.setdefault(code, []).append(app)
    reuse = {
        code: [_suggestion(a) for a in sorted(pool, key=_reuse_rank)[:REUSE_CANDIDATES]]
        for code, pool in reuse_pool.items()
    }
    return {
        "revision": registry.revision,
        "apps": apps,
        "taxonomy": {
            code: {"en": name.get("en", code), "id": name.get("id", code)} for code, name in registry.taxonomy.items()
        },
        "capabilities": registry.capabilities,
        "integration": registry.integration,
        "function_owners": {k: sorted(v) for k, v in owners.items()},
        "function_agencies": {k: {a: sorted(ids) for a, ids in v.items()} for k, v in by_function.items()},
        "function_reuse": reuse,
    }


def _reuse_rank(app: dict[str, Any]) -> tuple[int, int, str]:
    """Shared services first, then the widest-reaching owner (central before regional)."""
    return (0 if app.get("shared") else 1, _LEVEL_RANK.get(app["agency"].get("level", ""), 3), app["id"])


def _suggestion(app: dict[str, Any]) -> dict[str, Any]:
    return {"id": app["id"], "name": app["name"], "agency": app["agency"]["code"], "score": 1.0}


def registry_bytes(
    doc: dict[str, Any], *, kind: str = "json", gzipped: bool = False, indent: int | None = None
) -> bytes:
    """Deterministic bytes of a registry: same document, same bytes (key order kept, gzip without name or time)."""
    if kind == "json":
        text = json.dumps(doc, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":")) + "\n"
    else:
        import yaml  # only when writing YAML registries

        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, default_flow_style=False, width=120)
    data = text.encode("utf-8")
    if not gzipped:
        return data
    buffer = io.BytesIO()  # GzipFile, not gzip.compress: a fixed OS byte, so the bytes match on every platform
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(data)
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` in one rename, keeping its permissions, so a reader never sees half a registry."""
    from checker.plumbing.atomicfile import write_bytes_atomically

    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(path, data)
