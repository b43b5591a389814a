"""`--format text`: the report for a person at a terminal or reading a CI log.

Written for the civil servant who has to fix the proposal: where the problem is,
what it is, how to fix it, which registered application to reuse instead. Labels
are in English or Bahasa Indonesia. Colour only when asked for. Every value that
comes from a manifest or a registry is stripped of escape sequences and control
characters, and no output line can act as a CI workflow command.
"""

from __future__ import annotations

from checker.formats.escape import defuse_ci_commands, strip_control
from checker.formats.interface import FunctionFormatter
from checker.model import Lang, Report, Result, Suggestion, Text, Verdict, Violation

VERDICT_WORDS: dict[str, Text] = {
    "pass": Text("PASS", "LULUS"),
    "warn": Text("WARN", "PERINGATAN"),
    "fail": Text("FAIL", "GAGAL"),
    "invalid": Text("INVALID", "TIDAK SAH"),
}

LABELS: dict[str, Text] = {
    "line": Text("line", "baris"),
    "reuse": Text("Reuse", "Gunakan ulang"),
    "closest": Text("Closest registered applications", "Aplikasi terdaftar terdekat"),
    "waived": Text("waived: {decree}, until {expires}", "dikecualikan: {decree}, berlaku s.d. {expires}"),
    "expired": Text(
        "waiver {decree} expired on {expires}; it no longer applies",
        "pengecualian {decree} kedaluwarsa pada {expires}; tidak berlaku lagi",
    ),
    "invalid": Text(
        "The manifest could not be read or does not match the schema.",
        "Manifes tidak dapat dibaca atau tidak sesuai skema.",
    ),
    "summary": Text("Summary", "Ringkasan"),
    "counts": Text(
        "{pass_} pass, {warn} warn, {fail} fail, {invalid} invalid ({total} manifests)",
        "{pass_} lulus, {warn} peringatan, {fail} gagal, {invalid} tidak sah ({total} manifes)",
    ),
    "revisions": Text(
        "policy {policy} · registry {registry} · spbe-check {version}",
        "kebijakan {policy} · registri {registry} · spbe-check {version}",
    ),
}

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
YELLOW = "\x1b[33m"
CYAN = "\x1b[36m"
VERDICT_COLORS: dict[str, str] = {"pass": GREEN, "warn": YELLOW, "fail": BOLD + RED, "invalid": BOLD + RED}

MARK_DENY = "✗"
MARK_WARN = "!"
MARK_WAIVED = "~"


class _Painter:
    """Applies ANSI styles only when colour is on, so plain output never holds ESC."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"{style}{text}{RESET}" if self.color and style else text


def _clean(value: object) -> str:
    """One line of manifest- or registry-derived text, inert on a terminal."""
    return strip_control(value)


def verdict_word(verdict: Verdict | str, lang: Lang) -> str:
    """The header word for a verdict (`FAIL`, `GAGAL`…)."""
    word = VERDICT_WORDS.get(verdict)
    return word.get(lang) if word else _clean(verdict).upper()


def format_suggestions(suggestions: tuple[Suggestion, ...]) -> str:
    """`SHARED-LAPOR SP4N-LAPOR! (1.00) https://…; …`, best first."""
    parts = []
    for s in suggestions:
        part = f"{_clean(s.id)} {_clean(s.name)} ({s.shown_score})"
        if s.url:
            part += f" {_clean(s.url)}"
        parts.append(part)
    return "; ".join(parts)


def _violation_lines(violation: Violation, report: Report, lang: Lang, paint: _Painter) -> list[str]:
    if violation.waived:
        mark, style = MARK_WAIVED, DIM
    elif violation.severity == "deny":
        mark, style = MARK_DENY, RED
    else:
        mark, style = MARK_WARN, YELLOW
    head = f"  {paint(mark, style)} {paint(_clean(violation.rule), BOLD)} [{_clean(violation.severity)}]"
    if violation.line is not None:
        head += f" {LABELS['line'].get(lang)} {violation.line}" + (f":{violation.column}" if violation.column else "")
    if violation.field:
        head += f" {_clean(violation.field)}"
    if violation.waiver is not None:
        w = violation.waiver
        head += " " + paint(
            "(" + LABELS["waived"].get(lang).format(decree=_clean(w.decree), expires=_clean(w.expires)) + ")", CYAN
        )
    if violation.expired_waiver is not None:
        w = violation.expired_waiver
        head += " " + paint(
            "(" + LABELS["expired"].get(lang).format(decree=_clean(w.decree), expires=_clean(w.expires)) + ")", YELLOW
        )
    if violation.waiver_note is not None:
        head += " " + paint("(" + _clean(violation.waiver_note.get(lang)) + ")", YELLOW)
    lines = [head, "      " + _clean(violation.message.get(lang))]
    if violation.waiver is not None and violation.waiver.reason:
        lines.append("      " + paint(_clean(violation.waiver.reason), DIM))
    info = report.rules.get(violation.rule)
    if info is not None and info.remediation.get(lang):
        lines.append("      → " + _clean(info.remediation.get(lang)))
    if violation.suggestions:
        lines.append(
            f"      {paint(LABELS['reuse'].get(lang) + ':', BOLD)} {format_suggestions(violation.suggestions)}"
        )
    return lines


def _result_lines(result: Result, report: Report, lang: Lang, paint: _Painter) -> list[str]:
    header = (
        f"{paint(verdict_word(result.verdict, lang), VERDICT_COLORS.get(result.verdict, ''))}  {_clean(result.file)}"
    )
    if result.id:
        header += f" ({_clean(result.id)})"
    lines = [header]
    if result.closest:
        lines.append(f"  {paint(LABELS['closest'].get(lang) + ':', BOLD)} {format_suggestions(result.closest)}")
    for violation in result.violations:
        lines.extend(_violation_lines(violation, report, lang, paint))
    if result.verdict == "invalid" and not result.violations:
        lines.append(f"  {paint(MARK_DENY, RED)} {LABELS['invalid'].get(lang)}")
    return lines


def summary_line(report: Report, lang: Lang, color: bool = False) -> str:
    """`Summary: 1 pass, 0 warn, 1 fail, 0 invalid (2 manifests) · policy … · registry …`."""
    paint = _Painter(color)
    counts = report.summary()
    text = (
        LABELS["counts"]
        .get(lang)
        .format(
            pass_=counts["pass"],
            warn=counts["warn"],
            fail=counts["fail"],
            invalid=counts["invalid"],
            total=len(report.results),
        )
    )
    revisions = (
        LABELS["revisions"]
        .get(lang)
        .format(
            policy=_clean(report.policy_revision),
            registry=_clean(report.registry_revision),
            version=_clean(report.tool_version),
        )
    )
    style = RED if report.exit_code else GREEN
    return f"{paint(LABELS['summary'].get(lang) + ':', BOLD)} {paint(text, style)} · {revisions}"


def render_text(report: Report, lang: Lang, color: bool = False) -> str:
    """The whole report: one block per manifest, a blank line between blocks, then the summary."""
    paint = _Painter(color)
    blocks = ["\n".join(_result_lines(result, report, lang, paint)) for result in report.results]
    blocks.append(summary_line(report, lang, color))
    return defuse_ci_commands("\n\n".join(blocks)) + "\n"


FORMATTER = FunctionFormatter("text", render_text)
