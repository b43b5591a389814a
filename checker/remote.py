"""Inputs the national authority publishes at an https URL, kept in the cache with their revision.

A download has a total deadline, refuses redirects (a bundle server that redirects may
hand over to anyone) and stops at a size limit. Each good download is kept in the cache
with the URL (credentials removed), when it was fetched and the revision its caller
recorded; when the server cannot be reached, the cached copy is used only if the user
asked for that (`--offline`, or `offline: true` in .spbe-check.yaml), and the tool then
says which revision it used and how old it is. Whatever the source, the caller verifies
the bytes again (a signed bundle is re-verified every time), so a cached copy is never
trusted more than a fresh one. Files are written only inside the cache folder.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import time
import urllib.parse
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from checker.errors import CannotJudge
from checker.model import Text

DEADLINE_SECONDS = 60.0
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """Bytes from a URL, and whether (and from when) they came from the cache instead."""

    raw: bytes
    url: str  # scrubbed: safe to print
    fetched_at: dt.datetime
    from_cache: bool = False
    revision: str = ""  # as recorded for the cached copy
    why_cached: str = ""  # why the server was not used

    def age(self, now: dt.datetime | None = None) -> str:
        """How old the copy is, for people: '3 h', '2 d'."""
        seconds = max(0, int(((now or dt.datetime.now(dt.timezone.utc)) - self.fetched_at).total_seconds()))
        for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
            if seconds >= size:
                return f"{seconds // size} {unit}"
        return f"{seconds} s"


def scrub(url: str) -> str:
    """The URL without user, password or query values: what may appear in output and logs."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    query = "&".join(f"{k}=…" for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _opener() -> object:
    """urllib's opener, with every redirect refused (reported as HTTP 3xx, so `--offline` can apply)."""
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            raise urllib.error.HTTPError(req.full_url, code, f"redirect to {scrub(newurl)} refused", headers, fp)

    return urllib.request.build_opener(NoRedirect)


def download(url: str, what: Text, max_bytes: int, deadline: float | None = None) -> bytes:
    """GET `url` (https only) within `deadline` seconds in total and `max_bytes`; CannotJudge otherwise.

    `what` names the input in messages ("the policy bundle", "bundle kebijakan").
    """
    import socket
    import urllib.error
    import urllib.request

    shown = scrub(url)
    deadline = DEADLINE_SECONDS if deadline is None else deadline
    if not url.startswith("https://"):
        raise CannotJudge(Text(f"{what.en.capitalize()} URL must use https: {shown}",
                               f"URL {what.id} harus memakai https: {shown}"))
    started = time.monotonic()
    chunks: list[bytes] = []
    size = 0
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "spbe-check"})
        with _opener().open(request, timeout=min(deadline, 30.0)) as response:  # type: ignore[attr-defined]
            while True:
                if time.monotonic() - started > deadline:
                    raise TimeoutError(f"no complete answer within {deadline:g} s")
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise CannotJudge(Text(f"{what.en.capitalize()} at {shown} is larger than {max_bytes >> 20} MiB; refused.",
                                           f"{what.id.capitalize()} di {shown} lebih besar dari {max_bytes >> 20} MiB; ditolak."))
                chunks.append(chunk)
    except CannotJudge:
        raise
    except urllib.error.HTTPError as err:
        raise Unreachable(shown, f"HTTP {err.code} {err.msg}") from None
    except (urllib.error.URLError, OSError, socket.timeout, TimeoutError, ValueError) as err:
        reason = getattr(err, "reason", None) or err
        raise Unreachable(shown, str(reason).replace(url, shown)) from None
    return b"".join(chunks)


class Unreachable(CannotJudge):
    """The server did not give the file (down, slow, redirecting, HTTP error): maybe use the cache."""

    def __init__(self, url: str, reason: str):
        super().__init__(Text(f"Cannot download {url}: {reason}.", f"Tidak dapat mengunduh {url}: {reason}."))
        self.url = url
        self.reason = reason


