"""Text to matching features: folded words, whole region names removed, synonyms and acronyms.

Why each step:
- accents and case folded, punctuation dropped: "e-Kinerja" and "E KINERJA" are one name;
- only *whole* region names are removed ("Tebing Tinggi", "Kepulauan Selayar"), never
  their words alone, so "tinggi", "laut", "tanah", "pusat" keep their meaning;
- function words ("dan", "untuk", "the", "of") are dropped; every other word is kept and
  weighted by how rare it is in the registry, so "sistem informasi" says little because
  thousands of names carry it, not because a list says so;
- bilingual synonyms (checker/data/synonyms.json) add a shared *concept* feature, so
  "Smart Parking" meets "Parkir Online" without making "parkir" and "parking" one word;
- acronyms learnt from the registry ("SIMPUS" spelled from the prefixes of "Sistem
  Informasi Manajemen PUSkesmas") add the expansion's words, and the reverse.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Container, Iterable
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

SYNONYMS_FILE = Path(__file__).resolve().parent.parent / "data" / "synonyms.json"
DISTRICTS_FILE = Path(__file__).resolve().parent.parent / "data" / "idn-area" / "districts.csv"
_WORD = re.compile(r"[a-z0-9]+")
MAX_WORDS = 400  # a 10,000-character description is judged on its first words, never slowly

FUNCTION_WORDS = frozenset(
    """
dan atau untuk bagi dari di ke yang dengan pada oleh serta dalam secara sebagai melalui antar
the of and for a an to in on by with via
system systems information management application applications app apps modul module fitur feature menu submenu
regional regency city province national new
pemerintah kabupaten kab kota provinsi prov administrasi daerah istimewa pemprov pemkab pemkot pemda
si sisfo
pak bapak mbak
""".split()
)
# "SI Pandai", "Si BUMDes", "Sisfo Pariwisata": a standalone SI or "sisfo" is "sistem informasi" (or the article "si"), never
# what the app does. SIM stays: it is also the driving licence.
# Forms of address ("Lapor Pak Bupati", "Tanya Mbak Dukcapil") say whom the citizen writes to;
# "ibu" stays: it is also the mother of maternal health.
# English generic words are dropped too: the registry is Indonesian, so their rarity
# there would make "system" weigh like a specific word.
# Words that start an acronym's expansion without carrying meaning of their own.
ACRONYM_LEADS = ("si", "sim", "e")
_AFFIXES = ("peng", "peny", "pem", "pen", "per", "ke")


def fold_words(text: str) -> list[str]:
    """Lower-case ASCII words of `text`, accents folded, at most MAX_WORDS of them."""
    folded = unicodedata.normalize("NFKD", text[:20_000]).encode("ascii", "ignore").decode("ascii").lower()
    return _WORD.findall(folded)[:MAX_WORDS]


REGIONAL_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "regional-words.json"


@functools.lru_cache(maxsize=1)
def load_regional_words(path: Path = REGIONAL_WORDS_FILE) -> dict[str, str]:
    """Regional-language word -> the Indonesian word(s) the registry writes ("banyu" -> "air")."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {word: indonesian for words in doc["languages"].values() for word, indonesian in words.items()}


LANDMARKS_FILE = Path(__file__).resolve().parent.parent / "data" / "landmarks.json"


