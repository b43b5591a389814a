"""`spbe-check init`: from "what is it for" to a manifest that already follows the rules.

The moratorium says: reuse before you build. So the scaffold first looks the
purpose up in the registry and proposes, in this order, the shapes that pass:
an extension of the shared service that owns the function, a module of the
citizen super app for a public web or mobile service, an extension of the
agency's own application, an extension of an application another agency runs,
and only then a new application. The manifest it writes fills in what the rules
require (mandatory providers from the capability catalogue, the service bus, PDN
hosting with a recovery site) and carries the schema comment editors read.

Every value that comes from the user reaches the YAML as a JSON string (valid
YAML), so a hostile name cannot add keys; the rendered text is parsed and checked
against the schema before it is written.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from checker.guidance.search import SearchIndex
from checker.judging.patterns import LinearValidator
from checker.matching import fold_words
from checker.matching.index import REGION_TITLES
from checker.model import Text
from checker.plumbing.paths import MANIFEST_SCHEMA, TEMPLATES_DIR

TEMPLATE = "manifest.yaml.j2"
PDN_SITES = ("PDN-JABODETABEK", "PDN-BATAM", "PDN-IKN", "PDN-LABUANBAJO")
CITIZEN_CHANNELS = frozenset({"web", "mobile"})
MAX_OTHER_APPS = 3

# Where each answer lives in the manifest schema, to validate it as it is typed.
ANSWER_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("metadata", "id"),
    "name": ("metadata", "name"),
    "agency_code": ("metadata", "agency", "code"),
    "agency_name": ("metadata", "agency", "name"),
    "contact": ("metadata", "contact"),
    "kind": ("spec", "kind"),
    "extends": ("spec", "extends"),
    "justification": ("spec", "justification"),
    "description": ("spec", "description"),
    "audience": ("spec", "audience"),
    "site": ("spec", "hosting", "site"),
    "dr_site": ("spec", "hosting", "drSite"),
    "hosting_provider": ("spec", "hosting", "provider"),
    "criticality": ("spec", "data", "criticality"),
}


@dataclass(frozen=True)
class Proposal:
    """One way to meet the need, in the order the rules prefer."""

    kind: str  # extension | module | new
    extends: str | None
    reason: str  # owner | super-app | own-app | other-app | new
    text: Text  # why this one, for the person choosing
    functions_note: Text | None = None  # a warning about the functions, if any


@dataclass
class Answers:
    """Everything the manifest needs; filled by flags or prompts."""

    purpose: str
    name: str
    id: str
    agency_code: str
    agency_name: str
    contact: str
    kind: str
    audience: str
    channels: list[str]
    functions: list[str]
    hosting_provider: str = "pdn"
    site: str = "PDN-JABODETABEK"
    dr_site: str | None = "PDN-BATAM"
    criticality: str = "low"
    personal_data: bool = False
    extends: str | None = None
    replaces: list[str] = field(default_factory=list)
    justification: str | None = None
    description: str | None = None
    uses: dict[str, str] = field(default_factory=dict)
    apis: list[dict[str, str]] = field(default_factory=list)


# --- proposals ---------------------------------------------------------------------


def infer_functions(index: SearchIndex, purpose: str) -> list[str]:
    """The one function code the purpose reads like: the vote of the registry apps the one matcher finds nearest.

    One, not several: every extra function is one more the agency may already run (SPBE-MOR-003).
    """
    return [found.code for found in index.functions_for(purpose, limit=1)]


def citizen_facing(audience: str, channels: list[str]) -> bool:
    """A public web or mobile service: the super app's business (SPBE-MOR-006)."""
    return audience == "public" and bool(CITIZEN_CHANNELS & set(channels))


