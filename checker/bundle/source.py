"""Where `--policies` points: a folder, an OPA bundle file, or an https URL to a bundle.

Every command takes the policies as a folder (checker/policy/policyset.py); this module turns a
bundle into one. A URL is downloaded through checker/plumbing/remote.py (deadline, same-origin
redirects, size limit, cached with its revision; the cached copy only with `--offline`). With a
verification key only a bundle signed with that key, over exactly its files, is used; a
folder cannot be verified, so it is then refused too (SPEC §5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.model import Text

MAX_BUNDLE_FILE_BYTES = 128 * 1024 * 1024  # compressed
URL_KIND = "policy-bundle"


@dataclass(frozen=True)
class SourceOptions:
    """How to take a bundle: the PEM public key (or certificate) and key id it must be signed with,
    and whether a cached copy may stand in for an unreachable URL."""

    key: Path | None = None
    key_id: str | None = None
    offline: bool = False


def is_url(source: str | Path) -> bool:
    """A URL is downloaded (and refused unless https); anything else is a local path."""
    return str(source).startswith(("https://", "http://"))


def resolve_policies(
    source: str | Path, options: SourceOptions = SourceOptions(), say: Callable[[Text], None] | None = None
) -> Path:
    """A policy folder for `source`; bundles are checked, verified and unpacked into the cache.

    `say` is told which revision of a downloaded bundle is used, and how old a cached copy is.
    """
    from checker.bundle.reader import open_bundle, policy_folder
    from checker.bundle.signing import load_verification_key
    from checker.plumbing.cache import cache_dir

    fetched = None
    label = str(source)
    if is_url(source):
        from checker.plumbing.remote import download, fetch
        from checker.plumbing.secrets import scrub

        label = scrub(label)
        what = Text("the policy bundle", "bundle kebijakan")
        fetched = fetch(str(source), URL_KIND, lambda url: download(url, what, MAX_BUNDLE_FILE_BYTES), options.offline)
        raw = fetched.raw
    else:
        path = Path(source)
        if path.is_dir():
            if options.key is not None:
                raise CannotJudge(
                    Text(
                        f"--verification-key was given but --policies {path} is a folder, which carries no signature. "
                        "Pass the signed bundle (.tar.gz) or its https URL.",
                        f"--verification-key diberikan tetapi --policies {path} adalah folder, yang tidak bertanda tangan. "
                        "Berikan bundle yang ditandatangani (.tar.gz) atau URL https-nya.",
                    )
                )
            return path
        if not path.is_file():
            return path  # load_policies says "Policy folder not found" with the fix
        raw = read_bundle_file(path)
    key = load_verification_key(options.key) if options.key is not None else None
    bundle = open_bundle(raw, label, key, options.key_id)
    if fetched is not None:
        _record(fetched, str(source), bundle.revision, say)
    return policy_folder(bundle, cache_dir())


def _record(fetched: Any, url: str, revision: str, say: Callable[[Text], None] | None) -> None:
    """Keep a verified download with its revision; tell the user what was used."""
    from checker.plumbing.remote import remember

    if fetched.from_cache:
        message = Text(
            f"policies: {fetched.url} is unreachable ({fetched.why_cached}); using the cached copy, "
            f"revision {revision}, downloaded {fetched.age()} ago ({fetched.fetched_at:%Y-%m-%d %H:%M} UTC).",
            f"kebijakan: {fetched.url} tidak dapat dihubungi ({fetched.why_cached}); memakai salinan cache, "
            f"revisi {revision}, diunduh {fetched.age()} yang lalu ({fetched.fetched_at:%Y-%m-%d %H:%M} UTC).",
        )
    else:
        remember(fetched, url, URL_KIND, revision)
        message = Text(
            f"policies: {fetched.url}, revision {revision}, downloaded now.",
            f"kebijakan: {fetched.url}, revisi {revision}, baru diunduh.",
        )
    if say is not None:
        say(message)


def read_bundle_file(path: Path) -> bytes:
    """A local bundle's bytes, within the size limit; CannotJudge when unreadable."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BUNDLE_FILE_BYTES + 1)
    except OSError as err:
        raise CannotJudge(
            Text(
                f"Cannot read the policy bundle {path}: {err.strerror or err}.",
                f"Bundle kebijakan {path} tidak dapat dibaca: {err.strerror or err}.",
            )
        ) from None
    if len(raw) > MAX_BUNDLE_FILE_BYTES:
        raise CannotJudge(
            Text(
                f"The policy bundle {path} is larger than {MAX_BUNDLE_FILE_BYTES >> 20} MiB.",
                f"Bundle kebijakan {path} lebih besar dari {MAX_BUNDLE_FILE_BYTES >> 20} MiB.",
            )
        )
    return raw
