"""Bounded network exchanges: a total deadline, redirects that stay on their origin, answers checked.

The HTTP clients' own timeouts apply to each socket operation, so a server that sends
one byte every few seconds is never timed out. A `Deadline` is a watchdog: every
socket opened or reused while it is active is registered with it, and when the total
budget (connect, TLS, headers and every read) is spent it shuts those sockets down,
so the client fails at once, whatever phase it is in, and the caller says why.

Redirects are followed only within the same origin (scheme, host and port; http to
https on the same host is an upgrade and allowed): a registry on https must not be
fetched over http or ftp, and an OPA server must not hand a query (and its bearer
token) to another host whose answer would then be trusted. The answer's declared
content type and its size are checked before it is used.

The real clients do the HTTP: urllib for registry URLs, requests/urllib3 (inside
opa-python-client) for OPA. This module only adds the watchdog and the checks.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

_local = threading.local()


class NetError(Exception):
    """A network exchange was refused or cut short by this module's rules (not by the peer)."""


class DeadlineExceeded(NetError):
    """The total time budget of an exchange was spent."""

    def __init__(self, seconds: float):
        super().__init__(f"no complete answer within {seconds:g} s")
        self.seconds = seconds


class RedirectRefused(NetError):
    """A redirect would leave the origin, or downgrade https."""

    def __init__(self, origin: str, target: str):
        super().__init__(f"refused a redirect from {origin} to {target} (it leaves {_origin_text(origin)})")
        self.origin, self.target = origin, target


class UnexpectedAnswer(NetError):
    """The answer's content type or size is not what was asked for (`snippet`: the start of its body)."""

    def __init__(self, message: str, snippet: str = ""):
        super().__init__(message)
        self.snippet = snippet


class Deadline:
    """The budget of one exchange: its sockets are shut down when `seconds` have passed since entering."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expires = 0.0
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._previous: Deadline | None = None

    def __enter__(self) -> Deadline:
        self._previous = getattr(_local, "deadline", None)
        _local.deadline = self
        self.expires = time.monotonic() + self.seconds
        _WATCHDOG.add(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _WATCHDOG.remove(self)
        _local.deadline = self._previous
        with self._lock:
            for dup in self._sockets:
                dup.close()
            self._sockets.clear()

    def watch(self, sock: socket.socket) -> None:
        """Register a socket (a duplicate of its descriptor, so TLS wrapping or closing it does not matter)."""
        try:
            dup = socket.socket(fileno=os.dup(sock.fileno()))
        except OSError:
            return
        with self._lock:
            self._sockets.append(dup)
            if self.expired:
                _shut(dup)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for dup in self._sockets:
                _shut(dup)


class _Watchdog:
    """One daemon thread for all deadlines (a request costs a set insertion, not a thread)."""

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._pending: set[Deadline] = set()
        self._thread: threading.Thread | None = None

    def add(self, deadline: Deadline) -> None:
        with self._wake:
            self._pending.add(deadline)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="spbe-check-deadlines", daemon=True)
                self._thread.start()
            self._wake.notify()

    def remove(self, deadline: Deadline) -> None:
        with self._wake:
            self._pending.discard(deadline)

    def _run(self) -> None:
        with self._wake:
            while True:
                now = time.monotonic()
                for due in [d for d in self._pending if d.expires <= now]:
                    self._pending.discard(due)
                    due._expire()
                soonest = min((d.expires for d in self._pending), default=None)
                self._wake.wait(None if soonest is None else max(0.0, soonest - now))


_WATCHDOG = _Watchdog()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def watch(sock: socket.socket | None) -> None:
    """Register `sock` with the deadline active in this thread, if any (called by the watched connections)."""
    deadline: Deadline | None = getattr(_local, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.watch(sock)


def current_deadline() -> Deadline | None:
    """The deadline active in this thread, for callers that turn a client error into DeadlineExceeded."""
    return getattr(_local, "deadline", None)


# --- origins ------------------------------------------------------------------------------


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _origin_text(url: str) -> str:
    scheme, host, port = _origin(url)
    return f"{scheme}://{host}:{port}"


def redirect_allowed(origin: str, target: str) -> bool:
    """Same scheme, host and port; or http -> https on the same host (an upgrade). Nothing else."""
    scheme, host, port = _origin(origin)
    new_scheme, new_host, new_port = _origin(target)
    if new_host != host:
        return False
    if new_scheme == scheme:
        return new_port == port
    return scheme == "http" and new_scheme == "https"


def media_type(content_type: str | None) -> str:
    """`application/json; charset=utf-8` -> `application/json`."""
    return (content_type or "").split(";", 1)[0].strip().lower()


# --- urllib (registry URLs) ----------------------------------------------------------------


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    """http.client's HTTPS connection whose socket is registered with the active deadline before TLS starts."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._create_connection = self._watched_connection

    @staticmethod
    def _watched_connection(*args: Any, **kwargs: Any) -> socket.socket:
        sock = socket.create_connection(*args, **kwargs)
        watch(sock)
        return sock


