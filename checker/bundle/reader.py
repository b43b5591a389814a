"""Reading an OPA bundle (.tar.gz) that someone else built: untrusted until proven otherwise.

A bundle may come from a bundle server or a colleague. Before anything is judged with
it, every member is checked: no path that escapes (`..`, absolute, backslashes), no
symbolic or hard links or devices, no duplicate names, no member or total larger than
the limits, a `.manifest` present; with a verification key, the OPA signature must
cover exactly its files (checker/bundle/signing.py). Only then are the policies and
their data written, into a fresh private folder in the cache, removed at exit.
"""

from __future__ import annotations

import atexit
import gzip
import hashlib
import io
import json
import posixpath
import re
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.bundle.signing import MANIFEST_NAME, SIGNATURES_NAME, verify_files
from checker.errors import CannotJudge
from checker.model import Text

MAX_BUNDLE_BYTES = 256 * 1024 * 1024  # decompressed tar stream
MAX_MEMBER_BYTES = 128 * 1024 * 1024
MAX_MEMBERS = 5_000
_PACK_NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")


def _bad(label: str, en: str, id_: str) -> CannotJudge:
    return CannotJudge(
        Text(
            f"Refusing the bundle {label}: {en} Nothing was judged.",
            f"Bundle {label} ditolak: {id_} Tidak ada yang dinilai.",
        )
    )


@dataclass(frozen=True)
class BundleContents:
    """A bundle's files by name (no leading slash), its manifest and its hash."""

    files: dict[str, bytes]
    manifest: dict[str, Any]
    sha256: str
    signed_by: str | None = None  # the verified key id, when a verification key was given

    @property
    def revision(self) -> str:
        return str(self.manifest.get("revision", ""))


def _member_name(raw: str, label: str) -> str:
    name = raw
    while name.startswith("./"):
        name = name[2:]
    name = name.lstrip("/")
    parts = name.split("/")
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or ".." in parts
        or name != posixpath.normpath(name)
        or (len(name) > 1 and name[1] == ":")
    ):
        raise _bad(
            label,
            f"member {raw!r} has an unsafe path (.., absolute or not normalised).",
            f"anggota {raw!r} memiliki jalur tidak aman (.., absolut, atau tidak normal).",
        )
    return name


