"""Schema patterns on untrusted text run in linear time (issue 14.5) and mean the same in RE2 as in the schema's own dialect."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.judging.manifest import Manifest, read_manifest
from checker.judging.patterns import FastValidator, LinearValidator, compiled, to_re2
from checker.plumbing.paths import SCHEMAS_DIR
from tests.conftest import VALID_MANIFEST


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


# The schemas jsonschema applies to untrusted files with RE2 (checker/judging/patterns.py). The registry schema is
# applied by jsonschema-rs, whose Rust regex engine is linear for patterns without look-around or
# back-references (tests/test_registry.py), and the registry comes from the trusted base revision.
SCHEMAS = {
    p.name: json.loads(p.read_text(encoding="utf-8"))
    for p in sorted(SCHEMAS_DIR.glob("*.json"))
    if p.name != "registry.schema.json"
}
PATTERNS = sorted({p for schema in SCHEMAS.values() for p in _patterns(schema)})


def test_the_audit_sees_every_schema_pattern():
    assert len(PATTERNS) >= 10
    for name, schema in SCHEMAS.items():
        # patternProperties would be matched by jsonschema with Python's backtracking `re`
        assert "patternProperties" not in json.dumps(schema), name


def test_hostile_contact_is_refused_in_bounded_time(write):
    """The issue's repro: 'a@' + 40,000 dots + ' ' made `check` run for 16 minutes."""
    hostile = "'a@" + "." * 40_000 + " '"
    started = time.monotonic()
    result = read_manifest(write("m.yaml", VALID_MANIFEST.replace("diskominfo@karawangkab.go.id", hostile)), "m.yaml")
    elapsed = time.monotonic() - started
    assert not isinstance(result, Manifest)
    assert [v.field for v in result.violations] == ["metadata.contact", "metadata.contact"]  # maxLength and pattern
    assert elapsed < 2  # a bound against a hang (it was minutes), not a performance measurement


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("engine", ["re2", "rust-regex"])
def test_every_pattern_is_linear_on_adversarial_input(pattern, engine):
    """Each literal character of the pattern, repeated 200,000 times and followed by a space, NUL or '@'.

    Both engines that read untrusted text: RE2 behind jsonschema, and the Rust `regex` crate behind
    the compiled validator that confirms valid documents (patterns.FastValidator)."""
    alphabet = sorted(set(re.sub(r"\\u[0-9a-fA-F]{4}|\\.", "", pattern)) | {"a", "A", "0", ".", "@", "-"})
    schema = {"type": "string", "pattern": pattern}
    fast, walker = FastValidator(schema), LinearValidator(schema)

    def judge(text: str) -> bool:
        return fast.is_valid(text) if engine == "rust-regex" else not list(walker.iter_errors(text))

    for char in alphabet:
        for tail in (" ", "\x00", "@", ""):
            text = "a@" + char * 200_000 + tail
            started = time.monotonic()
            judge(text)
            assert time.monotonic() - started < 2, (pattern, char, tail)  # a bound against a hang, not a benchmark


def test_unicode_escapes_are_translated_for_re2():
    assert to_re2(r"^[^\u0000-\u001f]*$") == r"^[^\x{0000}-\x{001f}]*$"
    assert to_re2(r"\\u0041") == r"\\u0041"  # an escaped backslash followed by 'u0041' stays literal
    assert compiled(r"^[^\u200b]*$").search("ab") and not compiled(r"^[^\u200b]*$").search("a\u200bb")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(PATTERNS),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.from_regex(
        re.compile(
            "|".join(
                f"(?:{p})"
                for p in ["^[a-z0-9][a-z0-9-]{2,62}$", "^[A-Z0-9][A-Z0-9-]{2,62}$", "^[^@ ]+@[a-z]+\\.[a-z]+$"]
            )
        ),
        fullmatch=False,
    ),
)
@example(
    pattern="^[^\\u0000-\\u001f]*$", text="\n"
)  # found by Hypothesis: Python's `$` also matches before a final newline
def test_re2_agrees_with_python_re_on_every_schema_pattern(pattern, text):
    """The schema's patterns avoid constructs whose meaning differs between engines (such as \\s and \\d)."""
    assert bool(compiled(pattern).search(text)) == bool(re.search(ecma_in_python(pattern), text))


