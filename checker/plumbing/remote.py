"""Inputs the national authority publishes at an https URL, kept in the cache with their revision.

A download goes through checker/plumbing/net.py, the project's one bounded HTTP path: a total
deadline, redirects only within the same https origin, page types refused, a size limit. Each good download is kept in the cache
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
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CannotJudge
from checker.model import Text
from checker.plumbing.secrets import scrub

DEADLINE_SECONDS = 60.0  # in all: connection, TLS, redirects, headers and every byte (checker/plumbing/net.py)
# A bundle or registry is never a page: answers of these types are refused before they are read.
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
        seconds = max(0, int(((now or dt.datetime.now(dt.UTC)) - self.fetched_at).total_seconds()))
        for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
            if seconds >= size:
                return f"{seconds // size} {unit}"
        return f"{seconds} s"


def download(url: str, what: Text, max_bytes: int, deadline: float | None = None) -> bytes:
    """GET `url` (https only) through checker/plumbing/net.py: `deadline` seconds in all, same-origin redirects only,
    at most `max_bytes`; Unreachable when the server cannot be used, CannotJudge for a refused answer.

    `what` names the input in messages ("the policy bundle", "bundle kebijakan").
    """
    import http.client
    import urllib.error

    from checker.plumbing import net

    shown = scrub(url)
    seconds = DEADLINE_SECONDS if deadline is None else deadline
    if not url.startswith("https://"):
        raise CannotJudge(
            Text(f"{what.en.capitalize()} URL must use https: {shown}", f"URL {what.id} harus memakai https: {shown}")
        )
    try:
        data, _kind = net.fetch(url, seconds=seconds, max_bytes=max_bytes, refused_types=REFUSED_CONTENT_TYPES)
    except net.DeadlineExceeded as err:
        raise Unreachable(shown, str(err)) from None
    except net.RedirectRefused as err:
        raise Unreachable(shown, f"refused a redirect to {scrub(err.target)}, which leaves its https origin") from None
    except net.UnexpectedAnswer as err:
        raise CannotJudge(
            Text(
                f"{what.en.capitalize()} at {shown} was refused: {scrub(str(err))}.",
                f"{what.id.capitalize()} di {shown} ditolak: {scrub(str(err))}.",
            )
        ) from None
    except urllib.error.HTTPError as err:
        raise Unreachable(shown, f"HTTP {err.code} {scrub(str(err.reason))}") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as err:
        raise Unreachable(shown, scrub(str(getattr(err, "reason", None) or err))) from None
    return data


class Unreachable(CannotJudge):
    """The server did not give the file (down, slow, redirecting, HTTP error): maybe use the cache."""

    def __init__(self, url: str, reason: str):
        super().__init__(Text(f"Cannot download {url}: {reason}.", f"Tidak dapat mengunduh {url}: {reason}."))
        self.url = url
        self.reason = reason


def _entry(kind: str, url: str) -> Path:
    from checker.plumbing.cache import cache_dir

    return cache_dir() / "downloads" / f"{kind}-{hashlib.sha256(url.encode()).hexdigest()[:32]}"


def fetch(url: str, kind: str, download: Callable[[str], bytes], offline: bool) -> Fetched:
    """The file at `url` by `download`, fresh; or, when that fails and `offline`, the cached copy.

    `download` is the caller's own bounded download (its messages name what is downloaded);
    any CannotJudge from it means the server could not be used.
    """
    now = dt.datetime.now(dt.UTC)
    try:
        return Fetched(download(url), scrub(url), now)
    except CannotJudge as err:
        cached = cached_copy(url, kind)
        if offline and cached is not None:
            reason = err.reason if isinstance(err, Unreachable) else err.message.en.rstrip(".")
            return Fetched(cached.raw, cached.url, cached.fetched_at, True, cached.revision, reason)
        if cached is not None:
            hint = Text(
                f" A copy (revision {cached.revision or 'unknown'}, {cached.age()} old) is in the cache: "
                "pass --offline (or `offline: true` in .spbe-check.yaml) to use it.",
                f" Salinan (revisi {cached.revision or 'tidak diketahui'}, berumur {cached.age()}) ada di cache: "
                "berikan --offline (atau `offline: true` di .spbe-check.yaml) untuk memakainya.",
            )
        elif offline:
            hint = Text(
                " No copy is in the cache (--offline needs one successful download first).",
                " Tidak ada salinan di cache (--offline memerlukan satu unduhan yang berhasil lebih dulu).",
            )
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
    from checker.plumbing.cache import read_regular

    folder = _entry(kind, url)
    try:
        meta = json.loads((read_regular(folder / "meta.json") or b"").decode("utf-8"))
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
    meta = {
        "url": scrub(url),
        "revision": revision,
        "sha256": hashlib.sha256(fetched.raw).hexdigest(),
        "fetchedAt": fetched.fetched_at.isoformat(),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder, "content", fetched.raw)
        _write_atomically(folder, "meta.json", json.dumps(meta).encode())
    except OSError:
        return


def cached_copy(url: str, kind: str) -> Fetched | None:
    """The cached copy of `url` when its bytes still match what was recorded, else None."""
    from checker.plumbing.cache import read_regular  # regular files only: no link followed, no FIFO blocking

    folder = _entry(kind, url)
    try:
        meta_bytes, raw = read_regular(folder / "meta.json"), read_regular(folder / "content")
        if meta_bytes is None or raw is None:
            return None
        meta = json.loads(meta_bytes.decode("utf-8"))
        if hashlib.sha256(raw).hexdigest() != meta["sha256"]:
            return None
        return Fetched(raw, str(meta["url"]), dt.datetime.fromisoformat(meta["fetchedAt"]), True, str(meta["revision"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
