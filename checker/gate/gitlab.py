"""Posting the gate's verdict to a GitLab merge request with python-gitlab.

The GitLab side of the forge interface (checker/gate/forge.py), built as checker/gate/github.py is:
ONE sticky merge-request note (found by the hidden marker among the notes written by the
token's own user, and edited in place), a commit status `spbe-check` on the head SHA and
one outcome label (`spbe:pass|warn|fail`, the others removed in the same request).
Posting is a courtesy, not the gate: when it fails (a missing or read-only token, rate
limits, GitLab being down) the verdict is still printed and the exit code is still the
verdict's; the error says what to fix.

Runs on GitLab CI merge-request pipelines (`GITLAB_CI`, `CI_MERGE_REQUEST_IID`); the API is
`CI_API_V4_URL`, so self-managed instances inside a ministry's network work as gitlab.com
does. The token is `GITLAB_TOKEN`: a project access token with the `api` scope and the
Developer role (the least that may set a commit status; the CI job token cannot write
notes). It is scrubbed from every message and only ever sent over https (or to a loopback
address, for tests).
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.formats.escape import strip_control
from checker.gate.github import (
    MARKER,
    OUTCOME_LABELS,
    STATUS_CONTEXT,
    CommentFacts,
    Outcome,
    PostResult,
    echo_result,
    outcome_of,
    post_within,
    preview,
    render_comment,
    run_steps,
    status_description,
)
from checker.model import Lang, Report, Text
from checker.plumbing.secrets import scrub

NOTE_LIMIT = 1_000_000  # GitLab refuses longer notes
STATUS_STATES: dict[str, str] = {"pass": "success", "warn": "success", "fail": "failed", "error": "failed"}
RETRIES = 2  # only for GET; never for the POST that creates the note (it could duplicate)
TIMEOUT_SECONDS = 15.0  # per read (python-gitlab's requests timeout)
POST_DEADLINE_SECONDS = 120.0  # all of posting, in all: an API or proxy that trickles bytes is given up on
_SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
_DIGITS = re.compile(r"^[1-9][0-9]{0,18}$")
_API_SUFFIX = "/api/v4"


def scrub_gitlab(text: str, *secrets: str | None) -> str:
    """The one scrubber (checker/plumbing/secrets.py), which also knows GitLab's token shapes; kept for this module's callers."""
    return scrub(text, *secrets)


# --- where we are ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeRequestRevisions:
    """The revisions GitLab names for a merge-request pipeline, as plain values the gate can use.

    `diff_base_sha` is where the merge request's diff starts (the merge base at the time);
    `target_sha` is the tip of the target branch, which GitLab only sets in merged-results
    pipelines; `head_sha` is the commit under review.
    """

    diff_base_sha: str | None
    target_branch: str | None
    target_sha: str | None
    head_sha: str | None


@dataclass(frozen=True)
class MergeRequest:
    """The merge request to post to, read from the GitLab CI environment."""

    api_url: str  # CI_API_V4_URL, without a trailing slash
    project_id: str
    iid: int
    head_sha: str
    token: str = field(repr=False)
    job_url: str | None = None


@dataclass(frozen=True)
class Context:
    merge_request: MergeRequest | None
    reason: Text | None = None


def _sha(value: str | None) -> str | None:
    return value if value and _SHA.match(value) else None


def revisions(env: Mapping[str, str]) -> MergeRequestRevisions:
    """What GitLab says about base and head; malformed values are dropped, never guessed."""
    return MergeRequestRevisions(
        diff_base_sha=_sha(env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA")),
        target_branch=strip_control(env.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME")) or None,
        target_sha=_sha(env.get("CI_MERGE_REQUEST_TARGET_BRANCH_SHA")),
        head_sha=_sha(env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA")) or _sha(env.get("CI_COMMIT_SHA")),
    )


def is_gitlab(env: Mapping[str, str]) -> bool:
    return env.get("GITLAB_CI") == "true"


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def merge_request_context(env: Mapping[str, str]) -> Context:
    """Read GITLAB_CI, CI_MERGE_REQUEST_IID, CI_PROJECT_ID, CI_API_V4_URL, the head SHA and GITLAB_TOKEN."""

    def no(en: str, id_: str) -> Context:
        return Context(None, Text(en, id_))

    if not is_gitlab(env):
        return no(
            "not running in GitLab CI (GITLAB_CI is not true)", "tidak berjalan di GitLab CI (GITLAB_CI bukan true)"
        )
    iid = env.get("CI_MERGE_REQUEST_IID", "")
    if not iid:
        return no(
            "this is not a merge-request pipeline (CI_MERGE_REQUEST_IID is not set); "
            'run the job with `rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event"`',
            "ini bukan pipeline merge request (CI_MERGE_REQUEST_IID tidak diisi); "
            'jalankan job dengan `rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event"`',
        )
    if not _DIGITS.match(iid):
        return no(f"CI_MERGE_REQUEST_IID {iid!r} is not a number", f"CI_MERGE_REQUEST_IID {iid!r} bukan angka")
    token = env.get("GITLAB_TOKEN", "")
    if not token:
        return no(
            "GITLAB_TOKEN is not set: add a project access token with the api scope as a masked CI/CD variable "
            "(the job token cannot write merge-request notes)",
            "GITLAB_TOKEN tidak diisi: tambahkan project access token dengan cakupan api sebagai variabel CI/CD "
            "bertopeng (job token tidak dapat menulis catatan merge request)",
        )
    project = env.get("CI_PROJECT_ID", "")
    if not _DIGITS.match(project):
        return no(f"CI_PROJECT_ID {project!r} is not a number", f"CI_PROJECT_ID {project!r} bukan angka")
    api_url = (env.get("CI_API_V4_URL") or "").rstrip("/")
    parsed = urllib.parse.urlparse(api_url)
    if (
        not (parsed.scheme == "https" or (parsed.scheme == "http" and _is_loopback(parsed.hostname)))
        or not parsed.hostname
        or not api_url.endswith(_API_SUFFIX)
    ):
        return no(
            f"CI_API_V4_URL {api_url!r} is not an https URL ending in /api/v4; the token is never sent in clear text",
            f"CI_API_V4_URL {api_url!r} bukan URL https yang berakhir dengan /api/v4; token tidak pernah dikirim tanpa enkripsi",
        )
    head = revisions(env).head_sha
    if head is None:
        return no("CI_COMMIT_SHA is not a commit SHA", "CI_COMMIT_SHA bukan SHA commit")
    job_url = env.get("CI_JOB_URL", "")
    return Context(
        MergeRequest(
            api_url,
            project,
            int(iid),
            head,
            token,
            job_url if re.match(r"^https://[^\s<>\"'`()\[\]]+$", job_url) else None,
        )
    )


# --- what to post ---------------------------------------------------------------------------

# GitLab runs a note's quick actions (`/approve`, `/merge`, `/label`, `/close`…) from lines
# that start with a slash; a zero-width space after the slash leaves the text readable and
# inert. GitLab references (#12, !3, ~label, %milestone, $snippet) would link and notify.
_QUICK_ACTION = re.compile(r"^([ \t>]*)/(?=[A-Za-z])", re.MULTILINE)  # also inside a quote
ZWSP = "\u200b"


def defuse_note(body: str) -> str:
    """No line of a note may be a quick action."""
    return _QUICK_ACTION.sub(lambda m: m.group(1) + "/" + ZWSP, body)


def render_note(report: Report | None, lang: Lang, facts: CommentFacts) -> str:
    """The sticky note: the comment of checker/gate/github.py in GitLab's flavour, capped at GitLab's limit."""
    return defuse_note(render_comment(report, lang, facts, limit=NOTE_LIMIT, flavour="gitlab"))


# --- posting ----------------------------------------------------------------------------


class _Client:
    """python-gitlab, with rate limits reported instead of waited out and retries only on reads."""

    def __init__(self, mr: MergeRequest):
        import gitlab

        self.gl = gitlab.Gitlab(
            mr.api_url[: -len(_API_SUFFIX)],
            private_token=mr.token,
            timeout=TIMEOUT_SECONDS,
            user_agent="spbe-check",
            per_page=100,
        )
        original = self.gl.http_request

        def http_request(verb: str, path: str, *args: Any, **kwargs: Any) -> Any:
            kwargs["obey_rate_limit"] = False  # never sleep for an hour in a CI job
            kwargs["retry_transient_errors"] = verb.lower() == "get" and RETRIES > 0
            kwargs["max_retries"] = RETRIES
            return original(verb, path, *args, **kwargs)

        self.gl.http_request = http_request  # type: ignore[method-assign]  # python-gitlab has no hook for these options


def explain(err: BaseException, mr: MergeRequest, step: str) -> tuple[str, bool]:
    """A message that says what to fix, token scrubbed; and whether to stop trying other steps."""
    import gitlab.exceptions as gle
    import requests

    stop = False
    detail = ""
    status = getattr(err, "response_code", None)
    if isinstance(err, gle.GitlabAuthenticationError) or status == 401:
        why = (
            "the token was rejected (401). Set GITLAB_TOKEN to a valid project access token with the api scope "
            "(a masked CI/CD variable)."
        )
        stop = True
    elif isinstance(err, gle.GitlabError) and status is not None:
        message = strip_control(str(getattr(err, "error_message", "")))[:200]
        detail = f" GitLab said: {status} {message}".rstrip()
        if status == 403:
            why = (
                "the token may not write here (403). Give GITLAB_TOKEN the api scope and the Developer role "
                "(Reporter can write the note and labels, only Developer can set a commit status)."
            )
        elif status == 404:
            why = (
                f"GitLab answered 404 for project {mr.project_id}, merge request !{mr.iid}. Check CI_API_V4_URL, "
                "CI_PROJECT_ID and that the token's user can see the project."
            )
        elif status == 429:
            why = "GitLab's rate limit was hit (429). Re-run the job later; the verdict above still stands."
            stop = True
        elif status >= 500:
            why = f"GitLab had a server error ({status}). Re-run the job; the verdict above still stands."
        else:
            why = f"GitLab refused the request ({status})."
    elif isinstance(err, (requests.exceptions.RequestException, OSError)) or (
        isinstance(err, gle.GitlabError) and isinstance(err.__cause__, requests.exceptions.RequestException)
    ):
        why = (
            f"cannot reach the GitLab API at {mr.api_url} ({type(err).__name__}). Check CI_API_V4_URL and the "
            "runner's network."
        )
        stop = True
    else:
        why = f"unexpected error ({type(err).__name__}: {err})."
    return scrub_gitlab(f"could not {step}: {why}{detail}", mr.token), stop


def _marker_note(notes: Any, own_user_id: int | None) -> Any:
    """Our sticky note: starts with the marker, is not a system note, and was written by the token's user."""
    for note in notes:
        body = getattr(note, "body", "") or ""
        author = (getattr(note, "author", None) or {}).get("id")
        if (
            body.startswith(MARKER)
            and not getattr(note, "system", False)
            and (own_user_id is None or author == own_user_id)
        ):
            return note
    return None


