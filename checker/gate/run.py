"""The pull-request gate end to end: judge a change with the trusted rules, then tell the pull request.

checker/gate/change.py knows what changed, checker/gate/trusted.py where each judging
input comes from, checker/gate/forge.py where to post. This module puts them in order, with
no Click: `spbe-check ci` (checker/cli/gate.py) parses options and calls it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import CannotJudge
from checker.gate.change import (
    Selection,
    changes_between,
    manifests_folder,
    materialise_head,
    openapi_references,
    repository_identities,
    select,
)
from checker.gate.git_view import Revisions, open_repository, pull_request_revisions
from checker.gate.trusted import TrustedInputs, trusted_inputs
from checker.judging.evaluate import Judge
from checker.model import Lang, Report, Text

if TYPE_CHECKING:
    from checker.gate.github import CommentFacts


@dataclass(frozen=True)
class GateRun:
    """A judged pull request: the report, what was and was not judged, and where the rules came from."""

    report: Report
    selection: Selection
    revisions: Revisions
    inputs: TrustedInputs
    trusted_changed: tuple[str, ...] = ()
    notices: tuple[Text, ...] = ()

    @property
    def nothing_to_judge(self) -> bool:
        return not self.selection.judged


def run_gate(
    repo_dir: Path,
    base_ref: str,
    head_ref: str,
    folder_option: str,
    policies: Path,
    registry: str,
    waivers: Path | None,
    engine_name: str,
    workdir: Path,
    opa: Any = None,
    trusted_ref: str | tuple[str, ...] | None = None,
    open_policies: Callable[[Path, Callable[[Path], Path]], Path] | None = None,
) -> GateRun:
    """Judge the manifests a pull request changes, with the target branch's current rules. CannotJudge on any doubt."""
    from checker.judging.evaluate import open_judge

    repo = open_repository(repo_dir)
    rev = pull_request_revisions(repo, base_ref, head_ref, trusted_ref)
    folder = manifests_folder(folder_option, rev.root)
    changes = changes_between(rev.base, rev.head)
    references = openapi_references(rev.head, folder) if changes else {}
    selection = select(changes, folder, references)
    inputs = trusted_inputs(rev, policies, registry, waivers, workdir, open_policies)
    # The judge is built even when nothing changed: broken base rules must still stop the gate (exit 2).
    try:
        # Never the cache: an entry is not authenticated, so a planted one could change the verdict (SECURITY.md).
        judge: Judge = open_judge(
            inputs.policies, inputs.registry, inputs.waivers, engine_name, opa=opa, use_cache=False
        )
    except CannotJudge as err:
        raise inputs.relabel(err) from None
    head_dir = workdir / "head"
    head_dir.mkdir(parents=True, exist_ok=True)
    targets = materialise_head(rev.head, selection, head_dir)
    identities = repository_identities(rev.head, rev.base, (rev.trusted,), selection, changes, folder)
    report = judge.check(targets, root=head_dir, identities=identities) if targets else judge.report([])
    return GateRun(report, selection, rev, inputs, inputs.changed_by(changes), tuple(judge.notices()))


@dataclass(frozen=True)
class GateRequest:
    """What the gate was asked to judge: the change, where its manifests live, and the inputs that judge it."""

    repo_dir: Path
    base_ref: str
    head_ref: str
    trusted_ref: str | tuple[str, ...]  # a revision, or the CI's candidates for the target branch's tip
    manifests_dir: str
    policies: Path
    registry: str
    waivers: Path | None
    engine: str
    opa: Any = None
    open_policies: Callable[[Path, Callable[[Path], Path]], Path] | None = None


def judge_request(
    request: GateRequest, lang: Lang, post: bool, env: Mapping[str, str], say: Callable[[str], None]
) -> GateRun:
    """`run_gate` in a private temporary folder; when it cannot judge, the pull request is told before the error goes on."""
    from checker.gate import forge, github

    with tempfile.TemporaryDirectory(prefix="spbe-check-ci-") as workdir:
        try:
            return run_gate(
                request.repo_dir,
                request.base_ref,
                request.head_ref,
                request.manifests_dir,
                request.policies,
                request.registry,
                request.waivers,
                request.engine,
                Path(workdir),
                opa=request.opa,
                trusted_ref=request.trusted_ref,
                open_policies=request.open_policies,
            )
        except CannotJudge as err:
            forge.publish(None, lang, github.CommentFacts(error=err.text(lang)), env, post, say)
            raise
        except Exception as err:
            forge.publish(
                None, lang, github.CommentFacts(error=f"internal error ({type(err).__name__})"), env, post, say
            )
            raise


def progress_lines(run: GateRun, request: GateRequest, lang: Lang) -> list[str]:
    """What the job log says before the report: where each input came from, and what is judged."""
    lines = [f"spbe-check: {note}" for note in run.inputs.notes]
    lines += [f"spbe-check: {notice.get(lang)}" for notice in run.notices]
    folder, base, head = request.manifests_dir, run.revisions.describe_base(), request.head_ref
    if run.nothing_to_judge:
        lines.append(
            Text(
                f"spbe-check: no manifest changes under {folder}/ between {base} and "
                f"{head}: nothing to judge, the gate passes.",
                f"spbe-check: tidak ada perubahan manifes di {folder}/ antara {base} dan "
                f"{head}: tidak ada yang dinilai, gerbang lulus.",
            ).get(lang)
        )
    else:
        lines.append(
            f"spbe-check: judging {len(run.selection.judged)} changed manifest(s); "
            f"{len(run.selection.not_judged)} other changed file(s) not judged."
        )
    return lines


def verdict_facts(run: GateRun, manifests_dir: str, fail_on: str) -> CommentFacts:
    """The comment's facts beyond the report: the revisions, and what was not judged and why."""
    from checker.gate.github import CommentFacts

    selection = run.selection
    return CommentFacts(
        base_sha=run.revisions.trusted.hexsha,
        head_sha=run.revisions.head.hexsha,
        folder=manifests_dir,
        not_judged=len(selection.not_judged),
        brought_in=selection.brought_in,
        trusted_changed=run.trusted_changed,
        fail_on=fail_on,
    )


def publish_verdict(
    run: GateRun,
    request: GateRequest,
    lang: Lang,
    fail_on: str,
    post: bool,
    output: Path | None,
    env: Mapping[str, str],
    say: Callable[[str], None],
) -> None:
    """After the report: post the verdict to the pull request (or print it) and hand the counts to the CI step."""
    from checker.gate import forge
    from checker.gate.step_outputs import write_step_outputs

    facts = verdict_facts(run, request.manifests_dir, fail_on)
    if run.trusted_changed:
        say(
            f"spbe-check: this change touches {', '.join(run.trusted_changed)}; judged with the version in the base revision."
        )
    forge.publish(run.report, lang, facts, env, post, say)
    write_step_outputs(run.report, output, env)
