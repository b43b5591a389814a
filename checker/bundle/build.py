"""OPA policy bundles: the policies and the data they judge with, in one reproducible .tar.gz.

A central OPA server loads this file (from disk or from a bundle server) and then
judges exactly as the embedded engine does: the same modules, and one `data.json`
holding what `engine_data()` gives the embedded engine (policy configuration plus
the registry index at `data.spbe.registry`).

The archive is reproducible byte for byte: the same policies and registry always
give the same file, so its sha256 can be recorded, compared and signed off.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.model import Text
from checker.policy.policyset import PolicySet

BUNDLE_ROOTS = ("spbe",)
MANIFEST_NAME = "/.manifest"
DATA_NAME = "/data.json"
_FILE_MODE = 0o644


@dataclass(frozen=True)
class BundleInfo:
    """What was written, for the command's summary line."""

    path: Path
    revision: str
    modules: int
    size: int
    sha256: str


def _canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def bundle_entries(
    policies: PolicySet, data: dict[str, Any], revision: str | None = None, metadata: dict[str, Any] | None = None
) -> list[tuple[str, bytes]]:
    """(archive name, bytes) for every file of the bundle, sorted by name.

    CannotJudge when a policy or a data key lies outside the bundle's roots: OPA
    would refuse to activate such a bundle, so we refuse to build it.
    """
    modules = policies.policy_files()
    for policy in modules:
        if not _under_roots(policy.package):
            raise CannotJudge(
                Text(
                    f"Policy {policy.path} declares package {policy.package or '(none)'}, outside the bundle root "
                    f"'{BUNDLE_ROOTS[0]}': OPA would reject the bundle. Use a package under {BUNDLE_ROOTS[0]}.",
                    f"Kebijakan {policy.path} mendeklarasikan paket {policy.package or '(tidak ada)'}, di luar akar "
                    f"bundle '{BUNDLE_ROOTS[0]}': OPA akan menolak bundle. Gunakan paket di bawah {BUNDLE_ROOTS[0]}.",
                )
            )
    outside = sorted(key for key in data if key not in BUNDLE_ROOTS)
    if outside:
        raise CannotJudge(
            Text(
                f"Policy data at data.{outside[0]} is outside the bundle root '{BUNDLE_ROOTS[0]}'; move it under "
                f"{BUNDLE_ROOTS[0]}/.",
                f"Data kebijakan di data.{outside[0]} berada di luar akar bundle '{BUNDLE_ROOTS[0]}'; pindahkan ke "
                f"bawah {BUNDLE_ROOTS[0]}/.",
            )
        )
    manifest: dict[str, Any] = {"revision": revision or policies.revision, "roots": list(BUNDLE_ROOTS)}
    if metadata:
        manifest["metadata"] = metadata
    entries = [(MANIFEST_NAME, _canonical_json(manifest)), (DATA_NAME, _canonical_json(data))]
    entries += [("/" + policy.path, policy.text.encode("utf-8")) for policy in modules]
    return sorted(entries)


def pack(entries: list[tuple[str, bytes]]) -> bytes:
    """A gzipped tarball with nothing that varies between builds: no times, owners or file name."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, content in sorted(entries):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mtime = 0
            info.mode = _FILE_MODE
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.type = tarfile.REGTYPE
            tar.addfile(info, io.BytesIO(content))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


@dataclass(frozen=True)
class Signer:
    """How to sign: a private key (checker.bundle.signing.load_signing_key), OPA's algorithm name and key id."""

    key: Any
    algorithm: str = "RS256"
    key_id: str = "default"


def signed(entries: list[tuple[str, bytes]], signer: Signer | None) -> list[tuple[str, bytes]]:
    """`entries` plus `/.signatures.json` over all of them (OPA's format), when a signer is given.

    The signature covers `.manifest` too, so the pack declarations it carries are signed."""
    if signer is None:
        return entries
    from checker.bundle.signing import SIGNATURES_NAME, sign_files

    files = {name.lstrip("/"): content for name, content in entries}
    signature = sign_files(files, signer.key, signer.algorithm, signer.key_id)
    return sorted([*entries, ("/" + SIGNATURES_NAME, signature)])


def build_bundle(
    policies: PolicySet,
    data: dict[str, Any],
    registry_revision: str,
    revision: str | None = None,
    signer: Signer | None = None,
) -> bytes:
    """The bundle's bytes; its revision defaults to the policy set's, the one `--engine opa` expects.

    The manifest's metadata carries the pack declarations (`packs`), so a server's bundle
    can be checked for being the complete pack, not just any bundle with the right name.
    """
    metadata = {
        "policyRevision": policies.revision,
        "registryRevision": registry_revision,
        "packs": [pack.as_document() for pack in policies.packs],
    }
    return pack(signed(bundle_entries(policies, data, revision, metadata), signer))


def write_bundle(
    output: Path,
    policies_dir: Path,
    registry_source: str | Path,
    revision: str | None = None,
    signer: Signer | None = None,
) -> BundleInfo:
    """Load policies and registry, build the bundle (signed when `signer`) and write it to `output`."""
    from checker.judging.evaluate import engine_data
    from checker.policy.policyset import load_policies
    from checker.registry.load import load_registry

    if revision is not None and not revision.strip():
        raise CannotJudge(Text("--revision must not be empty.", "--revision tidak boleh kosong."))
    policies = load_policies(policies_dir)
    registry = load_registry(registry_source)
    blob = build_bundle(policies, engine_data(policies, registry), registry.revision, revision, signer)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(blob)
    except OSError as err:
        raise CannotJudge(
            Text(f"Cannot write the bundle to {output}: {err}.", f"Bundle tidak dapat ditulis ke {output}: {err}.")
        ) from None
    return BundleInfo(
        output, revision or policies.revision, len(policies.policy_files()), len(blob), hashlib.sha256(blob).hexdigest()
    )


def _under_roots(package: str) -> bool:
    return any(package == root or package.startswith(root + ".") for root in BUNDLE_ROOTS)