def load_landmarks(path: Path = LANDMARKS_FILE) -> list[str]:
    """Volcanoes, mountains, rivers and lakes, folded: where an app works, stripped like a region's name."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return sorted({" ".join(fold_words(str(name))) for name in doc["names"]} - {""})


def load_synonym_groups(path: Path = SYNONYMS_FILE) -> list[list[str]]:
    """Synonym groups, each member as its folded content words joined by one space.

    Function words are dropped as they are from the text matched against them, so a
    member such as "pejabat pengelola informasi dan dokumentasi" can match at all.
    """
    doc = json.loads(path.read_text(encoding="utf-8"))
    groups = []
    for group in doc.get("groups", []):
        members = list(
            dict.fromkeys(
                " ".join(w for w in fold_words(m) if w not in FUNCTION_WORDS) for m in group if isinstance(m, str)
            )
        )
        members = [m for m in members if m]
        if len(members) > 1:
            groups.append(members)
    return groups


def load_districts(path: Path = DISTRICTS_FILE) -> dict[str, list[str]]:
    """Regency or city code ("32.15") -> its districts' names, folded ("tarogong kidul").

    idn-area-data's districts (ODbL, data/idn-area/SOURCE.md): the towns inside a regional
    agency, which its proposals name ("RSUD Kabanjahe", "Smart Parking Tanjung Pandan").
    """
    import csv

    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = " ".join(fold_words(row.get("name") or ""))
            if name:
                out.setdefault(str(row.get("regency_code") or ""), []).append(name)
    return {code: sorted(set(names)) for code, names in out.items() if code}


def load_broader_pairs(path: Path = SYNONYMS_FILE) -> list[tuple[str, str]]:
    """(narrow member, broad member) pairs of synonyms.json's `broader`, folded like the groups' members.

    A group whose members the registry never uses ("banjir", "flood") translates nothing; its
    broader group says what such an app is a kind of ("bencana"), so the proposal is read in
    that group's registry word instead.
    """
    doc = json.loads(path.read_text(encoding="utf-8"))

    def folded(member: object) -> str:
        return " ".join(w for w in fold_words(str(member)) if w not in FUNCTION_WORDS)

    pairs = doc.get("broader", [])
    return [(folded(p[0]), folded(p[1])) for p in pairs if isinstance(p, list) and len(p) == 2]


def load_function_names(path: Path = SYNONYMS_FILE) -> dict[str, list[str]]:
    """Function code -> phrases that name it outright in a proposal's name (synonyms.json's `names`), folded."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for code, phrases in doc.get("names", {}).items():
        if code.startswith("$") or not isinstance(phrases, list):
            continue
        folded = (" ".join(w for w in fold_words(str(p)) if w not in FUNCTION_WORDS) for p in phrases)
        out[code] = sorted({f for f in folded if f})
    return out


