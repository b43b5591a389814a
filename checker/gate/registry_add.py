"""After merge: approved manifests enter the registry, so the next proposal is judged against them.

`spbe-check registry add` judges the manifests against the registry it is about to
change and refuses (exit 1, nothing written) any manifest that is not `pass` or `warn`,
and any application id that is already registered. Each manifest becomes one
application record (see `app_record`); a `replacement` retires the applications it
replaces. The registry is written back atomically in the format it was read in.

Id scheme: `APP-` + metadata.id upper-cased (`karawang-lapor-warga` ->
`APP-KARAWANG-LAPOR-WARGA`). Registry ids are at most 63 characters; a longer one
keeps its first characters and ends with 8 hex digits of the slug's SHA-256, so it stays
unique and stable.
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.judging.manifest import Manifest, read_manifest
from checker.judging.waivers import today_in_jakarta
from checker.model import Report, Text, agency_level
from checker.registry.load import check_registry, registry_bytes, write_atomically

ID_PREFIX = "APP-"
MAX_ID_LENGTH = 63
ADMITTED = ("pass", "warn")


def app_id(manifest_id: str, prefix: str = ID_PREFIX) -> str:
    """The registry id of an approved manifest: prefix + upper-cased slug, hashed down to 63 characters."""
    candidate = prefix + manifest_id.upper()
    if len(candidate) <= MAX_ID_LENGTH:
        return candidate
    digest = hashlib.sha256(manifest_id.encode()).hexdigest()[:8].upper()
    return candidate[: MAX_ID_LENGTH - 9].rstrip("-") + "-" + digest


def app_record(manifest: Manifest, file: str, prefix: str = ID_PREFIX) -> dict[str, Any]:
    """The registry application a manifest describes, active and not shared (a shared service is declared by its owner)."""
    meta, spec = manifest.data["metadata"], manifest.data["spec"]
    hosting = {k: spec["hosting"][k] for k in ("provider", "site", "drSite", "country") if k in spec["hosting"]}
    record: dict[str, Any] = {
        "id": app_id(meta["id"], prefix),
        "name": meta["name"],
        "description": " ".join(str(spec.get("description", "")).split()),
        "agency": {
            "code": meta["agency"]["code"],
            "name": meta["agency"]["name"],
            "level": agency_level(meta["agency"]["code"]),
        },
        "functions": list(spec["functions"]),
        "status": "active",
        "shared": False,
        "audience": spec["audience"],
        "channels": list(spec["channels"]),
        "hosting": hosting,
        "manifest": {"id": meta["id"], "file": file, "kind": spec["kind"]},
    }
    if spec.get("extends"):
        record["extends"] = spec["extends"]
    return record


@dataclass
class Plan:
    """What `registry add` will do, decided before anything is written."""

    added: list[dict[str, Any]] = field(default_factory=list)
    retired: list[tuple[str, str]] = field(default_factory=list)  # (retired id, by new id)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (id, file) already registered
    refused: list[tuple[str, Text]] = field(default_factory=list)  # (file, why)


def triage_existing(doc: dict[str, Any], manifests: dict[str, Manifest], prefix: str, skip_existing: bool) -> Plan:
    """Before judging: manifests whose id is already registered are refused (or skipped on a re-run).

    Checked first because a registered manifest would otherwise be judged against its own
    record and fail as a duplicate of itself, which hides the real reason.
    """
    plan = Plan()
    existing = {app["id"]: app for app in doc["apps"]}
    for file, manifest in manifests.items():
        rid = app_id(manifest.id, prefix)
        if rid not in existing:
            continue
        previous = (existing[rid].get("manifest") or {}).get("id")
        if skip_existing and previous == manifest.id:
            plan.skipped.append((rid, file))
        else:
            plan.refused.append(
                (
                    file,
                    Text(
                        f"{file}: {rid} is already in the registry; ids are never reused.",
                        f"{file}: {rid} sudah ada di registri; id tidak pernah dipakai ulang.",
                    ),
                )
            )
    return plan


def plan_additions(
    doc: dict[str, Any], report: Report, manifests: dict[str, Manifest], prefix: str, plan: Plan | None = None
) -> Plan:
    """Refuse what may not enter (verdict, duplicate ids); otherwise the records to add and apps to retire."""
    plan = plan or Plan()
    existing = {app["id"]: app for app in doc["apps"]}
    new_ids: dict[str, str] = {}
    for result in report.results:
        if result.verdict not in ADMITTED:
            plan.refused.append(
                (
                    result.file,
                    Text(
                        f"{result.file}: verdict {result.verdict}; only pass or warn may enter the registry.",
                        f"{result.file}: putusan {result.verdict}; hanya lulus atau peringatan yang boleh masuk registri.",
                    ),
                )
            )
            continue
        manifest = manifests[result.file]
        record = app_record(manifest, result.file, prefix)
        rid = record["id"]
        if rid in existing or rid in new_ids:
            other = new_ids.get(rid, "the registry")
            plan.refused.append(
                (
                    result.file,
                    Text(
                        f"{result.file}: {rid} is already used by {other}.",
                        f"{result.file}: {rid} sudah dipakai oleh {other}.",
                    ),
                )
            )
            continue
        new_ids[rid] = result.file
        plan.added.append(record)
        if manifest.data["spec"].get("kind") == "replacement":
            for old in manifest.data["spec"].get("replaces") or []:
                if old in existing and existing[old].get("status") == "active":
                    plan.retired.append((old, rid))
    return plan


def apply_plan(doc: dict[str, Any], plan: Plan, revision: str) -> dict[str, Any]:
    """A new registry document with the plan applied (the input is not modified)."""
    out = copy.deepcopy(doc)
    by_id = {app["id"]: app for app in out["apps"]}
    for old, new in plan.retired:
        by_id[old]["status"] = "retired"
        by_id[old]["replacedBy"] = new
    out["apps"].extend(copy.deepcopy(plan.added))
    out["metadata"]["revision"] = revision
    return out


def next_revision(current: str, today: dt.date | None = None) -> str:
    """Today's date (Asia/Jakarta); a second update on the same day gets `.2`, `.3`, …"""
    day = (today or today_in_jakarta()).isoformat()
    if current == day:
        return f"{day}.2"
    match = re.fullmatch(re.escape(day) + r"\.(\d+)", current)
    return f"{day}.{int(match.group(1)) + 1}" if match else day


