"""Weights for English words the registry never uses.

Why: the registry is written in Indonesian, so an English word in a proposal ("Visit Jambi
Tourism App", "Emergency Response 112") is unknown to it and would weigh like the rarest
word there is, drowning the words the registry does know. An English word most likely says
in English what some registered app says in Indonesian, so it separates a proposal only as
much as its commonness allows: its weight falls with its frequency in English (wordfreq's
Zipf scale: 3 is a word in a million, 6 one in a thousand). Words more common in Indonesian
than in English keep the full weight of an unknown word: an Indonesian word the registry
lacks ("kurban", "dawan") names what no registered app does.

The table is computed once per registry, when the index is built, and cached with it:
`check` never imports wordfreq.
"""

from __future__ import annotations

import math
from collections.abc import Container
from pathlib import Path

from checker.plumbing.paths import library_data

ENGLISH_DISCOUNT = 1.0  # weight (log-idf units) lost per Zipf unit, i.e. per tenfold frequency in English
MIN_LENGTH = 3


def english_weights(known: Container[str], unknown_idf: float, floor: float) -> dict[str, float]:
    """English word -> its weight in a proposal, for words `known` (the registry's) does not hold."""
    from wordfreq import get_frequency_dict

    english, indonesian = get_frequency_dict("en", wordlist="small"), get_frequency_dict("id", wordlist="small")
    out: dict[str, float] = {}
    for word, frequency in english.items():
        if len(word) < MIN_LENGTH or not word.isascii() or not word.isalpha() or word in known:
            continue
        if frequency <= indonesian.get(word, 0.0):
            continue
        zipf = math.log10(frequency) + 9.0
        out[word] = round(max(floor, unknown_idf - ENGLISH_DISCOUNT * zipf), 3)
    return out


def wordlist_files() -> list[Path]:
    """The word lists the table is computed from, for the compiled registry's cache key (without importing wordfreq)."""
    return library_data("wordfreq", "data/small_en.msgpack.gz", "data/small_id.msgpack.gz")