def ecma_in_python(pattern: str) -> str:
    """A schema pattern as ECMA-262 (the schema's dialect) reads it, in Python's syntax.

    Without the multiline flag ECMA's `$` is the end of the input, which Python writes `\\Z`: Python's
    `$` also matches before a final newline, so "name\\n" would pass `^[a-z]+$` there. RE2 reads `$` as
    ECMA does. Only a final `$` is translated; any other `$` fails here, to be looked at.
    """
    assert pattern.count("$") == int(pattern.endswith("$")), pattern
    return pattern[:-1] + "\\Z" if pattern.endswith("$") else pattern


def test_a_trailing_newline_does_not_pass_an_anchored_schema_pattern() -> None:
    """What the product does (RE2, as ECMA-262 means `$`), where Python's `re` would say yes."""
    assert re.search("^[a-z]+$", "name\n")  # Python's reading, which the schemas do not mean
    assert not compiled("^[a-z]+$").search("name\n")
    assert not re.search(ecma_in_python("^[a-z]+$"), "name\n")


@pytest.mark.parametrize(
    "contact,ok",
    [
        ("diskominfo@karawangkab.go.id", True),
        ("tim.aplikasi+spbe@kemenkes.go.id", True),
        ("a@b", False),
        ("a@b.", False),
        ("a@.b", False),
        ("a@b..c", False),
        ("a b@c.id", False),
        ("a@b.c\u00a0", False),
        ("a@@b.id", False),
        ("a\x1f@b.id", False),
    ],
)
def test_contact_pattern(contact, ok):
    schema = SCHEMAS["manifest.schema.json"]["properties"]["metadata"]["properties"]["contact"]
    assert (not list(LinearValidator(schema).iter_errors(contact))) == ok


def test_secret_scrubbing_is_linear_on_hostile_text():
    """The audit of regexes on untrusted text found `\\s*[:=]?\\s*` in the token scrubber: 97 s on 20,000 spaces."""
    from checker.plumbing.secrets import scrub

    started = time.monotonic()
    scrub("token" + " " * 20_000 + "x")
    scrub(("Authorization " + " " * 50) * 2_000)
    scrub("a-" * 10_000)  # `\b[a-z_-]*token` and an unbounded URL scheme were quadratic here (2.0 s and 0.7 s)
    scrub("?" + "token" * 5_000)
    scrub("a://" * 20_000)
    assert time.monotonic() - started < 2  # a bound against a hang, not a performance measurement
    for text in (
        "Authorization: Bearer abcdefgh12345",
        "token=abcdefgh12345",
        "bearer abcdefgh12345",
        '"token": "abcdefgh12345"',
        "Authorization: token abcdefgh12345",
    ):
        assert "abcdefgh12345" not in scrub(text), text


_OLD_SPACES = re.compile(r"[ \t]*\n[ \t]*")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\u2028\u3000:#[vsox", max_size=60))
def test_linear_output_escapes_mean_what_the_quadratic_ones_meant(text):
    from checker.formats import escape

    assert escape._SPACES.sub(" ", text) == _OLD_SPACES.sub(" ", text)


def test_output_escapes_are_linear_on_hostile_text():
    """Found by the audit: 20,000 newlines took 6.6 s in the CI-command defuser, 20,000 blanks 1.1 s in the space folder."""
    from checker.formats import escape

    started = time.monotonic()
    for text in ("\n" * 200_000 + "x", " \n" * 100_000, " " * 200_000 + "x", "\t" * 200_000, "\r:" * 100_000):
        escape.defuse_ci_commands(text)
        escape._SPACES.sub(" ", text)
    assert time.monotonic() - started < 2  # a bound against a hang, not a performance measurement
