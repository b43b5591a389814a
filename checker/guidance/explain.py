"""`spbe-check explain RULE`: one rule's page — what, why, how to comply, and examples.

The text comes from the rule's `# METADATA` (title, description, legal reference,
remediation, in English and Bahasa Indonesia). Examples are data too, never
written in code: a policy may carry them in `custom.examples`
(`{fail: <yaml>, pass: <yaml>}`); otherwise they are found by judging the example
manifests in `manifests/` with the real engine, registry and policies, and
showing the lines around the violation in one manifest that breaks the rule and
the same field in one that complies. Rules that no agency-facing example breaks
(the schema rules, and narrow loopholes) have a small failing manifest each in
`checker/data/rule-examples/`, shipped with the package and judged the same way,
so every rule has a failing and a passing example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.judging.manifest import SCHEMA_RULES, Manifest, read_manifest
from checker.judging.waivers import waiver_limit
from checker.model import Lang, Result, RuleInfo, Text
from checker.plumbing.paths import PROJECT_ROOT
from checker.plumbing.yamlsafe import position_of
from checker.policy.policyset import PolicySet, _metadata_blocks, load_policies

RULE_EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "rule-examples"
CONTEXT_LINES = 2
MAX_BLOCK_LINES = 8


@dataclass(frozen=True)
class Example:
    """A passing or failing example of a rule, with where it comes from."""

    verdict: str  # "fail" | "pass"
    snippet: str  # numbered lines; the line that matters marked with ">"
    file: str | None = None  # example manifest, when derived from manifests/
    field: str | None = None
    line: int | None = None
    message: Text | None = None  # the engine's message, for a failing example

    def as_json(self, lang: Lang) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "file": self.file,
            "field": self.field,
            "line": self.line,
            "snippet": self.snippet,
            "message": self.message.get(lang) if self.message else None,
        }


@dataclass(frozen=True)
class RulePage:
    rule: RuleInfo
    failing: Example | None
    passing: Example | None
    examples_from: str  # "metadata" | "manifests" | "none"


def find_rule(policies: PolicySet, rule_id: str) -> RuleInfo:
    """The rule's metadata; CannotJudge naming the closest ids when it does not exist."""
    catalogue = {**SCHEMA_RULES, **policies.rules}
    wanted = rule_id.strip().upper()
    info = catalogue.get(wanted) or catalogue.get(f"SPBE-{wanted}")
    if info is not None:
        return info
    import difflib

    close = difflib.get_close_matches(rule_id.strip().upper(), list(catalogue), n=3, cutoff=0.6)
    hint_en = f" Did you mean {', '.join(close)}?" if close else ""
    hint_id = f" Maksud Anda {', '.join(close)}?" if close else ""
    raise CannotJudge(
        Text(
            f"Unknown rule {rule_id}.{hint_en} `spbe-check rules` lists them all.",
            f"Aturan {rule_id} tidak dikenal.{hint_id} `spbe-check rules` menampilkan semuanya.",
        )
    )


def metadata_examples(policies: PolicySet, rule_id: str) -> tuple[Example | None, Example | None]:
    """`custom.examples` of the rule's METADATA block: {fail: yaml, pass: yaml}, if the policy has them."""
    for policy in policies.policy_files():
        for block in _metadata_blocks(policy):
            custom = block.get("custom") or {}
            if custom.get("id") != rule_id:
                continue
            examples = custom.get("examples")
            if isinstance(examples, dict):
                return _literal("fail", examples.get("fail")), _literal("pass", examples.get("pass"))
    return None, None


def _literal(verdict: str, text: Any) -> Example | None:
    if not isinstance(text, str) or not text.strip():
        return None
    lines = text.rstrip("\n").splitlines()
    width = len(str(len(lines)))
    return Example(verdict, "\n".join(f"   {n:>{width}} | {line}" for n, line in enumerate(lines, 1)))


