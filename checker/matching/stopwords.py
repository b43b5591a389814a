"""Everyday words a proposal's description may drop: stopwords the registry never uses.

Why: agencies describe a proposal in ordinary sentences ("setiap pagi petugas mencatat …",
"juga dapat dipakai …"), while the registry's descriptions are terse. A word the registry
never uses cannot match any app; it only lengthens the proposal's vector and so lowers
every cosine, until a real duplicate falls under the thresholds. The Indonesian and
English lists of stopwords-iso (the `stopwordsiso` package) name the everyday words;
only those the registry and the synonyms do not know are dropped, and only from the
description: a name's words are chosen, and "tinggi", "baru", "umum" keep their meaning
wherever the registry uses them.

Computed once per registry when the index is built, and cached with it.
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

from checker.plumbing.paths import library_data

LANGUAGES = ("id", "en")


def description_stopwords(known: Container[str]) -> list[str]:
    """The stopwords of LANGUAGES that `known` (registry words and synonym members) does not hold, sorted."""
    return sorted(w for w in everyday_words() if w not in known)


def everyday_words() -> frozenset[str]:
    """Every stopword of LANGUAGES: what a shared service's description says besides its scope (scopes.py)."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords(list(LANGUAGES)))


def stopword_files() -> list[Path]:
    """The data file the list comes from, for the compiled registry's cache key (without importing the package)."""
    return library_data("stopwordsiso", "stopwords-iso.json")