def strip_phrases(tokens: list[str], phrases: dict[str, list[list[str]]]) -> list[str]:
    """`tokens` without any whole phrase of `phrases` (first word -> phrases, longest first)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase in phrases.get(tokens[i], ()):
            if tokens[i : i + len(phrase)] == phrase:
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def join_split_words(tokens: list[str], joined: Container[str]) -> list[str]:
    """`tokens` without any two adjacent words whose concatenation is in `joined`.

    The registry writes "Palangkaraya", a proposal "Palangka Raya" (and the reverse is in
    the place phrases as "tebingtinggi"): the same place either way.
    """
    if not any(a + b in joined for a, b in itertools.pairwise(tokens)):
        return tokens  # the common case, in one pass (this runs for every text the index reads)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] + tokens[i + 1] in joined:
            i += 2
            continue
        out.append(tokens[i])
        i += 1
    return out


def phrase_table(phrases: Iterable[str]) -> dict[str, list[list[str]]]:
    """First word -> the phrases starting with it, longest first (for strip_phrases)."""
    table: dict[str, list[list[str]]] = {}
    for phrase in set(phrases):
        words = phrase.split()
        if words:
            table.setdefault(words[0], []).append(words)
    for entries in table.values():
        entries.sort(key=len, reverse=True)
    return table


def stems(word: str) -> list[str]:
    """The word and its forms without a common Indonesian affix ("kepegawaian" -> "pegawaian")."""
    out = [word]
    for prefix in _AFFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            out.append(word[len(prefix) :])
    return out


_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "per",
    "pe",
    "ber",
    "ter",
    "di",
    "ke",
    "se",
)
_SUFFIXES = ("kan", "an", "i", "nya")


def root_forms(word: str) -> list[str]:
    """Forms of an Indonesian word without its affixes, longest first ("menyurat" -> "nyurat", "surat", ...).

    Only a fallback for words the registry does not know; "meny-" and "peny-" also try the
    dropped initial "s" ("menyurat" -> "surat").
    """
    forms: list[str] = []
    for suffix in ("", *_SUFFIXES):
        if suffix and not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)] if suffix else word
        for prefix in ("", *_PREFIXES):
            if prefix and not stem.startswith(prefix):
                continue
            rest = stem[len(prefix) :]
            candidates = [rest] + (["s" + rest] if prefix in ("meny", "peny") else [])
            forms.extend(c for c in candidates if len(c) >= 3 and c != word)
    return sorted(set(forms), key=lambda f: (-len(f), f))


def derived_forms(root: str) -> list[str]:
    """Nouns Indonesian derives from a bare root, most usual first ("pantau" -> "pemantauan", "pantauan", ...).

    The reverse of `root_forms`: a proposal writes the root ("Pantau Tumbuh Kembang") where the
    registry writes its noun ("Pemantauan"). The pe- prefix takes its nasal as Indonesian
    does: p, t, k and s drop after it (pemantauan, penulisan, pengirim, penyuluhan).
    """
    first = root[:1]
    nasal = {"p": "pem" + root[1:], "t": "pen" + root[1:], "k": "peng" + root[1:], "s": "peny" + root[1:]}.get(first)
    if nasal is None:
        prefix = "pem" if first in "bf" else "pen" if first in "cdjz" else "peng" if first in "aiueogh" else "pe"
        nasal = prefix + root
    return [nasal + "an", "per" + root + "an", "ke" + root + "an", nasal, root + "an"]


TYPO_EDITS = 1  # a typo is one slip: a letter dropped, added, changed or two swapped


def closest_word(word: str, vocabulary: list[str], context: Container[str] = ()) -> tuple[str, float]:
    """The registry word `word` is a typo of, and how alike they are in (0, 1]; ("", 0.0) when none.

    A typo is one edit away (optimal string alignment distance, so "infromasi" is one
    swap from "informasi"), never merely "similar": Indonesian words share so many
    affixes that a similarity ratio turns real words into other real words
    ("pengaturan" -> "pengaduan", "persimpangan" -> "persidangan"). When several words
    are one edit away, the one the proposal itself writes elsewhere (`context`) wins:
    "e-Rapot" beside "mencetak rapor" is rapor, not rapat.
    """
    found = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=TYPO_EDITS, limit=None)
    if not found:
        return ("", 0.0)
    best = next((f[0] for f in found if f[0] in context), found[0][0])
    return (best, fuzz.ratio(word, best) / 100.0)


def spells(acronym: str, words: list[str]) -> bool:
    """True when `acronym` is spelled by non-empty prefixes of every word, in order."""
    if not words or len(words) > len(acronym):
        return False

    def walk(pos: int, index: int) -> bool:
        if index == len(words):
            return pos == len(acronym)
        for form in stems(words[index]):
            for length in range(1, min(len(form), len(acronym) - pos - (len(words) - index - 1)) + 1):
                if form[:length] != acronym[pos : pos + length]:
                    break
                if walk(pos + length, index + 1):
                    return True
        return False

    return walk(0, 0)


TITLE_INITIALS = ("k", "p")  # kabupaten / kota, provinsi: "KSB" is Kabupaten Sumbawa Barat
ISLANDS = "kepulauan"


def place_abbreviations(words: list[str], place: str, known: Container[str] = ()) -> list[str]:
    """Words of `words` that abbreviate the agency's own multi-word place ("kaltim" for "kalimantan timur").

    Indonesian writes regions as syllable contractions (Kaltim, Jabar, Sulsel, Sultra) or as
    initials, with or without the title's (SBT, KSB for Kabupaten Sumbawa Barat, and a central
    agency's own acronym: BNPB); stripped like the full name, so a proposal is not matched on
    its own region's nickname. A word in `known` (the registry's vocabulary) is never one:
    "tanda" spells "TANah DAtar" but means a sign.
    """
    place_words = place.split()
    if len(place_words) < 2:
        return []
    initials = "".join(w[0] for w in place_words)
    spelt = {initials, *(title + initials for title in TITLE_INITIALS)} if len(initials) >= 2 else set()
    return sorted(
        {
            w
            for w in words
            if w.isalpha()
            and w not in place_words
            and w not in known
            and (
                (4 <= len(w) <= 12 and _spells_by_syllables(w, place_words))
                or (len(w) >= 3 and w in spelt)  # "SBT" (Seram Bagian Timur), "KSB" (Kabupaten Sumbawa Barat)
            )
        }
    )


PLACE_TYPO_MIN_LENGTH = 6  # "Makasar" for Makassar; a shorter name is one slip from too many words
VOWELS = frozenset("aiueo")


def letters_in_order(short: str, text: str) -> bool:
    """True when `text` starts as `short` does and holds its letters in order ("pkm" in "puskesmas", "ptk" in "pontianak")."""
    letters = iter(text)
    return text[:1] == short[:1] and all(letter in letters for letter in short)


def place_spellings(words: list[str], place: str, known: Container[str] = ()) -> list[str]:
    """Words of `words` that write the agency's own place another way: misspelt or by its consonants.

    "Makasar" is Makassar one slip away, and "Morotay" the Morotai of Pulau Morotai; "Ptk",
    "Bdg", "Sby" are how clerks shorten Pontianak, Bandung, Surabaya: consonants of the name,
    in order, from its first letter. Unknown to the registry, either would weigh like the
    rarest word there is. A registry word is never one.
    """
    letters = place.replace(" ", "")
    if not letters:
        return []

    # the whole name, and each long word of a longer one: "Morotay" for Pulau Morotai
    names = [letters, *(w for w in place.split() if len(w) >= PLACE_TYPO_MIN_LENGTH and w != letters)]

    def slip(word: str, name: str) -> bool:
        return word != name and OSA.distance(word, name) <= TYPO_EDITS

    def skeleton(word: str) -> bool:
        return 3 <= len(word) <= 4 and not VOWELS & set(word) and letters_in_order(word, letters)

    return sorted(
        {
            w
            for w in words
            if w.isalpha()
            and w not in known
            and w != letters
            and (skeleton(w) or (len(w) >= PLACE_TYPO_MIN_LENGTH and any(slip(w, name) for name in names)))
        }
    )


# What Indonesians call a region instead of its name: no contraction of it ("Jogja" is DI Yogyakarta, "Solo" Surakarta).
REGION_NICKNAMES = frozenset({"jogja", "yogya", "jogjakarta", "ngayogyakarta", "solo", "jabodetabek"})


class RegionNames(NamedTuple):
    """Multi-word region names, ready for `region_abbreviations`."""

    by_start: dict[str, list[list[str]]]  # first two letters of the first word -> the names' words
    initials: frozenset[str]  # "ntt", "diy": initials of names of three words or more


def region_names(places: Iterable[str]) -> RegionNames:
    """Index the registry's multi-word region names for `region_abbreviations`.

    "Kepulauan" (islands) is often left out of a contraction: "Babel" is Bangka Belitung.
    """
    by_start: dict[str, list[list[str]]] = {}
    initials: set[str] = set()
    for place in places:
        parts = place.split()
        for name in [parts, parts[1:]] if parts[:1] == [ISLANDS] and len(parts) > 2 else [parts]:
            if len(name) < 2:
                continue
            by_start.setdefault(name[0][:2], []).append(name)
            spelt = "".join(w[0] for w in name)
            if len(spelt) >= 3:
                initials.add(spelt)
    return RegionNames(by_start, frozenset(initials))


def region_abbreviations(words: list[str], regions: RegionNames, known: Container[str] = ()) -> list[str]:
    """Words of `words` that abbreviate any region's multi-word name ("Sulsel", "Kaltim", "NTT", "Babel").

    `place_abbreviations` finds the proposer's own region; a central agency's office names the
    province it serves ("Daftar Nikah Online KUA Sulsel", "Si-CUTI Kaltim") and a region may name
    another. Such a word is a place, not a need. Unknown to the registry (its own words are never
    places): left in, it would weigh like the rarest word there is, or be "corrected" into a
    registry word ("Babel" -> "tabel").
    """
    return sorted(
        {
            w
            for w in words
            if w.isalpha()
            and w not in known
            and (
                w in REGION_NICKNAMES
                or (len(w) >= 3 and w in regions.initials)
                or (
                    4 <= len(w) <= 12 and any(_spells_by_syllables(w, name) for name in regions.by_start.get(w[:2], ()))
                )
            )
        }
    )


def _spells_by_syllables(word: str, parts: list[str]) -> bool:
    """True when `word` is prefixes of at least two letters of every one of `parts`, in order."""

    def walk(pos: int, index: int) -> bool:
        if index == len(parts):
            return pos == len(word)
        part = parts[index]
        rest = word[pos:]
        if index == len(parts) - 1 and len(rest) >= 2 and _contracts_last(rest, part):
            return True
        middle = 0 < index < len(parts) - 1
        if middle and walk(pos, index + 1):
            return True  # a middle word may go: "Bolsel" (BOLaang Mongondow SELatan)
        for length in range(1 if middle else 2, len(part) + 1):
            if part[:length] != word[pos : pos + length]:
                break
            if walk(pos + length, index + 1):
                return True
        return False

    return walk(0, 0)


def _contracts_last(rest: str, part: str) -> bool:
    """True when `rest` contracts a name's last word: its letters in order, ending as it ends.

    "tra" of "tenggara" (Sultra); a leading vowel may go ("tara" of "utara": Kaltara); or the
    word's last syllables alone ("ra" of "tenggara": Malra; "gai" of "bedagai": Sergai).
    """
    if len(rest) < len(part) and part.endswith(rest):
        return True
    for whole in (part, part[1:]) if part[:1] in VOWELS else (part,):
        if letters_in_order(rest, whole) and rest[-1] == whole[-1]:
            return True
    return False


MAX_EXPANSION_WORDS = 6


def expand_own_acronyms(
    name: str, description: str, known: Container[str], is_word: Callable[[str], bool] | None = None
) -> str:
    """`name` with each acronym the proposal itself spells out or defines replaced by that expansion.

    "SKCK Online" with "Surat Keterangan Catatan Kepolisian" in its description reads as
    the expansion: an acronym the registry has never seen would otherwise weigh as the
    rarest word there is and drown the words that say what the application does. A name the
    description defines ("SIPANDAI (Sistem Pengiriman Naskah …)") reads as its definition.
    Only words the registry does not know (`known`) are expanded. A coined word no prefixes
    spell, and that no dictionary, synonym or place knows (`is_word`; None: never read so),
    may be a contraction of syllables from inside its words: "SIKENDIS" for kendaraan dinas,
    "SINADIS" for naskah dinas, "Bapas" for balai pemasyarakatan (`spells_loosely`).
    """
    name_words = fold_words(name)
    text_words = [w for w in fold_words(name + " " + description) if w not in FUNCTION_WORDS][:120]
    definitions = defined_acronyms(description)
    out: list[str] = []
    loose_tries = 0  # a name of a thousand coined words must not cost a thousand loose searches
    i = 0
    while i < len(name_words):
        run, defined = next(
            (
                (run, defined)
                for run, defined in definitions.items()
                if tuple(name_words[i : i + len(run)]) == run and "".join(run) not in known
            ),
            ((), []),
        )
        if defined:
            out.extend(defined)
            i += len(run)
            continue
        word = name_words[i]
        i += 1
        expansion: list[str] = []
        if 3 <= len(word) <= 10 and word.isalpha() and word not in known and word not in FUNCTION_WORDS:
            for spelt in _spelt_parts(word):
                expansion = _spelled_run(spelt, word, text_words)
                if expansion:
                    break
            if not expansion and len(name_words) == 1:
                expansion = opening_clause(description)
            if not expansion and is_word is not None and not is_word(word) and loose_tries < LOOSE_MAX_TRIES:
                loose_tries += 1
                for spelt in _spelt_parts(word):
                    expansion = _spelled_run(spelt, word, text_words, spells_loosely, LOOSE_EXPANSION_WORDS)
                    if expansion:
                        break
        out.extend(expansion or [word])
    return " ".join(out)


# "SIPANDAI (Sistem Pengiriman Naskah dan Disposisi Antar Instansi)", "NGANTRI SEHAT = Ngambil
# Antrian Tanpa Repot di Puskesmas": a capitalised name the description defines, in brackets or
# after "=". Bounded quantifiers and a 400-character window: no backtracking on hostile text.
_DEFINED = re.compile(
    r"\b([A-Z][A-Z0-9-]{1,15}(?: [A-Z][A-Z0-9-]{1,15}){0,2}) ?(?:\(([^()]{5,120})\)|= ?([^.;:\n]{5,120}))"
)
MAX_DEFINITION_WORDS = 8  # content words of a definition; more is a description, not a name's expansion
# ... and the other way round: "nomor antrean poli di puskesmas (PKM)", "harga barang kebutuhan pokok dan
# barang penting (bapokting)": the words before the bracket, back to the last punctuation.
_EXPANDED = re.compile(r"([^()\[\].,;:!?]{3,160})\(([A-Za-z][A-Za-z-]{1,14})\)")


def defined_acronyms(description: str) -> dict[tuple[str, ...], list[str]]:
    """Capitalised names the description defines, as folded words -> the definition's folded words.

    An agency introduces its brand where it first uses it: "SI BULAN (Sistem Bayi dan Balita
    Lengkap Vaksin)", "NGANTRI SEHAT = Ngambil Antrian Tanpa Repot di Puskesmas", or the other
    way round, "barang kebutuhan pokok dan barang penting (bapokting)": the shortest run of the
    last few words before the bracket that starts as the acronym does and holds its letters in
    order ("puskesmas (PKM)"). Otherwise the letters need not spell the definition (SIPANDAI
    does not quite spell its own): the agency says what the name means, and that is what the
    application does.
    """
    found: dict[tuple[str, ...], list[str]] = {}
    for match in _DEFINED.finditer(description[:400]):
        head = tuple(fold_words(match.group(1)))
        definition = match.group(2) or match.group(3) or ""
        words = fold_words(definition)
        content = [w for w in words if w not in FUNCTION_WORDS]
        if "," in definition:
            continue  # a list ("UMKM (kemasan, label, izin edar)") says what it holds, not what the name means
        if head and head not in found and 2 <= len(content) <= MAX_DEFINITION_WORDS and len(words) > len(head):
            found[head] = words
    for match in _EXPANDED.finditer(description[:400]):
        acronym = "".join(fold_words(match.group(2)))
        before = fold_words(match.group(1))[-MAX_EXPANSION_WORDS:]
        runs = [before[i:] for i in reversed(range(len(before))) if before[i] not in FUNCTION_WORDS]
        spelt = next((run for run in runs if letters_in_order(acronym, "".join(run))), [])
        if len(acronym) >= 3 and spelt and (acronym,) not in found:
            found[(acronym,)] = spelt
    return found


def opening_clause(description: str) -> list[str]:
    """The words before a description's first colon, when they are few enough to be a name's expansion.

    "SIRUSA" / "Sistem Informasi Rujukan Statistik: konsep, definisi ...": an acronym-only name
    whose letters are not word prefixes, spelled out where the agency introduces it.
    """
    head, colon, _ = description[:200].partition(":")
    words = fold_words(head)
    return words if colon and 2 <= len(words) <= MAX_EXPANSION_WORDS else []


def _spelt_parts(word: str) -> list[str]:
    """The acronym itself, then what follows an implied lead ("SIPJU": SI, then PJU), at least 3 letters."""
    parts = [word] if len(word) <= 8 else []
    parts += [word[len(p) :] for p in ACRONYM_LEADS if word.startswith(p) and 3 <= len(word) - len(p) <= 8]
    return parts


def _spelled_run(
    acronym: str,
    word: str,
    text_words: list[str],
    spelt: Callable[[str, list[str]], bool] = spells,
    longest: int = MAX_EXPANSION_WORDS,
) -> list[str]:
    """The first run of `text_words` (up to `longest` words) that spells `acronym` (never one holding `word` itself)."""
    for start in range(len(text_words)):
        for size in range(2, min(longest, len(acronym)) + 1):
            run = text_words[start : start + size]
            if len(run) == size and word not in run and spelt(acronym, run):
                return run
    return []


LOOSE_EXPANSION_WORDS = 3  # a contraction of syllables covers two or three words
LOOSE_MIN_LETTERS = 5  # shorter, and letters in order would fit almost any run
LOOSE_MAX_TRIES = 3  # coined words of one name read loosely: a name holds one or two


def spells_loosely(acronym: str, words: list[str]) -> bool:
    """True when each word in turn gives `acronym` a piece that starts as the word does, its other letters in order.

    "kendis": KENdaraan DInaS; "bapas": BAlai PemASyarakatan. Looser than `spells`, so only
    for a coined word of at least LOOSE_MIN_LETTERS letters spelt by two or three words
    of the proposal's own text.
    """
    if len(acronym) < LOOSE_MIN_LETTERS:
        return False

    def walk(pos: int, index: int) -> bool:
        if index == len(words):
            return pos == len(acronym)
        word = words[index]
        rest = len(words) - index - 1
        for end in range(pos + 1, len(acronym) - rest + 1):
            if letters_in_order(acronym[pos:end], word) and walk(end, index + 1):
                return True
        return False

    return walk(0, 0)


_LETTERS = re.compile(r"[A-Za-z]+")  # one pass, no backtracking: a 10,000-letter "word" costs a scan
_CAMEL_CUT = re.compile(r"(?<=[a-z])(?=[A-Z])")
SPLIT_MIN_PART = 3  # a registry word of at least this many letters must be among the parts


def split_glued(text: str, real: Container[str]) -> str:
    """`text` with a capitalised word glued to the next split where the glued form is no registry word.

    "InfoGempa", "AduanKonten", "CekHarga", "eKinerja": the glued word is unknown and would
    weigh like the rarest word there is, while its parts say what the app does. Split only when
    one part is a registry word (`real`) of SPLIT_MIN_PART letters or more and no later part is
    an acronym: "SiKaPe" and "InaRISK" stay brands, "SIMPeg" (no lower-case letter before a
    capital) stays one word.
    """

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        parts = _CAMEL_CUT.split(word)
        if len(parts) == 1 or word.lower() in real or any(sum(c.isupper() for c in p) > 1 for p in parts[1:]):
            return word  # a registry word, or a brand with an acronym in it ("InaRISK")
        if not any(len(p) >= SPLIT_MIN_PART and p.lower() in real for p in parts):
            return word
        return " ".join(parts)

    return _LETTERS.sub(split, text)


def join_halves(text: str, real: Container[str]) -> str:
    """`text` with two adjacent words joined where the joined form is a registry word (`real`).

    "Geo Portal" is the registry's "geoportal": the unknown half would weigh like the rarest
    word there is. "Non Tunai" is its "nontunai" (non-cash): two words the registry also
    knows, which apart say neither "non-cash" nor anything else. A one-letter half
    never joins ("in a" is not "ina").
    """
    words = fold_words(text)
    out: list[str] = []
    i = 0
    joined = False
    while i < len(words):
        if i + 1 < len(words):
            pair = words[i] + words[i + 1]
            if pair in real and pair.isalpha() and min(len(words[i]), len(words[i + 1])) >= 2:
                out.append(pair)
                i += 2
                joined = True
                continue
        out.append(words[i])
        i += 1
    return " ".join(out) if joined else text