def manifest_examples(
    rule_id: str, results: list[Result], manifests: dict[str, Manifest], paths: dict[str, Path] | None = None
) -> tuple[Example | None, Example | None]:
    """A manifest that breaks the rule (lines around the violation) and one that complies (same field).

    `paths` locates files that are not valid manifests, so a schema rule can show the
    file that breaks it."""
    failing: Example | None = None
    field_path = ""
    for result in results:
        violation = next((v for v in result.violations if v.rule == rule_id and not v.waived and v.line), None)
        manifest = manifests.get(result.file)
        path = manifest.path if manifest is not None else (paths or {}).get(result.file)
        if violation is None or path is None or violation.line is None:
            continue
        text = path.read_text(encoding="utf-8")
        field_path = violation.field
        failing = Example(
            "fail",
            numbered(text, violation.line, CONTEXT_LINES, CONTEXT_LINES),
            _shown(result.file),
            violation.field,
            violation.line,
            violation.message,
        )
        break
    passing: Example | None = None
    if failing is not None:
        candidates = []
        order = {"pass": 0, "warn": 1, "fail": 2}
        for result in results:
            manifest = manifests.get(result.file)
            if manifest is None or any(v.rule == rule_id for v in result.violations):
                continue
            exact = _present(manifest, field_path)
            rule_example = manifest.path.resolve().is_relative_to(RULE_EXAMPLES)  # agency examples first
            candidates.append((0 if exact else 1, rule_example, order.get(result.verdict, 3), result.file, manifest))
        if candidates:
            *_, file, manifest = min(candidates, key=lambda c: c[:4])
            line, _ = position_of(manifest.positions, _base_field(manifest, field_path))
            if line:
                text = manifest.path.read_text(encoding="utf-8")
                snippet = block(text, line, CONTEXT_LINES)
                if snippet.count("\n") <= CONTEXT_LINES:  # a one-line value: show what follows too
                    snippet = numbered(text, line, CONTEXT_LINES, CONTEXT_LINES)
                passing = Example("pass", snippet, _shown(file), _base_field(manifest, field_path), line)
    return failing, passing


def _shown(file: str) -> str:
    """A manifest path as the reader would type it: relative to the working directory or the project."""
    path = Path(file)
    for base in (Path.cwd(), PROJECT_ROOT):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return file


def _present(manifest: Manifest, field_path: str) -> bool:
    return bool(field_path) and field_path in manifest.positions


def _base_field(manifest: Manifest, field_path: str) -> str:
    """The field itself, else the list it is an item of, else its nearest parent present."""
    path = field_path
    while path and path not in manifest.positions:
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return path or "spec"


def numbered(text: str, line: int, before: int, after: int) -> str:
    """Lines `line-before`..`line+after`, numbered, the line itself marked with '>'."""
    lines = text.splitlines()
    start, end = max(1, line - before), min(len(lines), line + after)
    width = len(str(end))
    return "\n".join(f" {'>' if n == line else ' '} {n:>{width}} | {lines[n - 1]}" for n in range(start, end + 1))


