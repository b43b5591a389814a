"""What a policy change would do to the registry: the audit under two policy revisions, diffed.

Why: before a policy change is merged, its owners want the admission controller's dry
run: which registered apps would change verdict, and through which rules. The other
revision's `policies/` folder is read from git (never from a checkout of it), written
to a temporary folder with the gate's own materialiser (`checker.gate.trusted`), and judged with
the same engine and registry index as the working tree's policies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.audit.judge import AppOutcome
from checker.errors import CannotJudge
from checker.gate.git_view import Revisions, open_repository, repository_relative, resolve_commit
from checker.gate.trusted import materialise_base_folder
from checker.model import Text, Verdict


@dataclass(frozen=True)
class Baseline:
    """The policies of another revision, ready to load."""

    ref: str
    commit: str  # full sha
    policies: Path  # materialised copy


@dataclass(frozen=True)
class VerdictChange:
    """An app whose verdict differs: `before` under the other revision, `after` under the working tree."""

    id: str
    before: Verdict
    after: Verdict
    added: tuple[str, ...]  # rule ids broken now, not before
    removed: tuple[str, ...]  # rule ids broken before, not now


def materialise_policies(policies: Path, ref: str, dest: Path) -> Baseline:
    """Write REF's version of the `policies` folder under `dest`; CannotJudge when it cannot."""
    repo = open_repository(policies if policies.exists() else Path.cwd())
    root = Path(repo.working_tree_dir or ".")
    rel = repository_relative(policies, root)
    if rel is None:
        raise CannotJudge(
            Text(
                f"--compare needs --policies inside a git repository; {policies} is outside {root}.",
                f"--compare memerlukan --policies di dalam repositori git; {policies} berada di luar {root}.",
            )
        )
    commit = resolve_commit(repo, ref, "compare")
    try:
        commit.tree / rel if rel != "." else commit.tree
    except KeyError:
        raise CannotJudge(
            Text(
                f"The policies folder {rel} does not exist at {ref} ({commit.hexsha[:12]}), so there is nothing to compare with.",
                f"Folder kebijakan {rel} tidak ada pada {ref} ({commit.hexsha[:12]}), sehingga tidak ada pembanding.",
            )
        ) from None
    revisions = Revisions(repo=repo, base=commit, head=commit, base_ref=ref, head_ref=ref)
    folder = materialise_base_folder(revisions, rel, dest, "policies", "--policies")
    return Baseline(ref=ref, commit=commit.hexsha, policies=folder)


def verdict_changes(before: list[AppOutcome], after: list[AppOutcome]) -> list[VerdictChange]:
    """Apps (in both lists) whose verdict differs, with the rule ids gained and lost, by id."""
    previous = {o.id: o for o in before}
    changes = []
    for now in after:
        old = previous.get(now.id)
        if old is None or old.verdict == now.verdict:
            continue
        changes.append(
            VerdictChange(
                now.id,
                old.verdict,
                now.verdict,
                tuple(sorted(set(now.rules) - set(old.rules))),
                tuple(sorted(set(old.rules) - set(now.rules))),
            )
        )
    return sorted(changes, key=lambda c: c.id)


def rule_changes_only(before: list[AppOutcome], after: list[AppOutcome]) -> int:
    """Apps whose verdict stays the same although the rules they break changed."""
    previous = {o.id: o for o in before}
    return sum(
        1
        for now in after
        if now.id in previous
        and previous[now.id].verdict == now.verdict
        and set(previous[now.id].rules) != set(now.rules)
    )
