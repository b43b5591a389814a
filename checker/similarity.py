"""Word helpers shared by registry search, `init` and the audit's duplicate clusters.

Duplicate detection for `check`/`ci` is checker/matching (TF-IDF over words, synonyms
and acronyms); these helpers fold text to words and list the words that search and
clustering treat as generic or as place names.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable


# Words that say nothing about what an application does.
GENERIC_WORDS = frozenset("""
aplikasi sistem informasi si sim manajemen layanan pelayanan online daring digital elektronik e
portal web website mobile android ios app apps platform terpadu terintegrasi integrasi smart
pemerintah pemerintahan kabupaten kab kota provinsi prov daerah dinas badan kantor bagian sekretariat
administrasi adm dan atau untuk bagi dari di ke yang dengan pada oleh serta the of and for a an to in
system information management service services application government regency city province
""".split())
REGION_TITLE_WORDS = frozenset({"pemerintah", "kabupaten", "kota", "provinsi", "administrasi", "daerah", "istimewa"})
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case ASCII words of `text` (accents folded)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _WORD.findall(folded)


def place_words(agency_names: Iterable[str]) -> frozenset[str]:
    """Words of regional-government names ("Karawang", "Jawa", "Barat"), minus their titles."""
    out: set[str] = set()
    for name in agency_names:
        out.update(w for w in words(name) if w not in REGION_TITLE_WORDS)
    return frozenset(out)
