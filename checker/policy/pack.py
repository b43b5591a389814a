"""A policy pack that knows itself: `pack.json` declares what a complete pack contains.

A policies folder that is only part of a pack (`policies/spbe`, `policies/spbe/lib`)
compiles and evaluates without error, and then judges everything as pass: the rules
are missing or their data is mounted at the wrong path. Nothing in the Rego itself can
tell (METADATA only describes the rules that are there), so the pack states, in
`<package path>/pack.json` beside its policies, the packages, rule ids and data
documents it must have. Loading checks the declaration against what was loaded and
refuses (exit 2) when anything is missing.

Why not OPA's `.manifest`: its `roots` claim which paths a bundle owns; they cannot
list the rules a pack must contain, and `spbe-check bundle build` writes the bundle's
own `.manifest`. The bundle carries the declarations in that manifest's metadata
(`packs`), where `--engine opa` checks them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from checker.errors import CannotJudge
from checker.model import Text

PACK_FILE = "pack.json"
_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["pack", "packages", "rules"],
    "properties": {
        "$comment": {"type": "string"},
        "pack": {"type": "string", "pattern": "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$"},
        "description": {"type": "string"},
        "packages": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$"},
        },
        "rules": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": "^SPBE-[A-Z]{3}-[0-9]{3}$"},
        },
        "data": {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$"},
        },
    },
}


@dataclass(frozen=True)
class PackDeclaration:
    """What one pack must contain; `path` is where its pack.json was found, relative to the policies root."""

    pack: str
    packages: tuple[str, ...]
    rules: tuple[str, ...]
    data: tuple[str, ...] = ()
    path: str = ""

    def as_document(self) -> dict[str, Any]:
        """The declaration as written in pack.json (and in a bundle's manifest metadata)."""
        return {"pack": self.pack, "packages": list(self.packages), "rules": list(self.rules), "data": list(self.data)}


def parse_declaration(document: Any, where: str) -> PackDeclaration:
    """A declaration from its JSON document; CannotJudge naming `where` when it is malformed."""
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(_SCHEMA).iter_errors(document))
    if error is not None:
        field = "/".join(str(p) for p in error.absolute_path) or "the top"
        raise CannotJudge(
            Text(
                f"The pack declaration {where} is invalid at {field}: {error.message}",
                f"Deklarasi paket {where} tidak sah pada {field}: {error.message}",
            )
        )
    return PackDeclaration(
        document["pack"], tuple(document["packages"]), tuple(document["rules"]), tuple(document.get("data", ())), where
    )


def read_declarations(root: Path) -> list[PackDeclaration]:
    """Every pack.json under `root` (symlinks ignored, as for the policies themselves)."""
    found = []
    for path in sorted(root.rglob(PACK_FILE)):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise CannotJudge(
                Text(
                    f"Cannot read the pack declaration {root / rel}: {err}.",
                    f"Deklarasi paket {root / rel} tidak dapat dibaca: {err}.",
                )
            ) from None
        found.append(parse_declaration(document, rel))
    return found


def _has_data(data: dict[str, Any], dotted: str) -> bool:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def check_complete(
    root: Path | str, declarations: Iterable[PackDeclaration], packages: set[str], rules: set[str], data: dict[str, Any]
) -> None:
    """CannotJudge, naming what is missing, unless `root` holds at least one complete, well-placed pack."""
    declarations = list(declarations)
    if not declarations:
        raise CannotJudge(
            Text(
                f"{root} is not a complete policy pack: no {PACK_FILE} declares what it must contain. Pass the folder that "
                f"holds spbe/{PACK_FILE} (for the national pack: policies), not a folder inside it.",
                f"{root} bukan paket kebijakan yang lengkap: tidak ada {PACK_FILE} yang menyatakan isinya. Berikan folder "
                f"yang memuat spbe/{PACK_FILE} (untuk paket nasional: policies), bukan folder di dalamnya.",
            )
        )
    for declaration in declarations:
        expected = "/".join(declaration.pack.split(".")) + "/" + PACK_FILE
        if declaration.path and declaration.path != expected:
            if declaration.path.endswith("/" + expected):
                hint = Text(
                    f"Pass {Path(root) / declaration.path[: -len(expected) - 1]} instead.",
                    f"Berikan {Path(root) / declaration.path[: -len(expected) - 1]}.",
                )
            else:
                hint = Text(
                    f"Pass the folder that holds {expected}, not a folder inside it.",
                    f"Berikan folder yang memuat {expected}, bukan folder di dalamnya.",
                )
            raise CannotJudge(
                Text(
                    f"{root} is not a complete policy pack: pack {declaration.pack} is declared in {declaration.path}, but its "
                    f"policies and data only mount at data.{declaration.pack} from the folder holding {expected}. {hint.en}",
                    f"{root} bukan paket kebijakan yang lengkap: paket {declaration.pack} dideklarasikan di {declaration.path}, "
                    f"padahal kebijakan dan datanya hanya terpasang di data.{declaration.pack} dari folder yang memuat "
                    f"{expected}. {hint.id}",
                )
            )
        missing = (
            [f"package {p}" for p in declaration.packages if p not in packages]
            + [f"rule {r}" for r in declaration.rules if r not in rules]
            + [f"data.{d}" for d in declaration.data if not _has_data(data, d)]
        )
        if missing:
            shown = ", ".join(missing[:20]) + (f" and {len(missing) - 20} more" if len(missing) > 20 else "")
            shown_id = ", ".join(missing[:20]) + (f" dan {len(missing) - 20} lainnya" if len(missing) > 20 else "")
            raise CannotJudge(
                Text(
                    f"The policy pack {declaration.pack} in {root} is incomplete: {declaration.path or PACK_FILE} requires "
                    f"{shown}, which the folder does not contain. Restore them, or pass the complete pack.",
                    f"Paket kebijakan {declaration.pack} di {root} tidak lengkap: {declaration.path or PACK_FILE} mewajibkan "
                    f"{shown_id}, yang tidak ada di folder itu. Pulihkan, atau berikan paket yang lengkap.",
                )
            )