def propose(
    index: SearchIndex, purpose: str, functions: list[str], agency_code: str, audience: str, channels: list[str]
) -> list[Proposal]:
    """What already serves this need, as manifest shapes, best first; `new` always last."""
    out: list[Proposal] = []
    seen: set[str] = set()

    def add(proposal: Proposal) -> None:
        key = f"{proposal.kind}:{proposal.extends}"
        if key not in seen:
            seen.add(key)
            out.append(proposal)

    owned = {code: index.owners(code) for code in functions}
    for code in functions:
        for owner in owned[code]:
            record = index.record(owner)
            name = record.name if record else owner
            add(
                Proposal(
                    "extension",
                    owner,
                    "owner",
                    Text(
                        f"{name} ({owner}) is the shared service for {code}: use it, and propose an extension of it "
                        f"for what your agency needs on top.",
                        f"{name} ({owner}) adalah layanan bersama untuk {code}: gunakan layanan tersebut, dan ajukan "
                        f"pengembangannya untuk kebutuhan tambahan instansi Anda.",
                    ),
                )
            )
    if citizen_facing(audience, channels) and index.super_app:
        record = index.record(index.super_app)
        name = record.name if record else index.super_app
        blocked = sorted({o for code in functions for o in owned[code] if o != index.super_app})
        note = None
        if blocked:
            note = Text(
                f"Functions owned by {', '.join(blocked)} cannot be carried by a module of {index.super_app} "
                f"(SPBE-MOR-002): choose the shared service above for them.",
                f"Fungsi milik {', '.join(blocked)} tidak dapat dibawa oleh modul {index.super_app} "
                f"(SPBE-MOR-002): pilih layanan bersama di atas untuk fungsi tersebut.",
            )
        add(
            Proposal(
                "module",
                index.super_app,
                "super-app",
                Text(
                    f"A public web or mobile service for citizens ships as a module of the citizen super app "
                    f"{name} ({index.super_app}).",
                    f"Layanan publik web atau seluler bagi warga dihadirkan sebagai modul aplikasi super warga "
                    f"{name} ({index.super_app}).",
                ),
                note,
            )
        )
    for code in functions:
        if owned[code]:
            continue
        for app_id in index.agency_apps_with(agency_code, code):
            record = index.record(app_id)
            add(
                Proposal(
                    "extension",
                    app_id,
                    "own-app",
                    Text(
                        f"Your agency already runs {record.name if record else app_id} ({app_id}) for {code}: extend it.",
                        f"Instansi Anda sudah menjalankan {record.name if record else app_id} ({app_id}) untuk {code}: "
                        f"kembangkan aplikasi tersebut.",
                    ),
                )
            )
    others = 0
    for hit in index.search(purpose, limit=25).hits:
        if others >= MAX_OTHER_APPS:
            break
        if hit.shared or hit.agency_code.lower() == agency_code.lower() or any(owned.get(c) for c in hit.functions):
            continue
        if functions and not set(functions) & set(hit.functions):
            continue
        add(
            Proposal(
                "extension",
                hit.id,
                "other-app",
                Text(
                    f"{hit.name} ({hit.id}) of {hit.agency_name} already does this: ask its owner to extend it for you.",
                    f"{hit.name} ({hit.id}) milik {hit.agency_name} sudah melakukannya: minta pemiliknya "
                    f"mengembangkannya untuk Anda.",
                ),
            )
        )
        others += 1
    add(
        Proposal(
            "new",
            None,
            "new",
            Text(
                "A new standalone application: only when nothing above can serve; it needs a justification and will be "
                "judged against the moratorium.",
                "Aplikasi mandiri baru: hanya bila tidak ada pilihan di atas yang dapat melayani; wajib disertai "
                "justifikasi dan akan dinilai terhadap moratorium.",
            ),
        )
    )
    return out


def own_apps_to_replace(index: SearchIndex, agency_code: str, functions: list[str], extends: str | None) -> list[str]:
    """The agency's own active apps with these functions: retiring them is what reuse means (SPBE-MOR-003)."""
    found: list[str] = []
    for code in functions:
        for app_id in index.agency_apps_with(agency_code, code):
            if app_id != extends and app_id not in found:
                found.append(app_id)
    return found


def mandatory_uses(capabilities: dict[str, Any]) -> dict[str, str]:
    """capability -> its first mandatory provider, for every capability that has one."""
    uses = {}
    for capability, entry in capabilities.items():
        providers = entry.get("providers") if isinstance(entry, dict) else None
        if isinstance(providers, list) and providers and isinstance(providers[0], str):
            uses[str(capability)] = providers[0]
    return uses


def default_dr_site(site: str) -> str | None:
    """A recovery site in a different PDN site (SPBE-HST-002)."""
    if site not in PDN_SITES:
        return None
    return next(s for s in PDN_SITES if s != site) if site != "PDN-JABODETABEK" else "PDN-BATAM"


# --- names and places --------------------------------------------------------------


def slug(text: str, limit: int = 63) -> str:
    """Lower-case ASCII words joined by dashes, as metadata.id wants."""
    out = "-".join(fold_words(text))[:limit].strip("-")
    return out if len(out) >= 3 else (out + "-app")[:limit]