def read_bundle(raw: bytes, label: str) -> dict[str, bytes]:
    """name -> bytes for every regular file of the .tar.gz `raw`; CannotJudge on anything unsafe."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            tar_bytes = handle.read(MAX_BUNDLE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise _bad(
            label, f"it is not a gzip-compressed tar file ({err}).", f"bukan berkas tar terkompresi gzip ({err})."
        ) from None
    if len(tar_bytes) > MAX_BUNDLE_BYTES:
        raise _bad(
            label,
            f"it decompresses to more than {MAX_BUNDLE_BYTES >> 20} MiB.",
            f"hasil dekompresinya lebih dari {MAX_BUNDLE_BYTES >> 20} MiB.",
        )
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:") as tar:
            for count, member in enumerate(tar, start=1):
                if count > MAX_MEMBERS:
                    raise _bad(label, f"more than {MAX_MEMBERS} members.", f"lebih dari {MAX_MEMBERS} anggota.")
                if member.isdir():
                    if member.name.strip("./"):
                        _member_name(member.name.rstrip("/"), label)
                    continue
                name = _member_name(member.name, label)
                if member.issym() or member.islnk():
                    raise _bad(
                        label,
                        f"{name} is a link; a bundle holds regular files only.",
                        f"{name} adalah tautan; bundle hanya memuat berkas biasa.",
                    )
                if not member.isreg():
                    raise _bad(label, f"{name} is not a regular file.", f"{name} bukan berkas biasa.")
                if member.size > MAX_MEMBER_BYTES:
                    raise _bad(
                        label,
                        f"{name} is {member.size} bytes, over the {MAX_MEMBER_BYTES}-byte limit.",
                        f"{name} berukuran {member.size} bita, melebihi batas {MAX_MEMBER_BYTES} bita.",
                    )
                if name in files:
                    raise _bad(
                        label,
                        f"{name} appears twice; which copy OPA would use is ambiguous.",
                        f"{name} muncul dua kali; salinan mana yang dipakai OPA menjadi ambigu.",
                    )
                extracted = tar.extractfile(member)
                files[name] = extracted.read() if extracted is not None else b""
    except tarfile.TarError as err:
        raise _bad(label, f"it is not a valid tar archive ({err}).", f"bukan arsip tar yang sah ({err}).") from None
    if MANIFEST_NAME not in files:
        raise _bad(
            label,
            f"it has no {MANIFEST_NAME}, so its revision and roots are unknown.",
            f"tidak memiliki {MANIFEST_NAME}, sehingga revisi dan akarnya tidak diketahui.",
        )
    return files


def open_bundle(raw: bytes, label: str, verification_key: Any = None, key_id: str | None = None) -> BundleContents:
    """Read, check and (with a key) verify a bundle; CannotJudge on any doubt."""
    files = read_bundle(raw, label)
    try:
        manifest = json.loads(files[MANIFEST_NAME].decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not an object")
    except (UnicodeDecodeError, ValueError) as err:
        raise _bad(
            label,
            f"its {MANIFEST_NAME} is not a JSON object ({err}).",
            f"{MANIFEST_NAME}-nya bukan objek JSON ({err}).",
        ) from None
    signed_by = None
    if verification_key is not None:
        payload = verify_files(files, verification_key, key_id, f"the bundle {label}")
        signed_by = str(payload.get("keyid", key_id or ""))
    return BundleContents(files, manifest, hashlib.sha256(raw).hexdigest(), signed_by)


def policy_folder(bundle: BundleContents, cache_root: Path) -> Path:
    """The bundle's policy files as a policy folder: a fresh private folder under `cache_root`.

    Unpacked again on every run, right after the bytes were checked (and verified), and
    removed when the process ends: a folder left in the cache is never trusted later, so
    whoever can write to the cache cannot swap the policies a signature vouched for. The
    registry index an OPA bundle carries (`data.spbe.registry`) is left out: the registry
    always comes from --registry, so a bundle judges like the folder it was built from.
    """
    parent = cache_root / "bundles"
    parent.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix=f"{bundle.sha256[:16]}-", dir=parent))  # mode 0700
    atexit.register(shutil.rmtree, target, True)
    root = target.resolve()
    try:
        for name, content in sorted(bundle.files.items()):
            if name in (MANIFEST_NAME, SIGNATURES_NAME):  # the bundle's own bookkeeping, not policy files
                continue
            if name == "data.json":
                content = _without_registry(content, name)
            path = (target / name).resolve()
            if not path.is_relative_to(root):  # read_bundle already refused it; belt and braces
                raise CannotJudge(
                    Text(
                        f"Bundle member {name} would be written outside the cache.",
                        f"Anggota bundle {name} akan ditulis di luar cache.",
                    )
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        for rel, document in _pack_declarations(bundle):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def _pack_declarations(bundle: BundleContents) -> list[tuple[str, dict[str, Any]]]:
    """(path, document) of the pack declarations the bundle's manifest carries (`metadata.packs`),
    for those not also in the bundle as files: the unpacked folder is then the complete pack
    it was built from, and loading it checks that it still is."""
    metadata = bundle.manifest.get("metadata")
    packs = metadata.get("packs") if isinstance(metadata, dict) else None
    found = []
    for document in packs if isinstance(packs, list) else []:
        name = document.get("pack") if isinstance(document, dict) else None
        if isinstance(name, str) and _PACK_NAME.fullmatch(name):  # only [a-z0-9_] segments: no path tricks
            rel = name.replace(".", "/") + "/pack.json"
            if rel not in bundle.files:
                found.append((rel, document))
    return found


def _without_registry(content: bytes, name: str) -> bytes:
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise CannotJudge(
            Text(f"The bundle's {name} is not valid JSON ({err}).", f"{name} dalam bundle bukan JSON yang sah ({err}).")
        ) from None
    if isinstance(data, dict) and isinstance(data.get("spbe"), dict):
        data["spbe"] = {k: v for k, v in data["spbe"].items() if k != "registry"}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
