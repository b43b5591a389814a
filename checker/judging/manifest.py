"""Reading one manifest: bounded, safe YAML, the JSON Schema, and positions.

A manifest that cannot be read or does not match the schema is `invalid`; the
problems are reported as SPBE-SCH-* violations that point at the line to fix.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import json
import os
import stat
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

import jsonschema

from checker.judging.fingerprints import decode_like_node, line_hashes
from checker.judging.invisible import describe, invisible_in
from checker.judging.patterns import FastValidator, LinearValidator
from checker.model import RuleInfo, Text, Violation
from checker.plumbing.paths import MANIFEST_SCHEMA
from checker.plumbing.yamlsafe import Positions, YamlError, decode_utf8, parse_yaml, position_of

MAX_MANIFEST_BYTES = 256 * 1024
MAX_SCHEMA_ERRORS = 50
API_VERSION = "spbe.go.id/v1"
KIND = "ApplicationProposal"

SCH_UNREADABLE = "SPBE-SCH-001"
SCH_NOT_A_MANIFEST = "SPBE-SCH-002"
SCH_SCHEMA = "SPBE-SCH-003"
SCH_DUPLICATE_ID = "SPBE-SCH-004"


def _rule(rid: str, title: tuple[str, str], description: tuple[str, str], remediation: tuple[str, str]) -> RuleInfo:
    # Not waivable: an invalid manifest is never judged, so there is nothing a waiver could cover.
    return RuleInfo(
        id=rid,
        family="SCH",
        severity="deny",
        title=Text(*title),
        description=Text(*description),
        remediation=Text(*remediation),
        reference="SPEC §1 (manifest format)",
        package="(built in)",
        source="checker/judging/manifest.py",
        waivable=False,
    )


SCHEMA_RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        _rule(
            SCH_UNREADABLE,
            ("The manifest can be read", "Manifes dapat dibaca"),
            (
                "A manifest is one UTF-8 YAML document of at most 256 KiB, without aliases, custom tags or duplicate keys.",
                "Manifes adalah satu dokumen YAML UTF-8 berukuran paling besar 256 KiB, tanpa alias, tag khusus, atau kunci ganda.",
            ),
            (
                "Fix the YAML at the line shown; keep one application per file.",
                "Perbaiki YAML pada baris yang ditunjukkan; tulis satu aplikasi per berkas.",
            ),
        ),
        _rule(
            SCH_NOT_A_MANIFEST,
            ("The file is an application proposal", "Berkas adalah usulan aplikasi"),
            (
                f"A manifest starts with apiVersion: {API_VERSION} and kind: {KIND}.",
                f"Manifes diawali dengan apiVersion: {API_VERSION} dan kind: {KIND}.",
            ),
            (
                "Copy one of the examples in manifests/ or run `spbe-check init`; keep other files out of the manifests folder.",
                "Salin salah satu contoh di manifests/ atau jalankan `spbe-check init`; jangan taruh berkas lain di folder manifes.",
            ),
        ),
        _rule(
            SCH_SCHEMA,
            ("The manifest matches the schema", "Manifes sesuai skema"),
            (
                (
                    "Every field is known, has the right type and allowed value; unknown fields are errors so typos are caught. "
                    "The keys of spec.uses are capabilities of the registry's capability catalogue."
                ),
                (
                    "Setiap kolom dikenal, bertipe benar, dan bernilai yang diizinkan; kolom tak dikenal adalah kesalahan agar salah ketik tertangkap. "
                    "Kunci spec.uses adalah kapabilitas dari katalog kapabilitas registri."
                ),
            ),
            (
                "Fix the field at the line shown; see the field list in README.md or checker/schemas/manifest.schema.json.",
                "Perbaiki kolom pada baris yang ditunjukkan; lihat daftar kolom di README.md atau checker/schemas/manifest.schema.json.",
            ),
        ),
        _rule(
            SCH_DUPLICATE_ID,
            ("Manifest ids are unique", "Id manifes unik"),
            (
                "Two manifests with the same metadata.id cannot both be judged or waived.",
                "Dua manifes dengan metadata.id yang sama tidak dapat dinilai atau dikecualikan bersama.",
            ),
            ("Give each manifest its own metadata.id.", "Berikan metadata.id yang berbeda untuk setiap manifes."),
        ),
    )
}


@dataclass(frozen=True)
class Manifest:
    """A manifest that matched the schema."""

    file: str  # as shown in reports
    path: Path  # where it was read from
    data: dict[str, Any]
    positions: Positions
    ends: Positions = dc_field(default_factory=dict)
    text: str | None = dc_field(default=None, repr=False, compare=False)  # as GitHub's upload action reads it

    @property
    def id(self) -> str:
        slug: str = self.data["metadata"]["id"]  # a string: the manifest passed the schema
        return slug

    @property
    def agency(self) -> str:
        return str(self.data["metadata"]["agency"]["code"])

    def position(self, field: str) -> tuple[int | None, int | None]:
        return position_of(self.positions, field)

    def locate(self, violations: Iterable[Violation], hash_lines: bool = True) -> tuple[Violation, ...]:
        return locate(violations, self.positions, self.ends, self.text if hash_lines else None)


@dataclass(frozen=True)
class Rejected:
    """A file that is `invalid`, with the reasons."""

    file: str
    id: str | None
    violations: tuple[Violation, ...]


def locate(
    violations: Iterable[Violation], positions: Positions, ends: Positions, text: str | None
) -> tuple[Violation, ...]:
    """Add where each violation's value ends, and GitHub's line hash, so code scanning marks the exact
    value and keeps one alert per problem across pushes. Without `text` no line hash is added: only
    SARIF carries it, and it costs about a quarter of a millisecond per KiB."""
    violations = tuple(violations)
    hashes = line_hashes(text) if text is not None and any(v.line for v in violations) else []  # ~1 ms per KiB
    out = []
    for v in violations:
        end = ends.get(v.field) if v.field in positions and positions[v.field] == (v.line, v.column) else None
        line_hash = hashes[v.line - 1] if v.line is not None and 0 < v.line <= len(hashes) else None
        out.append(
            replace(v, end_line=end[0] if end else None, end_column=end[1] if end else None, line_hash=line_hash)
        )
    return tuple(out)


def field_path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_manifest(path: Path, file: str) -> Manifest | Rejected:
    """Read and validate one manifest. Never raises for bad content."""
    raw: bytes | None = None
    try:
        raw = _read_bounded(path)
        document = parse_yaml(decode_utf8(raw))
    except YamlError as err:
        found = (_violation(SCH_UNREADABLE, err.message, "", err.line, err.column),)
        return Rejected(file, None, locate(found, {}, {}, decode_like_node(raw) if raw is not None else None))
    data, positions, ends = document.data, document.positions, document.ends
    text = decode_like_node(raw)
    manifest_id = _declared_id(data)
    not_manifest = _not_a_manifest(data, positions)
    if not_manifest:
        return Rejected(file, manifest_id, locate((not_manifest,), positions, ends, text))
    invisible = invisible_violations(data, positions)
    # A field holding an invisible character is reported once, by the message that names the character.
    problems = schema_violations(data, positions, skip_patterns_for={v.field for v in invisible})
    problems = sorted(problems + invisible, key=lambda v: (v.line or 0, v.column or 0, v.field))[:MAX_SCHEMA_ERRORS]
    if problems:
        return Rejected(file, manifest_id, locate(problems, positions, ends, text))
    return Manifest(file, path, data, positions, ends, text)


def _read_bounded(path: Path) -> bytes:
    try:
        info = os.lstat(path)
    except OSError as err:
        raise YamlError(
            Text(f"Cannot read the file: {err.strerror}.", f"Berkas tidak dapat dibaca: {err.strerror}.")
        ) from None
    if stat.S_ISLNK(info.st_mode):
        raise YamlError(
            Text(
                "The manifest is a symbolic link; commit the file itself.",
                "Manifes berupa tautan simbolik; simpan berkas aslinya.",
            )
        )
    if not stat.S_ISREG(info.st_mode):
        raise YamlError(Text("The manifest is not a regular file.", "Manifes bukan berkas biasa."))
    if info.st_size > MAX_MANIFEST_BYTES:
        raise YamlError(_too_large(info.st_size))
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
    except OSError as err:
        raise YamlError(
            Text(f"Cannot read the file: {err.strerror}.", f"Berkas tidak dapat dibaca: {err.strerror}.")
        ) from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise YamlError(_too_large(len(raw)))
    return raw


def _too_large(size: int) -> Text:
    limit = MAX_MANIFEST_BYTES // 1024
    return Text(
        f"The manifest is {size} bytes; the limit is {limit} KiB.",
        f"Manifes berukuran {size} bita; batasnya {limit} KiB.",
    )


def _declared_id(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("metadata"), dict):
        value = data["metadata"].get("id")
        return value if isinstance(value, str) and len(value) <= 63 else None
    return None


def _not_a_manifest(data: Any, positions: Positions) -> Violation | None:
    if isinstance(data, dict) and data.get("apiVersion") == API_VERSION and data.get("kind") == KIND:
        return None
    looks_like = _looks_like(data)
    hint_en = f" It looks like {looks_like[0]}." if looks_like else ""
    hint_id = f" Berkas ini tampaknya {looks_like[1]}." if looks_like else ""
    field = "kind" if isinstance(data, dict) and data.get("apiVersion") == API_VERSION else "apiVersion"
    line, column = position_of(positions, field)
    return _violation(
        SCH_NOT_A_MANIFEST,
        Text(
            f"This is not an application manifest: it needs apiVersion: {API_VERSION} and kind: {KIND}.{hint_en}",
            f"Ini bukan manifes aplikasi: harus ada apiVersion: {API_VERSION} dan kind: {KIND}.{hint_id}",
        ),
        field,
        line or 1,
        column or 1,
    )


def _looks_like(data: Any) -> tuple[str, str] | None:
    if not isinstance(data, dict):
        return ("a YAML list or value, not a mapping", "daftar atau nilai YAML, bukan pemetaan")
    if "openapi" in data or "swagger" in data:
        return ("an OpenAPI document", "dokumen OpenAPI")
    if data.get("kind") == "Registry":
        return ("a registry file", "berkas registri")
    if data.get("kind") == "WaiverList":
        return ("a waiver list", "daftar pengecualian")
    return None


@functools.lru_cache(maxsize=1)
def manifest_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))
    return schema


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return LinearValidator(manifest_schema())


# A process pays about 20 ms to load jsonschema-rs: the first documents it validates go straight
# to jsonschema (0.6 ms each), so a `check` of a few files never loads it.
FAST_AFTER = 20
_documents_seen = itertools.count(1)


@functools.lru_cache(maxsize=1)
def _fast_validator() -> FastValidator:
    return FastValidator(manifest_schema())


def _confirmed_valid(data: Any) -> bool:
    return next(_documents_seen) > FAST_AFTER and _fast_validator().is_valid(data)


def schema_violations(
    data: Any, positions: Positions, skip_patterns_for: AbstractSet[str] = frozenset()
) -> list[Violation]:
    """Schema errors as SPBE-SCH-003 violations, in file order (pattern errors of `skip_patterns_for` left out).

    Once a process has validated FAST_AFTER documents, a valid one (nearly every one) is confirmed
    by the compiled validator and only an invalid one is walked by jsonschema, whose errors say
    where and why (patterns.FastValidator): the same answer, a tenth of the time.
    """
    if _confirmed_valid(data):
        return []
    out: list[Violation] = []
    for error in _validator().iter_errors(data):
        if error.validator == "pattern" and field_path(error.absolute_path) in skip_patterns_for:
            continue
        for field, message in _explain(error):
            line, column = position_of(positions, field)
            out.append(_violation(SCH_SCHEMA, message, field, line, column))
    out.sort(key=lambda v: (v.line or 0, v.column or 0, v.field))
    unique = list(dict.fromkeys(out))
    return unique[:MAX_SCHEMA_ERRORS]


def invisible_violations(data: Any, positions: Positions) -> list[Violation]:
    """SPBE-SCH-003 for text a reviewer cannot see (format, default-ignorable and control characters)."""
    out = []
    for field, index, char in invisible_in(data):
        line, column = position_of(positions, field)
        out.append(
            _violation(
                SCH_SCHEMA,
                Text(
                    f"{field} contains an invisible character, {describe(char)}, at character {index + 1}; remove it "
                    "(it makes the text look like something else).",
                    f"{field} memuat karakter tak terlihat, {describe(char)}, pada karakter ke-{index + 1}; hapus karakter itu "
                    "(karakter itu membuat teks tampak seperti teks lain).",
                ),
                field,
                line,
                column,
            )
        )
    out.sort(key=lambda v: (v.line or 0, v.column or 0, v.field))
    return out[:MAX_SCHEMA_ERRORS]


def _explain(error: jsonschema.ValidationError) -> list[tuple[str, Text]]:
    """A bilingual, actionable message for a jsonschema error."""
    field = field_path(error.absolute_path)
    name = field or "(document)"
    kind = error.validator
    value = error.instance
    # The failing keyword's value and its subschema. jsonschema types them as possibly Unset or a
    # boolean schema; an error raised by a keyword of the (object-only) manifest schema has both.
    rule: Any = error.validator_value
    subschema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if kind == "required":
        missing = [k for k in rule if not (isinstance(value, dict) and k in value)]
        return [
            (
                _child(field, k),
                Text(f"Missing required field {_child(field, k)}.", f"Kolom wajib {_child(field, k)} tidak ada."),
            )
            for k in missing
        ]
    if kind == "additionalProperties" and isinstance(value, dict):
        known = list(subschema.get("properties", {}))
        out = []
        for key in value:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint_en = f" Did you mean {close[0]}?" if close else f" Known fields: {', '.join(known)}."
            hint_id = f" Maksud Anda {close[0]}?" if close else f" Kolom yang dikenal: {', '.join(known)}."
            out.append(
                (
                    _child(field, key),
                    Text(
                        f"Unknown field {_child(field, key)}.{hint_en}",
                        f"Kolom tidak dikenal {_child(field, key)}.{hint_id}",
                    ),
                )
            )
        return out
    shown = _show(value)
    if kind == "type":
        expected = rule
        hint_en = hint_id = ""
        if expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
            hint_en, hint_id = ' Put it in quotes, e.g. "32.15".', ' Apit dengan tanda kutip, mis. "32.15".'
        return [
            (
                field,
                Text(
                    f"{name} must be of type {expected}, not {_type_name(value)}.{hint_en}",
                    f"{name} harus bertipe {expected}, bukan {_type_name(value)}.{hint_id}",
                ),
            )
        ]
    if kind in ("enum", "const"):
        allowed = rule if kind == "enum" else [rule]
        listed = ", ".join(str(a) for a in allowed)
        return [
            (
                field,
                Text(f"{name} is {shown}; allowed: {listed}.", f"{name} bernilai {shown}; yang diizinkan: {listed}."),
            )
        ]
    if kind == "pattern":
        what = subschema.get("description", "")
        return [
            (
                field,
                Text(
                    f"{name} has the wrong form: {shown}. {what}".strip(),
                    f"{name} berbentuk salah: {shown}. Lihat deskripsi kolom di skema.".strip(),
                ),
            )
        ]
    if kind == "not" and isinstance(rule, dict) and isinstance(value, dict):
        forbidden = [k for k in rule.get("required", []) if k in value]
        spec_kind = value.get("kind", "")
        return [
            (
                _child(field, k),
                Text(
                    f"{_child(field, k)} is not allowed with spec.kind {spec_kind}: only an extension or a module has a host. "
                    f"Remove {_child(field, k)}, or set spec.kind to extension or module.",
                    f"{_child(field, k)} tidak diizinkan untuk spec.kind {spec_kind}: hanya extension atau module yang memiliki "
                    f"aplikasi induk. Hapus {_child(field, k)}, atau ubah spec.kind menjadi extension atau module.",
                ),
            )
            for k in forbidden
        ]
    if kind == "oneOf" and error.context:
        wanted = "object" if isinstance(value, dict) else "string"
        branch = next(
            (
                i
                for i, s in enumerate(rule)
                if s.get("type", "string") == wanted or (wanted == "string" and "$ref" in s)
            ),
            None,
        )
        inner = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == branch]
        if inner:
            return [item for e in inner for item in _explain(e)]
    if kind == "anyOf":
        return [
            (
                field,
                Text(
                    f"{name} is {shown}; it must be 'self', 'direct' where allowed, or a registry id such as SHARED-INAPAS.",
                    f"{name} bernilai {shown}; harus 'self', 'direct' bila diizinkan, atau id registri seperti SHARED-INAPAS.",
                ),
            )
        ]
    if kind in ("minLength", "maxLength", "minItems", "maxItems", "maxProperties", "minimum", "maximum"):
        limit = rule
        return [(field, Text(f"{name}: {kind} is {limit}.", f"{name}: batas {kind} adalah {limit}."))]
    if kind == "uniqueItems":
        return [(field, Text(f"{name} lists the same item twice.", f"{name} memuat butir yang sama dua kali."))]
    if kind == "propertyNames":
        return [
            (
                field,
                Text(
                    f"{name} has a key of the wrong form (lower-case letters, digits, dashes).",
                    f"{name} memiliki kunci berbentuk salah (huruf kecil, angka, tanda hubung).",
                ),
            )
        ]
    return [(field, Text(f"{name}: {error.message}", f"{name}: {error.message}"))]


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_name(value: Any) -> str:
    return {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "list",
        dict: "mapping",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _violation(rule: str, message: Text, field: str, line: int | None, column: int | None) -> Violation:
    return Violation(rule=rule, severity="deny", message=message, field=field, line=line, column=column)


def taken_id_violation(manifest: Manifest, other_file: str, other_agency: str | None) -> Violation:
    """SPEC §4: an id already held elsewhere in the repository (base tree plus the change) cannot be taken."""
    line, column = manifest.position("metadata.id")
    held_en = f"{other_file} (agency {other_agency})" if other_agency else other_file
    held_id = f"{other_file} (instansi {other_agency})" if other_agency else other_file
    return manifest.locate(
        (
            _violation(
                SCH_DUPLICATE_ID,
                Text(
                    f"metadata.id {manifest.id!r} is already held by {held_en}. Ids are unique across the repository, so a "
                    "proposal cannot take another's id or its waivers: choose a new id.",
                    f"metadata.id {manifest.id!r} sudah dipakai oleh {held_id}. Id unik di seluruh repositori, sehingga usulan "
                    "tidak dapat mengambil id usulan lain beserta pengecualiannya: pilih id baru.",
                ),
                "metadata.id",
                line,
                column,
            ),
        )
    )[0]
