"""The forge a pull/merge request lives on: GitHub or GitLab, one module each, one interface.

`spbe-check ci` judges the same way everywhere; only where the verdict is posted and
which revisions the CI names differ. Each forge module (checker/gate/github.py,
checker/gate/gitlab.py) provides `publish(report, lang, facts, env, want_post, echo)`, which
posts one sticky comment/note, a commit status and an outcome label, or prints what it
would post, and never raises (posting never changes the verdict or the exit code).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from checker.gate.github import CommentFacts, PostResult
from checker.model import Lang, Report

ForgeName = Literal["github", "gitlab"]


class Forge(Protocol):
    """What a forge module provides."""

    def publish(
        self,
        report: Report | None,
        lang: Lang,
        facts: CommentFacts,
        env: Mapping[str, str],
        want_post: bool,
        echo: Callable[[str], None],
    ) -> PostResult | None: ...


def detect(env: Mapping[str, str]) -> ForgeName:
    """GitLab CI sets GITLAB_CI=true; anything else is treated as GitHub (which also covers a local run)."""
    return "gitlab" if env.get("GITLAB_CI") == "true" else "github"


def module(env: Mapping[str, str]) -> Forge:
    """The forge module for this environment (imported lazily: a GitHub run never loads python-gitlab)."""
    if detect(env) == "gitlab":
        from checker.gate import gitlab

        return gitlab
    from checker.gate import github

    return github


def publish(
    report: Report | None,
    lang: Lang,
    facts: CommentFacts,
    env: Mapping[str, str],
    want_post: bool,
    echo: Callable[[str], None],
) -> PostResult | None:
    """Post (or print) the verdict on the forge this job runs on."""
    return module(env).publish(report, lang, facts, env, want_post, echo)


@dataclass(frozen=True)
class DetectedRevisions:
    """What the CI says about the request, as plain values: the gate decides which one it trusts.

    `base` is the revision the request's diff starts from (GitLab's
    CI_MERGE_REQUEST_DIFF_BASE_SHA, GitHub's pull_request.base.sha); `target_sha` is the tip
    of the target branch when the CI knows it (GitLab's CI_MERGE_REQUEST_TARGET_BRANCH_SHA,
    merged-results pipelines only; GitHub's pull_request.base.sha).
    """

    forge: ForgeName
    base: str | None = None
    target_branch: str | None = None
    target_sha: str | None = None
    head: str | None = None


def detected_revisions(env: Mapping[str, str]) -> DetectedRevisions:
    """Revisions named by the CI environment: GitLab's variables, or GitHub's pull_request event.

    On GitHub the base is the event's `pull_request.base.sha` (the target branch's tip when
    the event fired); the gate takes the merge base of it and the head either way.
    """
    if detect(env) == "gitlab":
        from checker.gate import gitlab

        found = gitlab.revisions(env)
        return DetectedRevisions("gitlab", found.diff_base_sha, found.target_branch, found.target_sha, found.head_sha)
    from checker.gate import github

    base, branch, head = github.event_revisions(env)
    return DetectedRevisions("github", base, branch, base, head)