def post(mr: MergeRequest, outcome: Outcome, body: str, description: str) -> PostResult:
    """Note, status, label; each step tried on its own so one missing permission does not hide the others."""
    result = PostResult()
    try:
        client = _Client(mr)
        gl = client.gl
        gl.auth()  # who we are: only our own note is edited, never a human's copy of the marker
        own_id = getattr(gl.user, "id", None)
        project = gl.projects.get(mr.project_id, lazy=True)
        merge_request = project.mergerequests.get(mr.iid, lazy=True)
    except Exception as err:  # noqa: BLE001 - posting never changes the verdict
        result.errors.append(explain(err, mr, "connect to GitLab")[0])
        return result

    def note() -> None:
        existing = _marker_note(merge_request.notes.list(iter=True, sort="asc", order_by="created_at"), own_id)
        if existing is None:
            created = merge_request.notes.create({"body": body})
            result.done.append(f"created note {created.id} on merge request !{mr.iid}")
        else:
            existing.body = body
            existing.save()
            result.done.append(f"updated note {existing.id} on merge request !{mr.iid}")

    def status() -> None:
        state = STATUS_STATES[outcome]
        data = {"state": state, "name": STATUS_CONTEXT, "description": description}
        if mr.job_url:
            data["target_url"] = mr.job_url
        project.commits.get(mr.head_sha, lazy=True).statuses.create(data)
        result.done.append(f"set status {STATUS_CONTEXT}={state} on {mr.head_sha[:12]}")

    def labels() -> None:
        wanted = OUTCOME_LABELS.get(outcome)
        stale = sorted(set(OUTCOME_LABELS.values()) - {wanted})
        update: dict[str, str] = {"remove_labels": ",".join(stale)}
        if wanted:
            update["add_labels"] = wanted
        project.mergerequests.update(mr.iid, update)
        result.done.append(f"set label {wanted or '(none)'} (removed {', '.join(stale)})")

    steps: list[tuple[str, Callable[[], None]]] = [
        ("post the merge-request note", note),
        ("set the commit status", status),
        ("set the outcome label", labels),
    ]
    return run_steps(result, steps, lambda err, name: explain(err, mr, name))


