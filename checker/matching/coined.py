"""Coined words: a name's words that no dictionary knows (brands and unexpanded acronyms).

Why: agencies brand their applications ("SIKELOR", "Betang Siaga", "SI-TAMPAN") and say
what they do only in the description. A word unknown to the registry weighs like the
rarest word there is, which is right for a real word the registry lacks ("Tera Ulang
Timbangan", "Hewan Kurban": it names a need no registered app serves) but wrong for a
coined one, which says nothing about the need and drowns the description. The two are
told apart by a dictionary: wordfreq's Indonesian and English word lists (a real word has
a frequency, a coined one has none). In a name, a coined word weighs COINED_NAME_WEIGHT of
an unknown word when the description says enough in the registry's words to judge by.

The Indonesian list (the words the registry does not know) is computed when the index is
built and cached with it; English words are the index's English table: `check` never
imports wordfreq.
"""

from __future__ import annotations

from collections.abc import Container

COINED_NAME_WEIGHT = 0.5
COINED_MIN_DESCRIBED = 3  # registry words the description must carry before a coined name word weighs less


def indonesian_words(known: Container[str]) -> list[str]:
    """Words of wordfreq's Indonesian list that `known` (the registry's words) does not hold, sorted."""
    from wordfreq import get_frequency_dict

    return sorted(w for w in get_frequency_dict("id", wordlist="small") if w.isalpha() and w not in known)


def is_coined(word: str, *dictionaries: Container[str]) -> bool:
    """True for an alphabetic word none of `dictionaries` holds (registry, English, Indonesian, synonyms)."""
    return word.isalpha() and not any(word in d for d in dictionaries)
