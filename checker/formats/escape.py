"""Sanitisers shared by every output format.

Manifest authors control most of the text in a report (ids, names, field values
quoted in messages, file names), and registries can be fetched from a URL. A
report is printed to CI logs, posted as a pull-request comment and loaded into
code-scanning UIs, so each format neutralises what would be live in its medium:
terminal escape sequences, CI workflow commands, Markdown/HTML markup, XML-illegal
characters. Keeping the rules here means every format applies the same ones.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Terminal escape sequences, removed whole so nothing of them reaches a terminal:
# CSI (colours, cursor moves), the string commands OSC/DCS/SOS/PM/APC when
# terminated (OSC 8 hyperlinks, window titles, clipboard writes), and the short
# two-character ESC sequences. What is left of an unterminated one is plain text.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
# C0 controls except tab/newline/carriage return (handled below), DEL, C1 controls,
# and the bidirectional overrides/isolates that make text display differently from
# what it is ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
# Leading blanks are taken only from the first blank of a run, so each run is scanned once: linear
# (`[ \t]*\n[ \t]*` rescanned a run of blanks from each of its positions: quadratic).
_SPACES = re.compile(r"(?:(?<![ \t])[ \t]+)?\n[ \t]*")

# Characters that make markup anywhere in a line (emphasis, code, links, tables, strikethrough,
# GitLab's {+ +} diffs), backslash-escaped. Others only matter at the start of a line (lists,
# headings, setext underlines, ordered lists) and are escaped only there; `-`, `.`, `(`, `!`
# inside a value are plain text and stay readable (`SPBE-MOR-003`, `manifest(s)`).
_MD_PUNCTUATION = frozenset("\\`*_{}[]|~")
_MD_LINE_START = re.compile(r"^([ ]*)(?:([-+#=])|(\d{1,9})([.)]))")
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
ZWSP = "\u200b"
# Bare URLs that GFM would turn into links even when every punctuation mark is escaped.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9+.-]:)(?=//)|(?<=\bwww)(?=\.)")

# Every character some reader of a log takes as the end of a line: the runners split on
# CR, LF and CR LF; terminals, log viewers and Unicode-aware splitters (Python's
# str.splitlines, JavaScript) also break at VT, FF, the file/group/record separators,
# NEL and U+2028/U+2029.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Lines a CI runner reads as commands. GitHub Actions runs a line whose first non-blank
# characters are `::` (`::add-mask::`, `::stop-commands::`; the runner trims Unicode
# white space first); its legacy `##[cmd]` form and Azure Pipelines' `##vso[` are
# found *anywhere* in a line, so those are broken wherever they occur.
# Blanks before the `:` are matched without line breaks, so each line is scanned once:
# linear time even on a value made of 200,000 line breaks. The pattern starts with the
# break itself (not a look-behind) so the engine can skip to candidates quickly.
_LINE_START_COLON = re.compile(rf"(\A|[{LINE_BREAKS}])([^\S{LINE_BREAKS}]*+):")
_HASH_COMMAND = re.compile(r"#(?=#(?:\[|vso\[))", re.IGNORECASE)
# A chunk of a stream ending in one of these may become `##[`/`##vso[` with the next chunk.
_HASH_COMMAND_PREFIX = re.compile(r"#(?:#(?:v(?:s(?:o)?)?)?)?\Z", re.IGNORECASE)

# Characters left raw by `json.dumps(ensure_ascii=False)` that a terminal or a
# JavaScript consumer would still act on.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def strip_control(value: Any, keep_newlines: bool = False) -> str:
    """Make manifest-derived text inert on a terminal and in any text medium.

    Removes ANSI/VT escape sequences, C0/C1 control characters, DEL and bidi
    overrides; tabs become spaces; lone surrogates become U+FFFD (they cannot be
    encoded). Line breaks are normalised to `\\n` when `keep_newlines`, otherwise
    collapsed to single spaces so one value stays on one line.
    """
    text = "" if value is None else str(value)
    if text.isascii() and text.isprintable():
        return text  # no escape, control, tab or line break: most text, spared five scans
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _LINE_BREAK.sub("\n", text).replace("\t", " ")
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    if not keep_newlines:
        text = _SPACES.sub(" ", text).strip("\n")
        text = text.replace("\n", " ")
    return text


def defuse_ci_commands(text: str, at_line_start: bool = True) -> str:
    """Stop any line of a log from being run as a CI workflow command.

    A zero-width space after a line's first non-blank `:` (whatever ends the line
    before: CR, LF, CR LF, VT, FF, NEL, U+2028/U+2029…) and inside every `##[` and
    `##vso[` keeps the text readable but no longer a command. `at_line_start` says
    whether `text` begins a line (False for a chunk that continues one).
    """
    if not at_line_start:
        text = "\x00" + text  # a non-blank, non-break placeholder: the chunk's start is not a line start
    text = _LINE_START_COLON.sub(lambda m: m.group(1) + m.group(2) + ":" + ZWSP, text)
    text = _HASH_COMMAND.sub("#" + ZWSP, text)
    return text if at_line_start else text[1:]


def command_prefix_tail(text: str) -> int:
    """How many trailing characters of `text` could begin `##[` or `##vso[` with what follows."""
    match = _HASH_COMMAND_PREFIX.search(text)
    return len(match.group()) if match else 0


def ends_blank_line(text: str, was_blank: bool) -> bool:
    """Whether, after `text`, the current line holds only white space so far."""
    last_break = max(text.rfind(ch) for ch in LINE_BREAKS)
    rest = text[last_break + 1 :]
    return (last_break >= 0 or was_blank) and not rest.strip()


def md_escape(value: Any) -> str:
    """Render a value as literal text in GitHub/GitLab Markdown, safe in a table cell, still readable.

    Control characters are stripped and line breaks collapsed (a newline would end
    the table row); HTML-significant characters become entities; the Markdown
    punctuation that makes markup anywhere is backslash-escaped so nothing becomes
    emphasis, code, a link, an image or a cell boundary, and a value that would start
    a list or heading at a line start is escaped there; `@` and `#` before a digit get
    a zero-width space so no `@team` is notified and no `#12` issue is referenced;
    bare `scheme://` and `www.` get one too so GFM does not autolink them. Hyphens,
    dots, parentheses and `!` elsewhere are left alone: escaping them is what made
    comments read as `SPBE\\-MOR\\-003` in e-mail notifications.
    """
    text = strip_control(value)
    text = _AUTOLINK.sub(ZWSP, text)
    text = re.sub(r"#(?=\d)", "#" + ZWSP, text)
    out: list[str] = []
    for char in text:
        if char in _HTML_ENTITIES:
            out.append(_HTML_ENTITIES[char])
        elif char in _MD_PUNCTUATION:
            out.append("\\" + char)
        elif char == "@":
            out.append("@" + ZWSP)
        else:
            out.append(char)
    escaped = "".join(out)
    match = _MD_LINE_START.match(escaped)
    if match:
        if match.group(2):
            escaped = match.group(1) + "\\" + escaped[len(match.group(1)) :]
        else:
            cut = match.end(3)
            escaped = escaped[:cut] + "\\" + escaped[cut:]
    return escaped


# GitLab turns these into references in a note (issues #1, merge requests !1, labels ~x,
# milestones %x, snippets $1, epics &1) and its inline diffs {+ +} [- -] into markup, even
# after Markdown escaping: a zero-width space after the sigil breaks the pattern.
_GITLAB_SIGIL = re.compile(r"(\\~|&amp;|[!%$])(?=[0-9A-Za-z\"'&])|(\\[{\[])(?=[+-])")


def gl_escape(value: Any) -> str:
    """`md_escape` for a GitLab note: also no references, no inline diffs."""
    return _GITLAB_SIGIL.sub(lambda m: (m.group(1) or m.group(2)) + ZWSP, md_escape(value))


def gh_escape_data(value: Any) -> str:
    """Escape the message part of a GitHub Actions workflow command.

    The runner decodes `%25`, `%0D` and `%0A`, so a message keeps its line breaks
    without one of them starting a new (possibly hostile) command; `##[` and
    `##vso[`, which runners act on anywhere in a line, get a zero-width space.
    """
    text = "" if value is None else str(value)
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    text = strip_control(text)  # no line break is left to collapse; this drops escapes and controls
    return _HASH_COMMAND.sub("#" + ZWSP, text)  # `##[`/`##vso[` are commands anywhere in a line


def gh_escape_property(value: Any) -> str:
    """Escape a property value (`file=`, `title=`…) of a GitHub Actions workflow command.

    Besides the data escapes, `:` would end the properties and `,` would start the
    next one.
    """
    return gh_escape_data(value).replace(":", "%3A").replace(",", "%2C")


def xml_text(value: Any) -> str:
    """Text that XML 1.0 can carry: everything but tab, newline and carriage return
    below U+0020, U+FFFE/U+FFFF and surrogates is illegal there, even escaped."""
    return strip_control(value, keep_newlines=True)


def xml_attr(value: Any) -> str:
    """Single-line text for an XML attribute (parsers normalise newlines in attributes)."""
    return strip_control(value)


def json_dumps(document: Any) -> str:
    """Serialise a report document as readable UTF-8 JSON, deterministically.

    Data stays faithful (JSON escaping already neutralises C0 controls), but DEL,
    C1 controls, bidi overrides, U+2028/U+2029 and lone surrogates are written as
    `\\uXXXX` escapes so they never reach a terminal or a JavaScript parser raw.
    Only string contents can hold such characters, so the result is still the same
    JSON value; `#` is written `\\u0023` where it would start a CI command.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    # No JSON line can begin with `:`; `##[`/`##vso[` can only occur in a string, where
    # `\u0023` is the same `#`: the document is unchanged, and no runner sees a command.
    return _HASH_COMMAND.sub(r"\\u0023", text) + "\n"


def entity_defuse_ci_commands(document: str) -> str:
    """Keep an XML or Markdown document free of CI workflow commands, without changing its content.

    In an indented XML document a line can only begin with `:` inside text content,
    and `##[`/`##vso[` only occur in text or attribute values; in Markdown both are
    text. There they take character references (`&#58;`, `&#35;`), which XML parsers
    and Markdown renderers read back as the same characters.
    """
    document = _LINE_START_COLON.sub(lambda m: m.group(1) + m.group(2) + "&#58;", document)
    return _HASH_COMMAND.sub("&#35;", document)
