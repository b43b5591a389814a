"""The registered applications a proposal most likely duplicates: one ranked list across its findings.

Several findings can each name apps to use instead: the shared service the text reads like
(SPBE-MOR-011), the agency's own app that is the same thing (MOR-003), reuse candidates
(MOR-004), the owner of the declared code (MOR-002), apps with a close name (MOR-005). The
report lists findings by their place in the manifest, which says nothing about which answer
is likeliest. The policy pack's `closest_evidence` ranks the rules by how much their evidence
says about *what the proposal is*, so a reviewer reads the best answer first: the text is the
evidence, the declared code the agency's label (over the labelled sets of bench/duplicates,
when both fire, the service the text reads like was right 84 times, the code's owner twice).
The rules that follow from the declared code alone (`closest_declared_code_rules`) keep their
place only when the text reads like that code too; otherwise they go last. So do the
suggestions a rule names on weak evidence (`closest_weak_evidence`): MOR-003 names the agency's
own app of a function other agencies' candidates serve from a faint resemblance, and that app
is the answer less often than the candidates that resemble the text.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Any

from checker.errors import CannotJudge
from checker.model import Suggestion, Text, Violation


def evidence_order(config: Mapping[str, Any], rules: Container[str]) -> tuple[str, ...]:
    """The rule ids of `closest_evidence`, strongest evidence first; none when the pack has no such list.

    A rule id the pack does not define is a policy bug (it would silently drop that rule's
    suggestions), so it stops the run like any malformed policy.
    """
    order = config.get("closest_evidence", [])
    if not isinstance(order, list) or not all(isinstance(rule, str) for rule in order):
        raise CannotJudge(
            Text(
                "The policy configuration's closest_evidence must be a list of rule ids (data.spbe.config).",
                "closest_evidence dalam konfigurasi kebijakan harus berupa daftar id aturan (data.spbe.config).",
            )
        )
    unknown = [rule for rule in order if rule not in rules]
    if unknown:
        raise CannotJudge(
            Text(
                f"The policy configuration's closest_evidence names rules no policy defines: {', '.join(unknown)}.",
                f"closest_evidence dalam konfigurasi kebijakan menyebut aturan yang tidak ada: {', '.join(unknown)}.",
            )
        )
    return tuple(order)


def declared_code_rules(config: Mapping[str, Any], order: tuple[str, ...]) -> tuple[str, ...]:
    """The rule ids of `closest_declared_code_rules`: rules whose answer follows from the declared code alone.

    Each must be in `closest_evidence`, or the setting would say nothing; a malformed list
    stops the run like any malformed policy.
    """
    rules = config.get("closest_declared_code_rules", [])
    if not isinstance(rules, list) or not all(isinstance(rule, str) and rule in order for rule in rules):
        raise CannotJudge(
            Text(
                "The policy configuration's closest_declared_code_rules must be a list of rule ids from closest_evidence.",
                "closest_declared_code_rules dalam konfigurasi kebijakan harus berupa daftar id aturan dari closest_evidence.",
            )
        )
    return tuple(rules)


def reads_like_declared_code(facts: Mapping[str, Any], declared: Iterable[str]) -> bool:
    """The proposal's text reads like a function it declares: inferred from the text, or served by its closest app."""
    codes = set(declared)
    if any(entry.get("code") in codes for entry in facts.get("inferred", [])):
        return True
    similar = facts.get("similar", [])
    best = max(similar, key=lambda entry: entry.get("score", 0.0), default=None)
    return best is not None and bool(codes & set(best.get("functions", [])))


def order_for(order: tuple[str, ...], code_rules: tuple[str, ...], code_is_read: bool) -> tuple[str, ...]:
    """`order` as configured when the text reads like the declared code; else the code's rules last.

    The declared code is the agency's label. When the text says the same, the owner of that
    code is as good an answer as the policy order says ("Lapor Warga" under the complaints
    code: SP4N-LAPOR!); when the text reads like something else ("Emergency Call Center"
    under the complaints code), the apps it resembles come first.
    """
    if code_is_read:
        return order
    return tuple(rule for rule in order if rule not in code_rules) + tuple(rule for rule in order if rule in code_rules)


def weak_evidence(config: Mapping[str, Any], order: tuple[str, ...]) -> dict[str, float]:
    """`closest_weak_evidence`: rule id -> the score under which that rule's suggestions rest on weak evidence.

    Each rule must be in `closest_evidence` and each score a number from 0 to 1; a malformed
    setting stops the run like any malformed policy.
    """
    weak = config.get("closest_weak_evidence", {})
    if not isinstance(weak, dict) or not all(
        rule in order and isinstance(score, (int, float)) and not isinstance(score, bool) and 0 <= score <= 1
        for rule, score in weak.items()
    ):
        raise CannotJudge(
            Text(
                "The policy configuration's closest_weak_evidence must map rule ids from closest_evidence to scores from 0 to 1.",
                "closest_weak_evidence dalam konfigurasi kebijakan harus memetakan id aturan dari closest_evidence ke skor 0 sampai 1.",
            )
        )
    return {rule: float(score) for rule, score in weak.items()}


def suggestion_limit(config: Mapping[str, Any]) -> int:
    """`max_suggestions`, the same cap the rules put on each finding's list (5 when the key is missing)."""
    limit = config.get("max_suggestions", 5)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise CannotJudge(
            Text(
                f"The policy configuration's max_suggestions must be a whole number of at least 1, not {limit!r}.",
                f"max_suggestions dalam konfigurasi kebijakan harus bilangan bulat sekurang-kurangnya 1, bukan {limit!r}.",
            )
        )
    return limit


def closest_apps(
    violations: Iterable[Violation],
    order: tuple[str, ...],
    limit: int | None = None,
    weak: Mapping[str, float] | None = None,
) -> tuple[Suggestion, ...]:
    """The findings' suggestions, rule by rule in `order`, each app once (its first, strongest reason).

    A suggestion under its rule's score in `weak` comes after all the others, in the same order.
    """
    findings = list(violations)
    floors = weak or {}
    strong: list[Suggestion] = []
    weakly: list[Suggestion] = []
    for rule in order:
        for violation in findings:
            if violation.rule != rule:
                continue
            for suggestion in violation.suggestions:
                (weakly if suggestion.score < floors.get(rule, 0.0) else strong).append(suggestion)
    seen: set[str] = set()
    out: list[Suggestion] = []
    for suggestion in [*strong, *weakly]:
        if suggestion.id not in seen:
            seen.add(suggestion.id)
            out.append(suggestion)
    return tuple(out if limit is None else out[:limit])
