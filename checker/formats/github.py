"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

One command per violation: a deny that counts is an `error`, a warning a
`warning`, a waived violation a `notice`. Every manifest-derived value is escaped
per GitHub's rules, so a message can neither break out of its command nor start
a new one (`::add-mask::`, `::stop-commands::`…).
"""

from __future__ import annotations

from checker.formats.escape import defuse_ci_commands, gh_escape_data, gh_escape_property, strip_control
from checker.formats.interface import FunctionFormatter
from checker.model import Lang, Report, Text, Violation

LABELS: dict[str, Text] = {
    "waived": Text("waived by {decree} until {expires}", "dikecualikan oleh {decree} s.d. {expires}"),
    "expired": Text("waiver {decree} expired on {expires}", "pengecualian {decree} kedaluwarsa pada {expires}"),
    "fix": Text("Fix", "Perbaikan"),
    "field": Text("Field", "Kolom"),
    "reuse": Text("Reuse instead", "Gunakan ulang"),
    "invalid": Text(
        "The manifest is invalid: it could not be read or does not match the schema.",
        "Manifes tidak sah: tidak dapat dibaca atau tidak sesuai skema.",
    ),
    "summary": Text(
        "spbe-check: {pass_} pass, {warn} warn, {fail} fail, {invalid} invalid (policy {policy}, registry {registry})",
        "spbe-check: {pass_} lulus, {warn} peringatan, {fail} gagal, {invalid} tidak sah "
        "(kebijakan {policy}, registri {registry})",
    ),
}


def command(kind: str, message: str, **properties: str | int | None) -> str:
    """One workflow command line; properties that are None are left out."""
    props = ",".join(f"{key}={gh_escape_property(value)}" for key, value in properties.items() if value is not None)
    return f"::{kind}{' ' + props if props else ''}::{gh_escape_data(message)}"


def _kind(violation: Violation) -> str:
    if violation.waived:
        return "notice"
    return "error" if violation.severity == "deny" else "warning"


def _message(violation: Violation, report: Report, lang: Lang) -> str:
    """The annotation body: the message, then the waiver, the fix and what to reuse on their own lines."""
    lines = [violation.message.get(lang)]
    if violation.waiver is not None:
        w = violation.waiver
        lines.insert(0, "[" + LABELS["waived"].get(lang).format(decree=w.decree, expires=w.expires) + f"] {w.reason}")
    if violation.expired_waiver is not None:
        w = violation.expired_waiver
        lines.append("(" + LABELS["expired"].get(lang).format(decree=w.decree, expires=w.expires) + ")")
    if violation.waiver_note is not None:
        lines.append("(" + violation.waiver_note.get(lang) + ")")
    info = report.rules.get(violation.rule)
    if info is not None and info.remediation.get(lang):
        lines.append(f"{LABELS['fix'].get(lang)}: {info.remediation.get(lang)}")
    if violation.suggestions:
        reuse = "; ".join(
            f"{s.id} {s.name} ({s.shown_score})" + (f" {s.url}" if s.url else "") for s in violation.suggestions
        )
        lines.append(f"{LABELS['reuse'].get(lang)}: {reuse}")
    if violation.field:
        lines.append(f"{LABELS['field'].get(lang)}: {violation.field}")
    return "\n".join(lines)


def render_github(report: Report, lang: Lang, color: bool = False) -> str:
    """Per manifest a plain verdict line and its workflow commands, then a plain summary line.

    The verdict line (`spbe-check: fail manifests/x.yaml (x)`) keeps the log readable
    and greppable; it starts with our own text, so it cannot be read as a command.
    """
    out: list[str] = []
    for result in report.results:
        heading = f"spbe-check: {result.verdict} {result.file}" + (f" ({result.id})" if result.id else "")
        out.append(defuse_ci_commands(strip_control(heading)))
        for violation in result.violations:
            line = violation.line if violation.line is not None and violation.line >= 1 else None
            column = (
                violation.column
                if line is not None and violation.column is not None and violation.column >= 1
                else None
            )
            end_line = violation.end_line if line is not None and column is not None and violation.end_line else None
            # GitHub takes an end column only for a range on one line.
            end_column = violation.end_column if end_line == line else None
            out.append(
                command(
                    _kind(violation),
                    _message(violation, report, lang),
                    file=result.uri or result.file,
                    line=line,
                    endLine=end_line,
                    col=column,
                    endColumn=end_column,
                    title=violation.rule,
                )
            )
        if result.verdict == "invalid" and not result.violations:
            out.append(
                command("error", LABELS["invalid"].get(lang), file=result.uri or result.file, title="SPBE-SCH-001")
            )
    counts = report.summary()
    out.append(
        defuse_ci_commands(
            strip_control(
                LABELS["summary"]
                .get(lang)
                .format(
                    pass_=counts["pass"],
                    warn=counts["warn"],
                    fail=counts["fail"],
                    invalid=counts["invalid"],
                    policy=report.policy_revision,
                    registry=report.registry_revision,
                )
            )
        )
    )
    return "\n".join(out) + "\n"


FORMATTER = FunctionFormatter("github", render_github, workflow_commands=True)