def _entry(kind: str, url: str) -> Path:
    from checker.cache import cache_dir

    return cache_dir() / "downloads" / f"{kind}-{hashlib.sha256(url.encode()).hexdigest()[:32]}"


def fetch(url: str, kind: str, download: Callable[[str], bytes], offline: bool) -> Fetched:
    """The file at `url` by `download`, fresh; or, when that fails and `offline`, the cached copy.

    `download` is the caller's own bounded download (its messages name what is downloaded);
    any CannotJudge from it means the server could not be used.
    """
    now = dt.datetime.now(dt.timezone.utc)
    try:
        return Fetched(download(url), scrub(url), now)
    except CannotJudge as err:
        cached = cached_copy(url, kind)
        if offline and cached is not None:
            reason = err.reason if isinstance(err, Unreachable) else err.message.en.rstrip(".")
            return Fetched(cached.raw, cached.url, cached.fetched_at, True, cached.revision, reason)
        if cached is not None:
            hint = Text(f" A copy (revision {cached.revision or 'unknown'}, {cached.age()} old) is in the cache: "
                        "pass --offline (or `offline: true` in .spbe-check.yaml) to use it.",
                        f" Salinan (revisi {cached.revision or 'tidak diketahui'}, berumur {cached.age()}) ada di cache: "
                        "berikan --offline (atau `offline: true` di .spbe-check.yaml) untuk memakainya.")
        elif offline:
            hint = Text(" No copy is in the cache (--offline needs one successful download first).",
                        " Tidak ada salinan di cache (--offline memerlukan satu unduhan yang berhasil lebih dulu).")
        else:
            hint = Text("", "")
        raise CannotJudge(Text(err.message.en + hint.en, err.message.id + hint.id)) from None


@dataclass(frozen=True)
class Session:
    """What this run allows (`--offline`) and how it tells the user which copy it used."""

    offline: bool = False
    say: Callable[[Text], None] | None = None


SESSION: ContextVar[Session] = ContextVar("spbe_check_remote_session", default=Session())


def offline_allowed() -> bool:
    """--offline for this run (set by the command line), or SPBE_CHECK_OFFLINE for commands without the option."""
    return SESSION.get().offline or os.environ.get("SPBE_CHECK_OFFLINE", "") not in ("", "0", "false")


def tell(message: Text) -> None:
    """Say `message` the way this run's command line does (stderr, in its language); silent in library use."""
    say = SESSION.get().say
    if say is not None:
        say(message)


def note_revision(url: str, kind: str, sha256: str, revision: str) -> None:
    """Record the revision of the cached copy of `url` once its content has been read (same bytes only)."""
    folder = _entry(kind, url)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("sha256") != sha256 or meta.get("revision") == revision:
            return
        meta["revision"] = revision
        _write_atomically(folder, "meta.json", json.dumps(meta).encode())
    except (OSError, ValueError, AttributeError):
        return


def _write_atomically(folder: Path, name: str, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / name)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def remember(fetched: Fetched, url: str, kind: str, revision: str) -> None:
    """Keep a verified download in the cache with its revision (a damaged or read-only cache only costs the copy)."""
    if fetched.from_cache:
        return
    folder = _entry(kind, url)
    meta = {"url": scrub(url), "revision": revision, "sha256": hashlib.sha256(fetched.raw).hexdigest(),
            "fetchedAt": fetched.fetched_at.isoformat()}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder, "content", fetched.raw)
        _write_atomically(folder, "meta.json", json.dumps(meta).encode())
    except OSError:
        return


def cached_copy(url: str, kind: str) -> Fetched | None:
    """The cached copy of `url` when its bytes still match what was recorded, else None."""
    folder = _entry(kind, url)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        raw = (folder / "content").read_bytes()
        if hashlib.sha256(raw).hexdigest() != meta["sha256"]:
            return None
        return Fetched(raw, str(meta["url"]), dt.datetime.fromisoformat(meta["fetchedAt"]), True, str(meta["revision"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
