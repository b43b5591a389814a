"""Manifest reading: hostile YAML is `invalid` with a position, never a crash or a hang."""

from __future__ import annotations

import os

import pytest

from checker.judging.manifest import Manifest, Rejected, position_of, read_manifest
from tests.conftest import VALID_MANIFEST


def rejected(write, content, name="m.yaml") -> Rejected:
    result = read_manifest(write(name, content), name)
    assert isinstance(result, Rejected), f"expected invalid, got {result}"
    return result


def test_valid_manifest_keeps_positions(write):
    result = read_manifest(write("m.yaml", VALID_MANIFEST), "m.yaml")
    assert isinstance(result, Manifest)
    assert result.id == "karawang-contoh"
    assert result.position("spec.functions[0]") == (16, 15)
    assert result.position("metadata.agency.code") == (7, 11)
    # a missing field points at its nearest parent
    assert result.position("spec.hosting.drSite") == (17, 3)


@pytest.mark.parametrize(
    "content,needle,line",
    [
        ("a: 1\na: 2\n", "Duplicate key 'a'", 2),
        ("a: &x [1]\nb: *x\n", "aliases", 1),
        (
            "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
            "aliases",
            1,
        ),
        ("a: !!python/object/apply:os.system ['echo hi']\n", "tag", 1),
        ("a: !Ref x\n", "tag", 1),
        ("base: &b {x: 1}\nm:\n  <<: *b\n", "merge keys", 3),
        ("a: 1\n---\nb: 2\n", "more than one YAML document", 2),
        ("", "empty", 1),
        ("a: [1, 2\nb: 3\n", "syntax", 2),
        ("a: .nan\n", "finite", 1),
        ("a: \x07\n", "forbidden character", 1),
    ],
)
def test_hostile_yaml_is_invalid_with_position(write, content, needle, line):
    result = rejected(write, content)
    violation = result.violations[0]
    assert violation.rule == "SPBE-SCH-001"
    assert needle in violation.message.en
    assert violation.line == line
    assert violation.message.id and violation.message.id != violation.message.en


def test_deep_nesting_is_refused(write):
    result = rejected(write, "a: " + "[" * 3000 + "]" * 3000 + "\n")
    assert "nested too deeply" in result.violations[0].message.en


def test_oversized_file_is_refused_without_reading_it_all(write):
    result = rejected(write, "a: " + "x" * (10 * 1024 * 1024) + "\n")
    assert "limit is 256 KiB" in result.violations[0].message.en


@pytest.mark.parametrize(
    "raw,needle",
    [
        (b"\xff\xfea\x00:\x00 \x001\x00", "UTF-16"),
        (b"a: caf\xe9\n", "not valid UTF-8"),
    ],
)
def test_non_utf8_is_refused(write, raw, needle):
    assert needle in rejected(write, raw).violations[0].message.en


def test_utf8_bom_is_accepted(write):
    result = read_manifest(write("m.yaml", b"\xef\xbb\xbf" + VALID_MANIFEST.encode()), "m.yaml")
    assert isinstance(result, Manifest)


def test_symlink_is_refused(write, tmp_path):
    target = write("real.yaml", VALID_MANIFEST)
    link = tmp_path / "link.yaml"
    os.symlink(target, link)
    result = read_manifest(link, "link.yaml")
    assert isinstance(result, Rejected) and "symbolic link" in result.violations[0].message.en


@pytest.mark.parametrize(
    "content,hint",
    [
        ("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n", "OpenAPI"),
        ("apiVersion: spbe.go.id/v1\nkind: Registry\n", "registry"),
        ("- a\n- b\n", "list"),
    ],
)
def test_not_a_manifest(write, content, hint):
    violation = rejected(write, content).violations[0]
    assert violation.rule == "SPBE-SCH-002" and hint in violation.message.en


def test_schema_errors_point_at_the_field(write):
    text = VALID_MANIFEST.replace('code: "32.15"', "code: 32.15").replace(
        "country: ID", "country: ID\n    drsite: PDN-BATAM"
    )
    result = rejected(write, text)
    by_field = {v.field: v for v in result.violations}
    assert by_field["metadata.agency.code"].rule == "SPBE-SCH-003"
    assert "quotes" in by_field["metadata.agency.code"].message.en
    assert by_field["metadata.agency.code"].line == 7
    unknown = by_field["spec.hosting.drsite"]
    assert "Did you mean drSite" in unknown.message.en and unknown.line == 21