def fetch(url: str, *, seconds: float, max_bytes: int, refused_types: frozenset[str]) -> tuple[bytes, str]:
    """GET an https URL within `seconds` in all; at most `max_bytes`; returns the body and its media type.

    Raises NetError for what this module refuses, urllib's errors (URLError, HTTPError,
    OSError) for what the network or server did.
    """
    import urllib.request  # only for URL registries: keeps start-up short for files

    class WatchedHTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(_WatchedHTTPSConnection, req, context=ssl.create_default_context())

    class SameOrigin(urllib.request.HTTPRedirectHandler):
        def redirect_request(
            self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
        ) -> urllib.request.Request | None:
            target = urljoin(req.full_url, newurl)
            if urlsplit(target).scheme != "https" or not redirect_allowed(req.full_url, target):
                raise RedirectRefused(req.full_url, target)
            return super().redirect_request(req, fp, code, msg, headers, target)

    opener = urllib.request.build_opener(WatchedHTTPS(), SameOrigin())
    started = time.monotonic()
    with Deadline(seconds) as deadline:
        try:
            with opener.open(_request(url), timeout=seconds) as response:
                kind = media_type(response.headers.get("Content-Type"))
                if kind in refused_types:
                    raise UnexpectedAnswer(f"the server answered with {kind}, not a registry file")
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise UnexpectedAnswer(f"the answer is {int(declared)} bytes, over the {max_bytes}-byte limit")
                chunks: list[bytes] = []
                size = 0
                while True:
                    chunk = response.read1(65536)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > max_bytes:
                        raise UnexpectedAnswer(f"the answer is over the {max_bytes}-byte limit")
                    chunks.append(chunk)
                    if deadline.expired:
                        break
                if declared and declared.isdigit() and size != int(declared) and not deadline.expired:
                    raise UnexpectedAnswer(f"the answer ended after {size} of its {int(declared)} bytes")
        except NetError:
            raise
        except Exception:
            if deadline.expired or time.monotonic() - started >= seconds:
                raise DeadlineExceeded(seconds) from None
            raise
        if deadline.expired:
            raise DeadlineExceeded(seconds)
    return b"".join(chunks), kind


def _request(url: str) -> Any:
    """A urllib Request; `user:password@` in the URL becomes a Basic Authorization header (urllib sends none)."""
    import base64
    import urllib.request
    from urllib.parse import unquote, urlunsplit

    # S310: only https reaches here: fetch()'s callers (remote.fetch, registry._fetch) refuse any other scheme.
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return urllib.request.Request(url)  # noqa: S310
    host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    pair = f"{unquote(parts.username or '')}:{unquote(parts.password or '')}".encode()
    return urllib.request.Request(  # noqa: S310 -- callers allow only http(s) URLs
        urlunsplit(parts._replace(netloc=netloc)),
        headers={"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")},
    )


# --- requests / urllib3 (the OPA client) ------------------------------------------------------


def harden_session(session: Any, *, max_bytes: int, json_only: bool) -> None:
    """Make a requests.Session register its sockets with the active Deadline, refuse foreign redirects,
    and check the content type (JSON when `json_only`) and size of every successful answer."""
    import requests
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class WatchedHTTP(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            sock = super()._new_conn()
            watch(sock)
            return sock

        def request(self, *args: Any, **kwargs: Any) -> None:
            watch(self.sock)  # a kept-alive connection, reused under a new deadline
            super().request(*args, **kwargs)

    class WatchedHTTPS(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            sock = super()._new_conn()
            watch(sock)
            return sock

        def request(self, *args: Any, **kwargs: Any) -> None:
            watch(self.sock)
            super().request(*args, **kwargs)

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = WatchedHTTP

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = WatchedHTTPS

    class WatchedAdapter(requests.adapters.HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}

        def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:  # HTTPS_PROXY and friends
            manager = super().proxy_manager_for(proxy, **kwargs)
            if not proxy.lower().startswith("socks"):
                manager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}
            return manager

    for prefix in ("http://", "https://"):
        old = session.get_adapter(prefix + "x")
        session.mount(prefix, WatchedAdapter(max_retries=old.max_retries))

    def check(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if response.is_redirect:
            target = urljoin(response.url, response.headers.get("location", ""))
            if not redirect_allowed(response.url, target):
                response.close()
                raise RedirectRefused(response.url, target)
            return response
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            response.close()
            raise UnexpectedAnswer(f"the answer is {int(declared)} bytes, over the {max_bytes}-byte limit")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.raw.stream(65536, decode_content=True):
            size += len(chunk)
            if size > max_bytes:
                response.close()
                raise UnexpectedAnswer(f"the answer is over the {max_bytes}-byte limit")
            chunks.append(chunk)
        body = b"".join(chunks)
        kind = media_type(response.headers.get("Content-Type"))
        if json_only and response.ok and body.strip() and kind != "application/json":
            raise UnexpectedAnswer(
                f"a {response.status_code} answer of type {kind or '(none)'}, not application/json",
                body[:80].decode("utf-8", "replace"),
            )
        response._content = body  # read here, bounded; requests then uses it as the body
        response._content_consumed = True  # type: ignore[attr-defined]  # requests' private flag; not in its stubs
        return response

    session.hooks["response"].append(check)


T = TypeVar("T")


def within(seconds: float, fn: Callable[[], T], name: str = "spbe-check-worker") -> T:
    """`fn()` in a daemon thread, waited for at most `seconds`; DeadlineExceeded past that.

    For clients whose sockets this module cannot reach (PyGithub, python-gitlab): past the
    deadline the caller stops waiting, and the worker ends with the process.
    """
    values: list[T] = []
    errors: list[BaseException] = []  # the worker fills exactly one of the two

    def work() -> None:
        try:
            values.append(fn())
        except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
            errors.append(err)

    worker = threading.Thread(target=work, name=name, daemon=True)
    worker.start()
    worker.join(seconds)
    if not values and not errors:
        raise DeadlineExceeded(seconds)
    if errors:
        raise errors[0]
    return values[0]


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    """`with deadline(s):` around any client call; DeadlineExceeded if the watchdog had to cut it."""
    with Deadline(seconds) as active:
        try:
            yield active
        except NetError:
            raise
        except Exception:
            if active.expired:
                raise DeadlineExceeded(seconds) from None
            raise
        if active.expired:
            raise DeadlineExceeded(seconds)
