"""How to reach an OPA server: the `--opa-*` options, checked before any request is made.

Kept apart from the engine so the command line can collect the options without
importing the HTTP client, and so a bad URL or token setup fails with exit 2
before anything is sent.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from checker.errors import CannotJudge
from checker.model import Text

OPA_MODES = ("bundle", "push")
DEFAULT_MODE = "bundle"
DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_RETRIES = 2
MAX_RETRIES = 5
_BEARER_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")  # RFC 6750 b64token


@dataclass(frozen=True)
class OpaSettings:
    """The `--opa-*` options as given; `token` is never shown (repr=False)."""

    url: str | None = None
    mode: str = DEFAULT_MODE
    revision: str | None = None
    token: str | None = field(default=None, repr=False)
    ca_cert: Path | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    retries: int = DEFAULT_RETRIES


@dataclass(frozen=True)
class OpaEndpoint:
    """A checked server address: what the HTTP client needs, and what messages show."""

    shown: str  # the URL as messages name it: scheme://host[:port][/prefix], never credentials
    https: bool
    host: str  # bracketed for IPv6, as it appears in a URL
    port: int
    prefix: str  # "" or "/path" when OPA sits behind a reverse proxy under a path

    @property
    def base(self) -> str:
        return f"{'https' if self.https else 'http'}://{self.host}:{self.port}{self.prefix}"


def _fail(en: str, id_: str) -> CannotJudge:
    return CannotJudge(Text(en, id_))


def check_settings(settings: OpaSettings) -> OpaEndpoint:
    """Validate the options; CannotJudge (exit 2) naming the option to fix."""
    if not settings.url:
        raise _fail(
            "--engine opa needs the server's address: pass --opa-url URL or set SPBE_CHECK_OPA_URL.",
            "--engine opa memerlukan alamat server: berikan --opa-url URL atau atur SPBE_CHECK_OPA_URL.",
        )
    if settings.mode not in OPA_MODES:
        raise _fail(
            f"--opa-mode must be one of {', '.join(OPA_MODES)}, not {settings.mode!r}.",
            f"--opa-mode harus salah satu dari {', '.join(OPA_MODES)}, bukan {settings.mode!r}.",
        )
    if not settings.timeout > 0:
        raise _fail(
            "--opa-timeout must be a positive number of seconds.", "--opa-timeout harus bilangan detik positif."
        )
    if not 0 <= settings.retries <= MAX_RETRIES:
        raise _fail(
            f"--opa-retries must be between 0 and {MAX_RETRIES}.", f"--opa-retries harus antara 0 dan {MAX_RETRIES}."
        )
    try:
        parts = urlsplit(settings.url.strip())
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(
            f"--opa-url {_redact(settings.url)!r} is not an http(s) URL such as https://opa.spbe.go.id.",
            f"--opa-url {_redact(settings.url)!r} bukan URL http(s) seperti https://opa.spbe.go.id.",
        )
    if parts.username or parts.password:
        raise _fail(
            "--opa-url must not carry credentials; pass the token with --opa-token or SPBE_CHECK_OPA_TOKEN.",
            "--opa-url tidak boleh memuat kredensial; berikan token dengan --opa-token atau SPBE_CHECK_OPA_TOKEN.",
        )
    if parts.query or parts.fragment:
        raise _fail(
            "--opa-url must be the server's base address, without ?query or #fragment.",
            "--opa-url harus alamat dasar server, tanpa ?query atau #fragment.",
        )
    https = parts.scheme == "https"
    hostname = parts.hostname
    host = f"[{hostname}]" if ":" in hostname else hostname
    prefix = parts.path.rstrip("/")
    if prefix.endswith("/v1"):
        raise _fail(
            "--opa-url is the server's base address: leave out /v1 (the REST API path is added for you).",
            "--opa-url adalah alamat dasar server: hilangkan /v1 (jalur REST API ditambahkan otomatis).",
        )
    shown = f"{parts.scheme}://{host}{f':{port}' if port else ''}{prefix}"
    endpoint = OpaEndpoint(shown, https, host, port or (443 if https else 80), prefix)
    if settings.token is not None and not _BEARER_TOKEN.fullmatch(settings.token):
        # Said without echoing it: a stray newline or space would otherwise end up in an HTTP library's error.
        raise _fail(
            "The OPA token (--opa-token or SPBE_CHECK_OPA_TOKEN) has characters a bearer token cannot have "
            "(spaces, line breaks, quotes); check how it is stored.",
            "Token OPA (--opa-token atau SPBE_CHECK_OPA_TOKEN) memuat karakter yang tidak mungkin ada pada "
            "token bearer (spasi, baris baru, tanda kutip); periksa cara penyimpanannya.",
        )
    if settings.token and not https and not _is_loopback(hostname):
        raise _fail(
            f"Refusing to send the OPA token in clear text to {shown}: use an https URL.",
            f"Token OPA tidak akan dikirim tanpa enkripsi ke {shown}: gunakan URL https.",
        )
    if settings.ca_cert is not None:
        if not https:
            raise _fail(
                f"--opa-ca-cert applies to https only, but --opa-url is {shown}.",
                f"--opa-ca-cert hanya berlaku untuk https, tetapi --opa-url adalah {shown}.",
            )
        if not settings.ca_cert.is_file():
            raise _fail(
                f"--opa-ca-cert {settings.ca_cert}: no such file (a PEM file of the CA that signed the server's certificate).",
                f"--opa-ca-cert {settings.ca_cert}: berkas tidak ada (berkas PEM dari CA yang menandatangani sertifikat server).",
            )
        overriding = [name for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE") if os.environ.get(name)]
        if overriding:
            # requests lets these variables win over an explicit CA file; refuse rather than ignore the option.
            raise _fail(
                f"--opa-ca-cert is given but {overriding[0]} is set and would take precedence; unset it.",
                f"--opa-ca-cert diberikan tetapi {overriding[0]} diatur dan akan diutamakan; hapus variabel itu.",
            )
    return endpoint


def _is_loopback(hostname: str) -> bool:
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def _redact(url: str) -> str:
    """The URL without any user:password@ part, for messages."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url[:200]
    netloc, slash, path = rest.partition("/")
    return f"{scheme}://{netloc.rpartition('@')[2]}{slash}{path}"[:200]
