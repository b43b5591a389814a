"""Characters a reviewer cannot see: Unicode format characters (category Cf), the
Default_Ignorable_Code_Point set, and control characters other than tab and newline.

A name with U+2060 WORD JOINER or U+3164 HANGUL FILLER looks like another name in every
report, so such characters are refused wherever a manifest holds text. The sets come
from Unicode, not from a hand list: the category from `unicodedata`, the
Default_Ignorable_Code_Point ranges (which `unicodedata` lacks) from the Unicode
Character Database file shipped in checker/data/ with its source and licence.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_IGNORABLE_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "DerivedCoreProperties-Default_Ignorable_Code_Point.txt"
)
_ALLOWED_CONTROLS = frozenset("\t\n\r")


@functools.lru_cache(maxsize=1)
def _default_ignorable() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sorted starts and ends (inclusive) of the Default_Ignorable_Code_Point ranges."""
    starts: list[int] = []
    ends: list[int] = []
    for line in DEFAULT_IGNORABLE_FILE.read_text(encoding="utf-8").splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        codes, prop = (part.strip() for part in data.split(";"))
        if prop != "Default_Ignorable_Code_Point":
            continue
        first, _, last = codes.partition("..")
        starts.append(int(first, 16))
        ends.append(int(last or first, 16))
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return tuple(starts[i] for i in order), tuple(ends[i] for i in order)


def is_default_ignorable(char: str) -> bool:
    starts, ends = _default_ignorable()
    code = ord(char)
    index = bisect.bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


def is_invisible(char: str) -> bool:
    """Cf, Default_Ignorable_Code_Point, or a control character other than tab, LF and CR."""
    category = unicodedata.category(char)
    if category == "Cc":
        return char not in _ALLOWED_CONTROLS
    return category == "Cf" or is_default_ignorable(char)


def first_invisible(text: str) -> tuple[int, str] | None:
    """(index, character) of the first invisible character in `text`, or None."""
    if text.isascii():
        for index, char in enumerate(text):
            if (char < " " and char not in _ALLOWED_CONTROLS) or char == "\x7f":
                return index, char
        return None
    for index, char in enumerate(text):
        if is_invisible(char):
            return index, char
    return None


def describe(char: str) -> str:
    """U+2060 WORD JOINER: how a message names a character nobody can see."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '(unnamed)')}"


def invisible_in(data: Any, path: str = "") -> Iterator[tuple[str, int, str]]:
    """(field path, index, character) for each key or string value of `data` holding an invisible character."""
    stack: list[tuple[Any, str]] = [(data, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            found = first_invisible(node)
            if found:
                yield where, found[0], found[1]
        elif isinstance(node, dict):
            for key, value in node.items():
                child = f"{where}.{key}" if where else str(key)
                found = first_invisible(str(key))
                if found:
                    yield child, found[0], found[1]
                stack.append((value, child))
        elif isinstance(node, list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(node))


def bmp_pattern_class(also: str = "") -> str:
    """The invisible characters of the Basic Multilingual Plane as the inside of a JSON Schema character class.

    The manifest schema's `text` and `longText` patterns carry it so that editors flag what
    the CLI refuses; characters beyond U+FFFF (tags, musical format controls) cannot be
    written as `\\uXXXX` in an ECMA-262 pattern without the `u` flag, so only the CLI's scan
    (invisible_in) covers them. `also` adds characters (tab and newlines, for one-line text).
    tests/test_invisible.py keeps the schema equal to this.
    """
    ranges: list[list[int]] = []
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not (is_invisible(char) or char in also):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