# --- reading and writing the registry file -------------------------------------------------------


@dataclass(frozen=True)
class RegistryFile:
    """A registry document and how it was stored, so it is written back the same way."""

    path: Path
    doc: dict[str, Any]
    kind: str  # "json" | "yaml"
    gzipped: bool
    indent: int | None


def read_registry_file(path: Path) -> RegistryFile:
    """Read a local registry file for updating; CannotJudge when it is missing or unusable."""
    from checker.registry.load import parse_registry

    if str(path).startswith(("https://", "http://")):
        raise CannotJudge(
            Text(
                "`registry add` updates a local registry file; a URL cannot be written. Pass --registry FILE.",
                "`registry add` memperbarui berkas registri lokal; URL tidak dapat ditulis. Berikan --registry BERKAS.",
            )
        )
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CannotJudge(
            Text(
                f"Cannot read the registry {path}: {err.strerror}. Pass --registry FILE.",
                f"Registri {path} tidak dapat dibaca: {err.strerror}. Berikan --registry BERKAS.",
            )
        ) from None
    registry = parse_registry(raw, str(path))  # all the loader's checks and limits
    gzipped = raw[:2] == b"\x1f\x8b"
    head = (gzip.decompress(raw) if gzipped else raw)[:4096].decode("utf-8", "replace").lstrip("\ufeff")
    is_json = head.lstrip().startswith("{")
    indent_match = re.search(r"\n( +)\"", head) if is_json else None
    return RegistryFile(
        path, registry.doc, "json" if is_json else "yaml", gzipped, len(indent_match.group(1)) if indent_match else None
    )


def write_registry_file(original: RegistryFile, doc: dict[str, Any]) -> None:
    """Check the new document like any registry, then replace the file atomically."""
    check_registry(doc, str(original.path))
    write_atomically(
        original.path, registry_bytes(doc, kind=original.kind, gzipped=original.gzipped, indent=original.indent)
    )


def read_manifests(targets: list[Any]) -> dict[str, Manifest]:
    """The targets that parse as manifests, by reported file (the others are reported invalid when judged)."""
    out: dict[str, Manifest] = {}
    for target in targets:
        item = read_manifest(target.path, target.file)
        if isinstance(item, Manifest):
            out[target.file] = item
    return out


def plan_update(
    doc: dict[str, Any],
    targets: list[Any],
    policies: Path,
    registry_source: str,
    waivers: Path | None,
    engine: str,
    prefix: str,
    skip_existing: bool,
) -> tuple[Plan, Report | None]:
    """Everything `registry add` decides before writing: triage by id, judge the rest against this registry, plan.

    Returns the plan and the report of the manifests that were judged (None when every one
    was settled by its id, so nothing needed judging).
    """
    from checker.judging.evaluate import open_judge

    parsed = read_manifests(targets)
    plan = triage_existing(doc, parsed, prefix, skip_existing)
    settled = {file for _, file in plan.skipped} | {file for file, _ in plan.refused}
    remaining = [t for t in targets if t.file not in settled]
    if not remaining:
        return plan, None
    report = open_judge(policies, registry_source, waivers, engine).check(remaining)
    return plan_additions(doc, report, parsed, prefix, plan), report