def block(text: str, line: int, before: int = 0) -> str:
    """A few lines before a field, its line and the more-indented lines of its value (capped), numbered."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    first = lines[line - 1]
    indent = len(first) - len(first.lstrip())
    end = line
    while end < len(lines) and end - line < MAX_BLOCK_LINES - 1:
        following = lines[end]
        if (
            following.strip()
            and len(following) - len(following.lstrip()) <= indent
            and not following.lstrip().startswith("- ")
        ):
            break
        if following.strip() and len(following) - len(following.lstrip()) < indent:
            break
        end += 1
    width = len(str(end))
    start = max(1, line - before)
    return "\n".join(f" {'>' if n == line else ' '} {n:>{width}} | {lines[n - 1]}" for n in range(start, end + 1))


@dataclass(frozen=True)
class Evidence:
    """The example manifests as judged by the real engine: results and the manifests read."""

    results: list[Result]
    manifests: dict[str, Manifest]
    paths: dict[str, Path] = field(default_factory=dict)  # every file judged, valid or not


def judge_examples(policies_dir: Path, registry: str, examples_dir: Path, engine: str = "embedded") -> Evidence:
    """Judge every example manifest, then the rule examples, once; rule pages pick their examples from it.

    The agency-facing examples come first, so a rule shows one of them when one breaks it."""
    from checker.judging.evaluate import collect_targets, open_judge

    folders = [d for d in (examples_dir, RULE_EXAMPLES) if d.is_dir()]
    targets = collect_targets(folders) if folders else []
    if not targets:
        return Evidence([], {})
    report = open_judge(policies_dir, registry, None, engine).check(targets)
    manifests = {}
    for target in targets:
        read = read_manifest(target.path, target.file)
        if isinstance(read, Manifest):
            manifests[target.file] = read
    return Evidence(list(report.results), manifests, {t.file: t.path for t in targets})


def build_page(
    rule_id: str,
    policies_dir: Path,
    registry: str,
    examples_dir: Path,
    engine: str = "embedded",
    evidence: Evidence | None = None,
) -> RulePage:
    """Everything `explain` shows about one rule."""
    policies = load_policies(policies_dir)
    info = find_rule(policies, rule_id)
    failing, passing = metadata_examples(policies, info.id)
    if failing or passing:
        return RulePage(info, failing, passing, "metadata")
    evidence = evidence or judge_examples(policies_dir, registry, examples_dir, engine)
    failing, passing = manifest_examples(info.id, evidence.results, evidence.manifests, evidence.paths)
    return RulePage(info, failing, passing, "manifests" if failing else "none")


LABELS: dict[str, Text] = {
    "what": Text("What it checks", "Yang diperiksa"),
    "why": Text("Why", "Alasan"),
    "reference": Text("Legal reference", "Dasar hukum"),
    "how": Text("How to comply", "Cara memenuhi"),
    "failing": Text("Failing example", "Contoh yang melanggar"),
    "passing": Text("Passing example", "Contoh yang memenuhi"),
    "from_metadata": Text("from the rule's metadata", "dari metadata aturan"),
    "no_examples": Text(
        "No example manifest in {dir} breaks this rule, so there is no example to show.",
        "Tidak ada contoh manifes di {dir} yang melanggar aturan ini, jadi tidak ada contoh.",
    ),
    "no_passing": Text("(every example manifest breaks this rule)", "(semua contoh manifes melanggar aturan ini)"),
    "policy": Text("Policy", "Kebijakan"),
    "waivers": Text("Waivers", "Pengecualian"),
    "more": Text(
        "All rules: spbe-check rules · check your manifest: spbe-check check FILE",
        "Semua aturan: spbe-check rules · periksa manifes Anda: spbe-check check BERKAS",
    ),
    "severity": Text("{severity}: {meaning}", "{severity}: {meaning}"),
    "deny": Text("a violation fails the manifest", "pelanggaran menggagalkan manifes"),
    "warn": Text("a warning; the manifest still passes", "peringatan; manifes tetap lolos"),
}


def render_page(page: RulePage, lang: Lang, examples_dir: str) -> str:
    """The rule page as text, in English or Bahasa Indonesia."""
    from checker.formats.escape import strip_control

    def c(value: Any) -> str:
        return strip_control(value)

    info = page.rule
    label = {k: v.get(lang) for k, v in LABELS.items()}
    lines = [
        f"{info.id}  [{info.family} · "
        + label["severity"].format(severity=info.severity, meaning=label[info.severity])
        + "]",
        "",
    ]
    lines += [label["what"], _indent(c(info.title.get(lang))), ""]
    lines += [label["why"], _indent(c(info.description.get(lang)))]
    if info.reference:
        lines.append(_indent(f"{label['reference']}: {c(info.reference)}"))
    lines.append(_indent(f"{label['waivers']}: {waiver_limit(info).get(lang)}"))
    lines.append("")
    lines += [label["how"], _indent(c(info.remediation.get(lang)) or "-"), ""]
    if page.failing is None and page.passing is None:
        lines += [label["no_examples"].format(dir=_shown_path(examples_dir)), ""]
    for key, example in (("failing", page.failing), ("passing", page.passing)):
        if example is None:
            if key == "passing" and page.failing is not None:
                lines += [f"{label['passing']}: {label['no_passing']}", ""]
            continue
        where = label["from_metadata"] if page.examples_from == "metadata" else c(_shown_path(example.file))
        if example.field:
            where += f", {c(example.field)}"
        if example.line:
            where += f" ({'line' if lang == 'en' else 'baris'} {example.line})"
        lines.append(f"{label[key]} — {where}")
        lines.append(c_block(example.snippet))
        if example.message is not None:
            lines.append(_indent("→ " + c(example.message.get(lang))))
        lines.append("")
    package = info.package if info.package.startswith("(") else f"({info.package})"
    lines.append(f"{label['policy']}: {c(info.source)} {c(package)}")
    lines.append(label["more"])
    return "\n".join(lines) + "\n"


def _shown_path(file: str | None) -> str:
    """A path relative to the working folder when it is inside it, as a user would type it."""
    import os

    if not file:
        return ""
    try:
        relative = os.path.relpath(file)
    except ValueError:
        return file
    return file if relative.startswith("..") else relative


def c_block(text: str) -> str:
    from checker.formats.escape import strip_control

    return "\n".join(strip_control(line) for line in text.splitlines())


def _indent(text: str, width: int = 2) -> str:
    import textwrap

    return "\n".join(
        textwrap.fill(part, width=96, initial_indent=" " * width, subsequent_indent=" " * width)
        for part in text.splitlines() or [""]
    )


def page_json(page: RulePage, lang: Lang) -> dict[str, Any]:
    info = page.rule
    return {
        "id": info.id,
        "family": info.family,
        "severity": info.severity,
        "title": info.title.get(lang),
        "description": info.description.get(lang),
        "reference": info.reference,
        "remediation": info.remediation.get(lang),
        "source": info.source,
        "package": info.package,
        "waivable": info.waivable,
        "maxWaiverDays": info.max_waiver_days,
        "examplesFrom": page.examples_from,
        "failing": page.failing.as_json(lang) if page.failing else None,
        "passing": page.passing.as_json(lang) if page.passing else None,
    }
