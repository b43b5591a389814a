"""Invisible characters in manifests (issue 16.7): refused by Unicode property, not by a hand list."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from checker.judging.invisible import DEFAULT_IGNORABLE_FILE, first_invisible, is_default_ignorable, is_invisible
from checker.judging.manifest import Manifest, Rejected, read_manifest
from tests.conftest import VALID_MANIFEST


@pytest.mark.parametrize(
    "char",
    [
        "\u2060",
        "\u180e",
        "\u00ad",
        "\u3164",
        "\u061c",
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u202e",
        "\u2066",
        "\ufe0f",
        "\U000e0041",
        "\U0001d173",
    ],
)
@pytest.mark.parametrize(
    "field,old",
    [
        ("metadata.name", "Contoh Karawang"),
        ("spec.description", "Contoh modul."),
        ("spec.hosting.site", "PDN-JABODETABEK"),
        ("metadata.agency.name", "Pemerintah Kabupaten Karawang"),
    ],
)
def test_invisible_characters_are_refused_with_the_field_and_position(write, char, field, old):
    text = VALID_MANIFEST.replace(old, old[:3] + char + old[3:])
    result = read_manifest(write("m.yaml", text), "m.yaml")
    assert isinstance(result, Rejected), repr(char)
    [violation] = [v for v in result.violations if v.field == field]
    assert violation.rule == "SPBE-SCH-003" and violation.line and violation.column
    if "invisible" in violation.message.en:  # the schema's own pattern may refuse it first
        assert f"U+{ord(char):04X}" in violation.message.en and "karakter tak terlihat" in violation.message.id


def test_the_issue_characters_were_missed_by_the_old_hand_list(write):
    """U+2060, U+180E, U+00AD, U+3164 and U+061C passed before; each now gets the invisible-character message."""
    for char in "\u2060\u180e\u00ad\u3164\u061c":
        result = read_manifest(
            write("m.yaml", VALID_MANIFEST.replace("Contoh Karawang", "Contoh" + char + " Karawang")), "m.yaml"
        )
        assert isinstance(result, Rejected)
        assert "invisible character" in result.violations[0].message.en


@pytest.mark.parametrize("escape", ["\\e", "\\x85", "\\x7f", "\\u2060", "\\U000E0041"])
def test_escaped_characters_are_refused_in_fields_without_a_text_pattern(write, escape):
    """Written as YAML escapes in a double-quoted string, in `openapi`, which the schema bounds by length only."""
    text = VALID_MANIFEST.replace(
        "  hosting:",
        "  interoperability:\n    apis:\n      - name: laporan\n"
        f'        openapi: "apis/laporan{escape}.yaml"\n        gateway: direct\n  hosting:',
    )
    result = read_manifest(write("m.yaml", text), "m.yaml")
    assert isinstance(result, Rejected)
    [violation] = result.violations
    assert violation.field == "spec.interoperability.apis[0].openapi" and "invisible character" in violation.message.en
    assert (violation.line, violation.column) == (20, 18)


def test_visible_text_in_other_scripts_is_accepted(write):
    for name in (
        "Lapor Warga Karawang — Aduan",
        "Sistem Informasi Kependudukan Aceh (سيستم)",
        "Pelayanan ꦗꦮ Jogja",
        "Café Gayo",
        "Tanda tangan 電子",
    ):
        result = read_manifest(write("m.yaml", VALID_MANIFEST.replace("Contoh Karawang", name)), "m.yaml")
        assert isinstance(result, Manifest), (name, result)


def test_tabs_and_newlines_stay_allowed_in_free_text():
    assert first_invisible("baris satu\nbaris dua\tkolom\r\n") is None


def test_default_ignorable_ranges_come_from_the_unicode_file():
    text = DEFAULT_IGNORABLE_FILE.read_text(encoding="utf-8")
    assert "DerivedCoreProperties.txt" in text and "unicode.org/copyright.html" in text
    assert "14.0.0" in text and unicodedata.unidata_version.split(".")[0] >= "14"
    # Spot checks against the Unicode 14 property, including the ends of ranges.
    for code in (
        0x00AD,
        0x034F,
        0x115F,
        0x1160,
        0x17B4,
        0x180B,
        0x180F,
        0x2060,
        0x206F,
        0x3164,
        0xFE00,
        0xFFA0,
        0xFFF8,
        0x1BCA3,
        0xE0000,
        0xE0FFF,
    ):
        assert is_default_ignorable(chr(code)), hex(code)
    for code in (0x00AC, 0x0041, 0x1161, 0x2070, 0xFFF9, 0xE1000, 0x10FFFF):
        assert not is_default_ignorable(chr(code)), hex(code)


def test_every_format_character_is_invisible():
    """The Cf category, from unicodedata, whole: no character of it is missed."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) == "Cf":
            assert is_invisible(char), hex(code)


def test_the_editor_schema_refuses_the_same_characters_in_the_basic_plane():
    """The schema's text patterns are generated from the same Unicode sets, so an editor flags what the CLI refuses."""
    import json

    from checker.judging.invisible import bmp_pattern_class
    from checker.judging.patterns import compiled
    from checker.plumbing.paths import MANIFEST_SCHEMA

    defs = json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))["$defs"]
    assert defs["text"]["pattern"] == f"^[^{bmp_pattern_class(chr(9) + chr(10) + chr(13))}]*$"
    assert defs["longText"]["pattern"] == f"^[^{bmp_pattern_class()}]*$"
    single, free = compiled(defs["text"]["pattern"]), compiled(defs["longText"]["pattern"])
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        assert bool(free.search(char)) == (not is_invisible(char)), hex(code)
        assert bool(single.search(char)) == (not is_invisible(char) and char not in "\t\n\r"), hex(code)
