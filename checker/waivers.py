"""Time-limited waivers granted by policy owners, kept outside the manifests."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema

from checker.errors import CannotJudge
from checker.manifest import field_path
from checker.model import Text, Violation, Waiver
from checker.paths import SCHEMAS_DIR
from checker.patterns import LinearValidator
from checker.yamlsafe import YamlError, decode_utf8, parse_yaml

JAKARTA = ZoneInfo("Asia/Jakarta")
MAX_WAIVER_BYTES = 4 * 1024 * 1024


def today_in_jakarta() -> dt.date:
    """Expiry dates are inclusive in Asia/Jakarta, whatever the CI runner's clock zone."""
    return dt.datetime.now(JAKARTA).date()


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """Read and validate a WaiverList; CannotJudge (exit 2) when it is unusable."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CannotJudge(Text(f"Cannot read the waiver file {path}: {err.strerror}.",
                               f"Berkas pengecualian {path} tidak dapat dibaca: {err.strerror}.")) from None
    if len(raw) > MAX_WAIVER_BYTES:
        raise CannotJudge(Text(f"The waiver file {path} is larger than 4 MiB.", f"Berkas pengecualian {path} lebih dari 4 MiB."))
    try:
        document = parse_yaml(decode_utf8(raw))
    except YamlError as err:
        raise CannotJudge(Text(f"The waiver file {path} is not valid YAML (line {err.line}, column {err.column}): {err.message.en}",
                               f"Berkas pengecualian {path} bukan YAML yang sah (baris {err.line}, kolom {err.column}): {err.message.id}")) from None
    schema = json.loads((SCHEMAS_DIR / "waivers.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(LinearValidator(schema).iter_errors(document.data))
    if error is not None:
        field = field_path(error.absolute_path)
        line, column = document.positions.get(field, (None, None))
        raise CannotJudge(Text(f"The waiver file {path} is invalid at {field or 'the top'} (line {line}, column {column}): {error.message}",
                               f"Berkas pengecualian {path} tidak sah pada {field or 'bagian atas'} (baris {line}, kolom {column}): {error.message}"))
    waivers = []
    for index, item in enumerate(document.data["waivers"]):
        try:
            dt.date.fromisoformat(item["expires"])
        except ValueError:
            line, column = document.positions.get(f"waivers[{index}].expires", (None, None))
            raise CannotJudge(Text(f"waivers[{index}].expires in {path} is not a real date (line {line}, column {column}).",
                                   f"waivers[{index}].expires di {path} bukan tanggal yang sah (baris {line}, kolom {column}).")) from None
        waivers.append(Waiver(manifest=item["manifest"], rule=item["rule"], reason=item["reason"],
                              approved_by=item["approvedBy"], decree=item["decree"], expires=item["expires"]))
    return tuple(waivers)


def apply_waivers(manifest_id: str, violations: list[Violation], waivers: tuple[Waiver, ...],
                  today: dt.date) -> list[Violation]:
    """Mark each violation covered by a valid waiver; note matching ones that expired."""
    out = []
    for violation in violations:
        matching = [w for w in waivers if w.manifest == manifest_id and w.rule == violation.rule]
        valid = [w for w in matching if dt.date.fromisoformat(w.expires) >= today]
        expired = [w for w in matching if dt.date.fromisoformat(w.expires) < today]
        if valid:
            violation = dataclasses.replace(violation, waiver=max(valid, key=lambda w: w.expires))
        elif expired:
            violation = dataclasses.replace(violation, expired_waiver=max(expired, key=lambda w: w.expires))
        out.append(violation)
    return out