def publish(
    report: Report | None,
    lang: Lang,
    facts: CommentFacts,
    env: Mapping[str, str],
    want_post: bool,
    echo: Callable[[str], None],
) -> PostResult | None:
    """Post the verdict to the merge request, or print what would be posted; never raises."""
    try:
        context = merge_request_context(env)
        mr = context.merge_request
        if mr is not None and not facts.run_url and mr.job_url:
            facts = CommentFacts(**{**facts.__dict__, "run_url": mr.job_url})
        outcome: Outcome = "error" if facts.error is not None or report is None else outcome_of(report, facts.fail_on)
        body = render_note(report, lang, facts)
        description = status_description(report, lang, error=outcome == "error")
        if not want_post or mr is None:
            why = Text("--no-post was given", "--no-post diberikan") if want_post is False else context.reason
            secrets = (mr.token,) if mr else (env.get("GITLAB_TOKEN"),)
            head = f" on {mr.head_sha[:12]}" if mr else ""
            what = f"note ({len(body)} characters)"
            echo(
                scrub_gitlab(
                    preview("GitLab", why, lang, outcome, STATUS_STATES[outcome], head, description, what, body),
                    *secrets,
                )
            )
            return None
        result = post_within(
            POST_DEADLINE_SECONDS, lambda: post(mr, outcome, body, description), f"GitLab API at {mr.api_url}", mr.token
        )
        return echo_result(result, echo, mr.token)
    except Exception as err:  # noqa: BLE001 - posting never changes the verdict or the exit code
        echo(
            scrub_gitlab(
                f"spbe-check: warning: could not prepare the merge-request note ({type(err).__name__}: {err}); "
                "the verdict above stands.",
                env.get("GITLAB_TOKEN"),
            )
        )
        return None
