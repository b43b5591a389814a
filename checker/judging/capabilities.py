"""`spec.uses` keys come from the registry's capability catalogue.

The schema can only check the form of a key; which capabilities exist is the
registry's to say. A key the catalogue does not know (`identiti`, `pembayaran`)
would otherwise slip past every SHR rule, so it makes the manifest `invalid`
(SPBE-SCH-003) with the closest capability as a hint, matched on the keys and on
the catalogue's English and Indonesian names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from checker.judging.manifest import SCH_SCHEMA, Manifest
from checker.model import Text, Violation

_WORD = re.compile(r"[a-z]+")


def unknown_capabilities(manifest: Manifest, catalogue: Mapping[str, Any]) -> list[Violation]:
    """One SPBE-SCH-003 violation per `spec.uses` key that the catalogue does not list."""
    uses = manifest.data["spec"].get("uses") or {}
    known = sorted(catalogue)
    out = []
    for key in uses:
        if key in catalogue:
            continue
        field = f"spec.uses.{key}"
        line, column = manifest.position(field)
        guess = closest_capability(key, catalogue)
        hint_en = f" Did you mean {guess}?" if guess else ""
        hint_id = f" Maksud Anda {guess}?" if guess else ""
        listing = ", ".join(known) or "-"
        out.append(
            Violation(
                rule=SCH_SCHEMA,
                severity="deny",
                field=field,
                line=line,
                column=column,
                message=Text(
                    f"Unknown capability {key} in spec.uses: the registry's capability catalogue lists {listing}.{hint_en}",
                    f"Kapabilitas {key} dalam spec.uses tidak dikenal: katalog kapabilitas registri memuat {listing}.{hint_id}",
                ),
            )
        )
    return out


def closest_capability(key: str, catalogue: Mapping[str, Any]) -> str | None:
    """The catalogue key closest to `key`, by spelling or by a word of its en/id name."""
    close = difflib.get_close_matches(key, list(catalogue), n=1, cutoff=0.6)
    if close:
        return close[0]
    words: dict[str, str] = {}
    for capability, entry in sorted(catalogue.items()):
        names = (entry or {}).get("name") if isinstance(entry, dict) else None
        for text in (names or {}).values() if isinstance(names, dict) else ():
            for word in _WORD.findall(str(text).lower()):
                if len(word) >= 4:
                    words.setdefault(word, capability)
    close = difflib.get_close_matches(key.lower(), list(words), n=1, cutoff=0.8)
    return words[close[0]] if close else None