def agency_short(agency_code: str, agency_name: str) -> str:
    """ "karawang" for Pemerintah Kabupaten Karawang, the code for a central agency."""
    place = [w for w in fold_words(agency_name) if w not in REGION_TITLES]
    if re.fullmatch(r"[0-9]{2}(\.[0-9]{2})?", agency_code) and place:
        return "-".join(place)
    return slug(agency_code)


def agency_folder(agency_code: str, agency_name: str) -> str:
    """manifests/<folder>: "kabupaten-karawang", as the examples are laid out."""
    name_words = [w for w in fold_words(agency_name) if w != "pemerintah"]
    return "-".join(name_words) if name_words else slug(agency_code)


def default_name(purpose: str, short_place: str) -> str:
    """A readable name from the purpose: "Pengaduan Jalan Rusak Karawang"."""
    text = " ".join(purpose.split())[:80].strip(" .")
    if not text:
        return ""
    titled = " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
    place = " ".join(p.capitalize() for p in short_place.split("-")) if short_place else ""
    if place and place.lower() not in titled.lower():
        titled = f"{titled} {place}"
    return titled[:200]


def default_id(agency_code: str, agency_name: str, name: str) -> str:
    short = agency_short(agency_code, agency_name)
    name_slug = slug(name)
    if short and not name_slug.startswith(short) and short not in name_slug:
        name_slug = f"{short}-{name_slug}"
    return slug(name_slug, 63)


# --- validation --------------------------------------------------------------------


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))
    return schema


def answer_error(answer: str, value: Any) -> str | None:
    """Why `value` cannot be the answer `answer` (from the manifest schema), or None."""
    schema = _schema()
    node: dict[str, Any] = schema
    for part in ANSWER_FIELDS[answer]:
        node = node["properties"][part]
    validator = LinearValidator({**node, "$defs": schema.get("$defs", {})})
    error = next(iter(validator.iter_errors(value)), None)
    if error is None:
        return None
    if error.validator == "pattern":
        described: str | None = node.get("description")
        return described or f"must match {error.validator_value}"
    if error.validator in ("enum", "const"):
        allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
        return "one of: " + ", ".join(str(a) for a in allowed)
    return str(error.message)


# --- rendering ---------------------------------------------------------------------

_UNSAFE_IN_YAML = re.compile(r"[\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def yaml_string(value: Any) -> str:
    """A YAML double-quoted scalar for any text: JSON's string syntax, which YAML reads the same.

    Quotes, newlines and `key: value` text stay inside the string, so a value can never
    add or change keys. Characters YAML forbids raw are escaped too.
    """
    text = json.dumps(str(value), ensure_ascii=False)
    return _UNSAFE_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*$")


def yaml_plain(value: Any) -> str:
    """An identifier left unquoted when YAML reads it back as the same string, else quoted."""
    text = str(value)
    if _PLAIN.match(text):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return yaml_string(text)


def schema_reference(output: Path) -> str:
    """The schema path relative to the manifest, as the examples write it."""
    try:
        return Path(os.path.relpath(MANIFEST_SCHEMA, output.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return MANIFEST_SCHEMA.as_posix()


def render_manifest(answers: Answers, schema_ref: str, bus: str, templates: Path = TEMPLATES_DIR) -> str:
    """The manifest text, from templates/manifest.yaml.j2."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=False,  # noqa: S701 -- YAML, not HTML: values go through the q/plain YAML filters
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = yaml_string
    env.filters["plain"] = yaml_plain
    env.filters["comment"] = yaml_comment_safe
    template = env.get_template(TEMPLATE)
    return template.render(
        a=answers, schema_ref=yaml_comment_safe(schema_ref), bus=bus, description=answers.description or answers.purpose
    )


def yaml_comment_safe(text: str) -> str:
    """Text safe inside a YAML comment: one line, no control characters."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", "", text)


def openapi_stub(title: str, api_name: str) -> str:
    """A minimal OpenAPI 3 document, so the exposed API has the document SPBE-INT-001 asks for."""
    return (
        "# OpenAPI 3 description of the API; fill in the paths before the application goes live.\n"
        "openapi: 3.0.3\n"
        "info:\n"
        f"  title: {yaml_string(title)}\n"
        "  version: 0.1.0\n"
        f"  description: {yaml_string('API ' + api_name + ', published on the government service bus.')}\n"
        "paths: {}\n"
    )
