"""Time-limited waivers granted by policy owners, kept outside the manifests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema

from checker.errors import CannotJudge
from checker.judging.manifest import field_path
from checker.judging.patterns import LinearValidator
from checker.model import RuleInfo, Text, Violation, Waiver
from checker.plumbing.paths import SCHEMAS_DIR
from checker.plumbing.yamlsafe import YamlError, decode_utf8, parse_yaml

JAKARTA = ZoneInfo("Asia/Jakarta")
MAX_WAIVER_BYTES = 4 * 1024 * 1024


def today_in_jakarta() -> dt.date:
    """Expiry dates are inclusive in Asia/Jakarta, whatever the CI runner's clock zone."""
    return dt.datetime.now(JAKARTA).date()


def load_waivers(
    path: Path, rules: Mapping[str, RuleInfo] | None = None, today: dt.date | None = None
) -> tuple[Waiver, ...]:
    """Read and validate a WaiverList; CannotJudge (exit 2) when it is unusable.

    With `rules`, each waiver is also held to its rule's limits from METADATA (issue 16.8):
    an unwaivable rule, or a waiver longer than the rule's `maxWaiverDays`, refuses the file.
    """
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CannotJudge(
            Text(
                f"Cannot read the waiver file {path}: {err.strerror}.",
                f"Berkas pengecualian {path} tidak dapat dibaca: {err.strerror}.",
            )
        ) from None
    if len(raw) > MAX_WAIVER_BYTES:
        raise CannotJudge(
            Text(f"The waiver file {path} is larger than 4 MiB.", f"Berkas pengecualian {path} lebih dari 4 MiB.")
        )
    try:
        document = parse_yaml(decode_utf8(raw))
    except YamlError as err:
        raise CannotJudge(
            Text(
                f"The waiver file {path} is not valid YAML (line {err.line}, column {err.column}): {err.message.en}",
                f"Berkas pengecualian {path} bukan YAML yang sah (baris {err.line}, kolom {err.column}): {err.message.id}",
            )
        ) from None
    schema = json.loads((SCHEMAS_DIR / "waivers.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(LinearValidator(schema).iter_errors(document.data))
    if error is not None:
        field = field_path(error.absolute_path)
        line, column = document.positions.get(field, (None, None))
        raise CannotJudge(
            Text(
                f"The waiver file {path} is invalid at {field or 'the top'} (line {line}, column {column}): {error.message}",
                f"Berkas pengecualian {path} tidak sah pada {field or 'bagian atas'} (baris {line}, kolom {column}): {error.message}",
            )
        )
    waivers = []
    for index, item in enumerate(document.data["waivers"]):
        for key in ("expires", "approved"):
            try:
                if key in item:
                    dt.date.fromisoformat(item[key])
            except ValueError:
                line, column = document.positions.get(f"waivers[{index}].{key}", (None, None))
                raise CannotJudge(
                    Text(
                        f"waivers[{index}].{key} in {path} is not a real date (line {line}, column {column}).",
                        f"waivers[{index}].{key} di {path} bukan tanggal yang sah (baris {line}, kolom {column}).",
                    )
                ) from None
        if rules is not None:
            _within_limits(item, index, rules, today or today_in_jakarta(), path, document.positions)
        waivers.append(
            Waiver(
                manifest=item["manifest"],
                rule=item["rule"],
                reason=item["reason"],
                approved_by=item["approvedBy"],
                decree=item["decree"],
                expires=item["expires"],
                agency=item.get("agency"),
                approved=item.get("approved"),
            )
        )
    return tuple(waivers)


def waiver_limit(info: RuleInfo) -> Text:
    """The rule's waiver limit as `rules` and `explain` show it."""
    if not info.waivable:
        return Text("cannot be waived", "tidak dapat dikecualikan")
    if info.max_waiver_days is None:
        return Text("may be waived, without a time limit", "dapat dikecualikan, tanpa batas waktu")
    return Text(
        f"may be waived for at most {info.max_waiver_days} days",
        f"dapat dikecualikan paling lama {info.max_waiver_days} hari",
    )


def _within_limits(
    item: dict[str, Any],
    index: int,
    rules: Mapping[str, RuleInfo],
    today: dt.date,
    path: Path,
    positions: Mapping[str, tuple[int, int]],
) -> None:
    """CannotJudge at the waiver's line when its rule cannot be waived, or not for that long.

    The length runs from `approved` (the decision's date, an audit trail that does not
    shrink as time passes); a waiver without it is measured from today, so an old file
    stays readable but cannot keep a longer waiver alive than a new one could grant.
    """
    info = rules.get(item["rule"])
    if info is None:
        return
    where = f"waivers[{index}]"
    if not info.waivable:
        line, column = positions.get(f"{where}.rule", (None, None))
        raise CannotJudge(
            Text(
                f"The waiver file {path} is refused: {where} (line {line}, column {column}) waives {info.id}, which cannot "
                f"be waived. {info.description.en}".rstrip(),
                f"Berkas pengecualian {path} ditolak: {where} (baris {line}, kolom {column}) mengecualikan {info.id}, yang "
                f"tidak dapat dikecualikan. {info.description.id}".rstrip(),
            )
        )
    limit = info.max_waiver_days
    if limit is None:
        return
    start = dt.date.fromisoformat(item["approved"]) if "approved" in item else today
    expires = dt.date.fromisoformat(item["expires"])
    if "approved" in item and expires < start:
        line, column = positions.get(f"{where}.expires", (None, None))
        raise CannotJudge(
            Text(
                f"The waiver file {path} is refused: {where}.expires (line {line}, column {column}) is before its approved date {start}.",
                f"Berkas pengecualian {path} ditolak: {where}.expires (baris {line}, kolom {column}) sebelum tanggal approved {start}.",
            )
        )
    days = (expires - start).days
    if days > limit:
        line, column = positions.get(f"{where}.expires", (None, None))
        since_en = f"approval on {start}" if "approved" in item else f"today ({start}; the waiver has no approved date)"
        since_id = (
            f"persetujuan pada {start}"
            if "approved" in item
            else f"hari ini ({start}; pengecualian tidak memiliki tanggal approved)"
        )
        latest = start + dt.timedelta(days=limit)
        raise CannotJudge(
            Text(
                f"The waiver file {path} is refused: {where}.expires (line {line}, column {column}) is {days} days after "
                f"{since_en}, but {info.id} may be waived for at most {limit} days. Set expires to {latest} or earlier.",
                f"Berkas pengecualian {path} ditolak: {where}.expires (baris {line}, kolom {column}) berjarak {days} hari dari "
                f"{since_id}, padahal {info.id} paling lama dapat dikecualikan {limit} hari. Isikan expires paling lambat {latest}.",
            )
        )


def unbound_waivers(waivers: tuple[Waiver, ...]) -> list[Text]:
    """One notice per waiver written before waivers named their agency (SPEC §4): still read, never silently."""
    return [
        Text(
            f"Waiver {w.decree} ({w.manifest}, {w.rule}) is not bound to an agency: add `agency:` with the "
            "manifest's metadata.agency.code. The gate does not apply it to a manifest that the change under review adds.",
            f"Pengecualian {w.decree} ({w.manifest}, {w.rule}) tidak terikat pada instansi: tambahkan `agency:` berisi "
            "metadata.agency.code manifes. Gerbang tidak menerapkannya pada manifes yang ditambahkan oleh perubahan yang ditinjau.",
        )
        for w in waivers
        if w.agency is None
    ]


def _refusal(waiver: Waiver, agency: str, new_proposal: bool) -> Text | None:
    """Why a waiver with the right manifest id and rule still does not apply to this manifest, or None."""
    if waiver.agency is not None and waiver.agency != agency:
        return Text(
            f"waiver {waiver.decree} was granted to agency {waiver.agency}, not to this manifest's agency {agency}; not applied",
            f"pengecualian {waiver.decree} diberikan kepada instansi {waiver.agency}, bukan instansi manifes ini {agency}; tidak diterapkan",
        )
    if waiver.agency is None and new_proposal:
        return Text(
            f"waiver {waiver.decree} is not bound to an agency and this change adds the manifest; not applied "
            f'until the policy owners add agency: "{agency}" to it',
            f"pengecualian {waiver.decree} tidak terikat pada instansi dan perubahan ini menambahkan manifesnya; "
            f'tidak diterapkan sampai pemilik kebijakan menambahkan agency: "{agency}"',
        )
    return None


def apply_waivers(
    manifest_id: str,
    violations: list[Violation],
    waivers: tuple[Waiver, ...],
    today: dt.date,
    *,
    agency: str,
    new_proposal: bool,
) -> list[Violation]:
    """Mark each violation covered by a valid waiver bound to this manifest; say why others do not apply.

    A waiver binds to the manifest id *and* its agency (SPEC §4), so a proposal that takes
    another agency's id cannot borrow its waivers. `new_proposal` is true when the change
    under review adds the manifest: a waiver not bound to any agency is then refused too.
    """
    out = []
    for violation in violations:
        matching = [w for w in waivers if w.manifest == manifest_id and w.rule == violation.rule]
        refused = [(w, why) for w in matching if (why := _refusal(w, agency, new_proposal)) is not None]
        usable = [w for w in matching if all(w is not r for r, _ in refused)]
        valid = [w for w in usable if dt.date.fromisoformat(w.expires) >= today]
        expired = [w for w in usable if dt.date.fromisoformat(w.expires) < today]
        if valid:
            chosen = max(valid, key=lambda w: w.expires)
            note = (
                None
                if chosen.agency is not None
                else Text(
                    f'waiver {chosen.decree} is not bound to an agency; add agency: "{agency}" to it',
                    f'pengecualian {chosen.decree} tidak terikat pada instansi; tambahkan agency: "{agency}"',
                )
            )
            violation = dataclasses.replace(violation, waiver=chosen, waiver_note=note)
        else:
            if expired:
                violation = dataclasses.replace(violation, expired_waiver=max(expired, key=lambda w: w.expires))
            if refused:
                waiver, why = refused[0]
                violation = dataclasses.replace(violation, refused_waiver=waiver, waiver_note=why)
        out.append(violation)
    return out
