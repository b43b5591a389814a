"""JSON Schema validation whose `pattern` keyword runs in linear time (RE2), whatever the input.

Python's `re` backtracks: one ambiguous schema pattern on a hostile 40,000-character
string ran for minutes (issue 14.5). RE2 matches in time linear in the input for every
pattern, so no future edit to a schema can bring that back. Schema patterns are written
in ECMA-262 syntax (what editors use); the only ECMA escape RE2 lacks is `\\uXXXX`, which
is rewritten as RE2's `\\x{XXXX}`. An unsupported construct (a backreference or a
look-around) fails at compile time, loudly, instead of silently falling back.

Most documents are valid, and saying so is the hot path (`check` of a batch, the audit of
27,400 apps): `FastValidator` answers that with jsonschema-rs, compiled with the Rust `regex`
crate, which is linear-time like RE2. Only a document it rejects is walked by the
jsonschema validator above, whose errors carry the paths and messages users read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import re2

_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")


def to_re2(pattern: str) -> str:
    """An ECMA-262 schema pattern in RE2 syntax."""
    return _UNICODE_ESCAPE.sub(lambda m: f"{m.group(1)}\\x{{{m.group(2)}}}", pattern)


@functools.lru_cache(maxsize=256)
def compiled(pattern: str) -> Any:
    """The RE2 program for a schema pattern (schemas are trusted; a bad pattern raises)."""
    options = re2.Options()
    options.log_errors = False
    return re2.compile(to_re2(pattern), options)


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    if validator.is_type(instance, "string") and not compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


LinearValidator: type[jsonschema.Draft202012Validator] = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _pattern}
)


class FastValidator:
    """Is a document valid? jsonschema-rs, about 20 times faster than walking it with jsonschema.

    Both implement draft 2020-12 without format assertions, so they agree on validity
    (tests/test_schema_fast.py checks that on generated documents). A document the Rust side
    cannot read (a YAML date, a non-string key) is reported not valid, so the slow path judges it.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        import jsonschema_rs

        # RegexOptions: the `regex` crate, linear-time; fancy-regex (the default) can backtrack.
        self._validator = jsonschema_rs.Draft202012Validator(schema, pattern_options=jsonschema_rs.RegexOptions())

    def is_valid(self, instance: Any) -> bool:
        try:
            return bool(self._validator.is_valid(instance))
        except (ValueError, TypeError, OverflowError):
            return False