def test_kind_specific_required_fields(write):
    text = VALID_MANIFEST.replace("kind: module\n  extends: SHARED-INAPAS\n", "kind: new\n")
    fields = {v.field for v in rejected(write, text).violations}
    assert "spec.justification" in fields


def test_bidi_and_lookalike_characters_are_refused(write):
    text = VALID_MANIFEST.replace("name: Contoh Karawang", 'name: "Contoh \u202eKarawang"').replace(
        "id: karawang-contoh",
        "id: karawang-cоntoh",  # noqa: RUF001 - a Cyrillic o on purpose
    )
    fields = {v.field for v in rejected(write, text).violations}
    assert {"metadata.name", "metadata.id"} <= fields


def test_position_of_falls_back_to_parent():
    positions = {"spec": (10, 1), "spec.apis[0]": (12, 7)}
    assert position_of(positions, "spec.apis[0].gateway") == (12, 7)
    assert position_of(positions, "spec.other") == (10, 1)
    assert position_of({}, "x") == (None, None)


def test_reader_keeps_where_each_value_ends() -> None:
    """SARIF regions end where the offending value ends (column exclusive, as SARIF counts)."""
    from checker.plumbing.yamlsafe import parse_yaml

    doc = parse_yaml('a: plain value\nb: "quoted"\nc: [X-1, Y-22]\nd:\n  e: 1\n')
    assert doc.positions["a"] == (1, 4) and doc.ends["a"] == (1, 15)
    assert doc.ends["b"] == (2, 12)  # the quotes belong to the value
    assert doc.positions["c[1]"] == (3, 10) and doc.ends["c[1]"] == (3, 14)
    assert doc.positions["d"] == (4, 1) and doc.ends["d"] == (4, 2)  # a block: its key


@pytest.mark.parametrize(
    "dr_site, field, en, id_",
    [
        (
            "{provider: pdn, site: PDN-BATAM}",
            "spec.hosting.drSite.country",
            "Missing required field spec.hosting.drSite.country",
            "Kolom wajib spec.hosting.drSite.country tidak ada",
        ),
        (
            "{provider: ftp, site: X, country: ID}",
            "spec.hosting.drSite.provider",
            "spec.hosting.drSite.provider is 'ftp'; allowed",
            "yang diizinkan",
        ),
        (
            "{provider: pdn, site: PDN-IKN, country: ID, rack: 7}",
            "spec.hosting.drSite.rack",
            "Unknown field spec.hosting.drSite.rack",
            "Kolom tidak dikenal",
        ),
        ("[PDN-BATAM]", "spec.hosting.drSite", "must be of type string, not list", "harus bertipe string"),
    ],
)
def test_the_structured_recovery_site_is_checked_field_by_field(write, dr_site, field, en, id_):
    """drSite is a string or {provider, site, country}; a wrong object names the wrong key, in both languages."""
    text = VALID_MANIFEST.replace("    site: PDN-JABODETABEK\n", f"    site: PDN-JABODETABEK\n    drSite: {dr_site}\n")
    result = rejected(write, text)
    found = [v for v in result.violations if v.field == field]
    assert found, [(v.field, v.message.en) for v in result.violations]
    assert en in found[0].message.en and id_ in found[0].message.id
    assert found[0].line == text.splitlines().index(f"    drSite: {dr_site}") + 1


def test_a_structured_recovery_site_is_valid(write):
    text = VALID_MANIFEST.replace(
        "    site: PDN-JABODETABEK\n",
        "    site: PDN-JABODETABEK\n    drSite: {provider: gov-cloud, site: Cloud B, country: ID}\n",
    )
    assert isinstance(read_manifest(write("m.yaml", text), "m.yaml"), Manifest)


@pytest.mark.parametrize(
    "kind, extra", [("new", "  justification: x\n"), ("replacement", "  replaces: [APP-000001]\n")]
)
def test_extends_is_refused_for_kinds_without_a_host(write, kind, extra):
    text = VALID_MANIFEST.replace("  kind: module\n", f"  kind: {kind}\n{extra}")
    result = rejected(write, text)
    (violation,) = [v for v in result.violations if v.field == "spec.extends"]
    assert (violation.line, violation.column) == (13, 12)  # below the inserted line
    assert f"spec.extends is not allowed with spec.kind {kind}" in violation.message.en
    assert f"spec.extends tidak diizinkan untuk spec.kind {kind}" in violation.message.id
