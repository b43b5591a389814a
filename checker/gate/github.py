"""Posting the gate's verdict to a GitHub pull request with PyGithub.

Three things, each updated in place on every run: ONE sticky comment (found by a
hidden marker and edited, never duplicated), a commit status on the PR's head SHA
(context `spbe-check`) and one outcome label (`spbe:pass|warn|fail`, stale ones
removed). Posting is a courtesy, not the gate: when it fails (a fork's read-only
token, a missing permission, rate limits, GitHub being down) the verdict is still
printed and the exit code is still the verdict's; the error says what to fix.

The token is a secret: it is scrubbed from every message this module produces, and
it is only ever sent over https (or to a loopback address, for tests).
"""

from __future__ import annotations

import functools
import ipaddress
import json
import os
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import jinja2

from checker.formats.escape import gl_escape, md_escape, strip_control
from checker.model import Lang, Report, Result, Suggestion, Text, Violation
from checker.plumbing.paths import TEMPLATES_DIR
from checker.plumbing.secrets import scrub

MARKER = "<!-- spbe-check:verdict -->"
STATUS_CONTEXT = "spbe-check"
Outcome = Literal["pass", "warn", "fail", "error"]
OUTCOME_LABELS: dict[str, str] = {"pass": "spbe:pass", "warn": "spbe:warn", "fail": "spbe:fail"}
STATUS_STATES: dict[str, str] = {"pass": "success", "warn": "success", "fail": "failure", "error": "error"}
COMMENT_LIMIT = 65_536  # GitHub refuses longer issue comments
STATUS_DESCRIPTION_LIMIT = 140
TEMPLATE_NAME = "pr-comment.md.j2"
DEFAULT_API_URL = "https://api.github.com"
MAX_EVENT_BYTES = 32 * 1024 * 1024


def _env_int(name: str, default: int, low: int, high: int) -> int:
    """A bounded integer setting from the environment; a bad value falls back to the default."""
    try:
        return min(high, max(low, int(os.environ.get(name, default))))
    except ValueError:
        return default


# PyGithub settings; module-level so tests can make the client fast. Retries cover only
# idempotent requests (never the POST that creates the comment, which could duplicate it),
# and never wait for a rate-limit reset: the job must not hang for an hour.
RETRIES = _env_int("SPBE_CHECK_GITHUB_RETRIES", 2, 0, 5)
TIMEOUT_SECONDS = _env_int("SPBE_CHECK_GITHUB_TIMEOUT", 15, 1, 120)
SECONDS_BETWEEN_REQUESTS: float = 0.25
SECONDS_BETWEEN_WRITES: float = 1.0  # GitHub's advice against secondary rate limits
# PyGithub's timeout is per read: an API (or a proxy) that trickles bytes would hold the job forever.
POST_DEADLINE_SECONDS = _env_int("SPBE_CHECK_GITHUB_DEADLINE", 120, 5, 900)  # all of posting, in all

_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$")
_SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")


# --- where we are ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PullRequest:
    """The pull request to post to, read from the GitHub Actions environment."""

    repository: str  # owner/name
    number: int
    head_sha: str
    api_url: str
    token: str = field(repr=False)
    run_url: str | None = None


@dataclass(frozen=True)
class Context:
    """Either a pull request we can post to, or why we cannot (printed instead of posting)."""

    pull_request: PullRequest | None
    reason: Text | None = None


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def pull_request_context(env: Mapping[str, str]) -> Context:
    """Read GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_TOKEN and GITHUB_API_URL."""

    def no(en: str, id_: str) -> Context:
        return Context(None, Text(en, id_))

    event_name = env.get("GITHUB_EVENT_NAME", "")
    if not event_name:
        return no(
            "not running in GitHub Actions (GITHUB_EVENT_NAME is not set)",
            "tidak berjalan di GitHub Actions (GITHUB_EVENT_NAME tidak diisi)",
        )
    if event_name != "pull_request":
        return no(f"the event is {event_name}, not pull_request", f"peristiwanya {event_name}, bukan pull_request")
    token = env.get("GITHUB_TOKEN", "")
    if not token:
        return no(
            "GITHUB_TOKEN is not set; pass it to the step (env: GITHUB_TOKEN: ${{ github.token }})",
            "GITHUB_TOKEN tidak diisi; berikan ke langkah (env: GITHUB_TOKEN: ${{ github.token }})",
        )
    repository = env.get("GITHUB_REPOSITORY", "")
    if not _REPOSITORY.match(repository):
        return no(
            f"GITHUB_REPOSITORY {repository!r} is not owner/name",
            f"GITHUB_REPOSITORY {repository!r} bukan pemilik/nama",
        )
    api_url = (env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")
    parsed = urllib.parse.urlparse(api_url)
    if (
        not (parsed.scheme == "https" or (parsed.scheme == "http" and _is_loopback(parsed.hostname)))
        or not parsed.hostname
    ):
        return no(
            f"GITHUB_API_URL {api_url!r} is not an https URL; the token is never sent in clear text",
            f"GITHUB_API_URL {api_url!r} bukan URL https; token tidak pernah dikirim tanpa enkripsi",
        )
    event_path = env.get("GITHUB_EVENT_PATH", "")
    try:
        with open(event_path, "rb") as handle:
            event = json.loads(handle.read(MAX_EVENT_BYTES))
        pr = event["pull_request"]
        number, head_sha = pr["number"], pr["head"]["sha"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        return no(
            f"cannot read the pull request from GITHUB_EVENT_PATH {event_path!r} ({type(err).__name__})",
            f"pull request tidak dapat dibaca dari GITHUB_EVENT_PATH {event_path!r} ({type(err).__name__})",
        )
    if (
        not isinstance(number, int)
        or isinstance(number, bool)
        or number <= 0
        or not isinstance(head_sha, str)
        or not _SHA.match(head_sha)
    ):
        return no(
            "the event's pull_request.number or pull_request.head.sha is malformed",
            "pull_request.number atau pull_request.head.sha pada event salah bentuk",
        )
    server, run_id = env.get("GITHUB_SERVER_URL", ""), env.get("GITHUB_RUN_ID", "")
    run_url = (
        f"{server.rstrip('/')}/{repository}/actions/runs/{run_id}"
        if server.startswith("https://") and run_id.isdigit()
        else None
    )
    return Context(PullRequest(repository, number, head_sha, api_url, token, run_url))


def event_revisions(env: Mapping[str, str]) -> tuple[str | None, str | None, str | None]:
    """(base sha, base branch, head sha) of the pull_request event, each None when absent or malformed."""
    if env.get("GITHUB_EVENT_NAME") != "pull_request":
        return None, None, None
    try:
        with open(env.get("GITHUB_EVENT_PATH", ""), "rb") as handle:
            pr = json.loads(handle.read(MAX_EVENT_BYTES))["pull_request"]
        base, head = pr.get("base") or {}, pr.get("head") or {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, None, None

    def sha(value: Any) -> str | None:
        return value if isinstance(value, str) and _SHA.match(value) else None

    ref = base.get("ref") if isinstance(base, dict) else None
    return (
        sha(base.get("sha")) if isinstance(base, dict) else None,
        strip_control(ref) or None if isinstance(ref, str) else None,
        sha(head.get("sha")) if isinstance(head, dict) else None,
    )


# --- what to post ---------------------------------------------------------------------------


def outcome_of(report: Report, fail_on: str = "deny") -> Outcome:
    """pass | warn | fail for the whole pull request, as the exit code decides (invalid counts as fail;
    with `--fail-on warn` a warning fails the gate, so status and label say fail too)."""
    if report.exit_code_for("warn" if fail_on == "warn" else "deny"):
        return "fail"
    return "warn" if report.summary()["warn"] else "pass"


WORDS: dict[str, Text] = {
    "pass": Text("PASS", "LULUS"),
    "warn": Text("WARN", "PERINGATAN"),
    "fail": Text("FAIL", "GAGAL"),
    "invalid": Text("INVALID", "TIDAK SAH"),
    "error": Text("COULD NOT JUDGE", "TIDAK DAPAT MENILAI"),
}


def status_description(report: Report | None, lang: Lang, error: bool = False) -> str:
    """One line of at most 140 characters for the commit status."""
    if error:
        text = Text(
            "Could not judge: see the job log; nothing was passed",
            "Tidak dapat menilai: lihat log; tidak ada yang diluluskan",
        ).get(lang)
    elif report is None or not report.results:
        text = Text("No manifest changes: nothing to judge", "Tidak ada perubahan manifes: tidak ada yang dinilai").get(
            lang
        )
    else:
        c = report.summary()
        text = Text(
            f"{c['fail']} fail, {c['invalid']} invalid, {c['warn']} warn, {c['pass']} pass ({len(report.results)} manifests)",
            f"{c['fail']} gagal, {c['invalid']} tidak sah, {c['warn']} peringatan, {c['pass']} lulus ({len(report.results)} manifes)",
        ).get(lang)
    return text[:STATUS_DESCRIPTION_LIMIT]


class Raw(str):
    """Markdown this module built itself (links, markers): the template prints it unescaped."""


def _finalize(value: Any) -> str:
    """Every `{{ }}` in the comment template is Markdown-escaped unless it is `Raw`: escaping is the default."""
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return ""
    return md_escape(value)


def _finalize_gitlab(value: Any) -> str:
    """As `_finalize`, plus GitLab's references (#12, !3, ~x, %m, $s) made inert: they would link and notify."""
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return ""
    return gl_escape(value)


_SAFE_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?(?:/[^\s<>\"'`\\()\[\]]*)?$")


def link(text: Any, url: str | None) -> Raw:
    """`[escaped text](url)` for a plain https URL from the registry; otherwise just the escaped text."""
    label = md_escape(text)
    if isinstance(url, str) and _SAFE_URL.match(url):
        return Raw(f"[{label}]({urllib.parse.quote(url, safe=':/?#@!$&*+,;=%-._~')})")
    return Raw(label)


@functools.lru_cache(maxsize=2)
def _environment(flavour: str = "github") -> jinja2.Environment:
    # Markdown, not HTML: _finalize escapes every value for Markdown (HTML escaping is the wrong medium).
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=False,  # noqa: S701
        finalize=_finalize_gitlab if flavour == "gitlab" else _finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["link"] = link
    return env


LABELS: dict[str, Text] = {
    "title": Text("SPBE compliance gate", "Gerbang kepatuhan SPBE"),
    "judged": Text(
        "Judged {n} manifest(s) changed by this pull request with the rules of the target branch at {base}.",
        "Menilai {n} manifes yang diubah pull request ini dengan aturan cabang tujuan pada {base}.",
    ),
    "nothing": Text(
        "No manifest changes in this pull request: nothing to judge.",
        "Tidak ada perubahan manifes dalam pull request ini: tidak ada yang dinilai.",
    ),
    "error": Text(
        "The gate could not judge this pull request, so nothing was passed.",
        "Gerbang tidak dapat menilai pull request ini, sehingga tidak ada yang diluluskan.",
    ),
    "manifest": Text("Manifest", "Manifes"),
    "verdict": Text("Verdict", "Putusan"),
    "deny": Text("Deny", "Tolak"),
    "warn": Text("Warn", "Peringatan"),
    "line": Text("line", "baris"),
    "field": Text("field", "kolom"),
    "fix": Text("How to fix", "Cara memperbaiki"),
    "reuse": Text("Reuse instead", "Gunakan ulang"),
    "waived": Text("waived by {decree} until {expires}", "dikecualikan oleh {decree} s.d. {expires}"),
    "expired": Text("waiver {decree} expired on {expires}", "pengecualian {decree} kedaluwarsa pada {expires}"),
    "failing": Text("Failing rules", "Aturan yang gagal"),
    "warnings": Text("Warnings", "Peringatan"),
    "invalid": Text(
        "The manifest could not be read or does not match the schema.",
        "Manifes tidak dapat dibaca atau tidak sesuai skema.",
    ),
    "brought_in": Text(
        "judged because its OpenAPI document changed: {docs}", "dinilai karena dokumen OpenAPI-nya berubah: {docs}"
    ),
    "not_judged": Text(
        "{n} other changed file(s) are not manifests and were not judged (deleted files, OpenAPI documents, files outside {folder}).",
        "{n} berkas lain yang berubah bukan manifes dan tidak dinilai (berkas terhapus, dokumen OpenAPI, berkas di luar {folder}).",
    ),
    "trusted_changed": Text(
        "This pull request changes {paths}: the gate judged it with the version in the base revision; the change applies once merged.",
        "Pull request ini mengubah {paths}: gerbang menilainya dengan versi revisi dasar; perubahan berlaku setelah digabung.",
    ),
    "trusted": Text(
        "Policies, registry and waivers were read from the base revision, not from this pull request.",
        "Kebijakan, registri, dan pengecualian dibaca dari revisi dasar, bukan dari pull request ini.",
    ),
    "revisions": Text(
        "Policy revision {policy} · registry revision {registry} · head {head}",
        "Revisi kebijakan {policy} · revisi registri {registry} · head {head}",
    ),
    "more": Text(
        "{n} more manifest(s) are not shown in detail: the comment is limited to {limit} characters. The job log has the full report.",
        "{n} manifes lagi tidak ditampilkan rinci: komentar dibatasi {limit} karakter. Log job memuat laporan lengkap.",
    ),
    "cut": Text(
        "The comment was cut at the {limit}-character limit; the job log has the full report.",
        "Komentar dipotong pada batas {limit} karakter; log job memuat laporan lengkap.",
    ),
    "run": Text("Job log", "Log job"),
    "footer": Text("Updated on every push by", "Diperbarui pada setiap push oleh"),
}


@dataclass(frozen=True)
class CommentFacts:
    """What the comment says beyond the report: revisions and the files that were not judged."""

    base_sha: str = ""  # the trusted revision whose rules judged (the target branch's tip), not the merge base
    head_sha: str = ""
    folder: str = "manifests"
    not_judged: int = 0
    brought_in: dict[str, tuple[str, ...]] = field(default_factory=dict)
    trusted_changed: tuple[str, ...] = ()  # policies/registry/waiver files this PR changes (not applied to it)
    run_url: str | None = None
    error: str | None = None  # the CannotJudge message, when the gate could not judge
    fail_on: str = "deny"  # `--fail-on`: the gate's outcome follows the exit code


def _violation_view(v: Violation, report: Report, lang: Lang) -> dict[str, Any]:
    info = report.rules.get(v.rule)
    note = None
    if v.waiver is not None:
        note = LABELS["waived"].get(lang).format(decree=v.waiver.decree, expires=v.waiver.expires)
    elif v.expired_waiver is not None:
        note = LABELS["expired"].get(lang).format(decree=v.expired_waiver.decree, expires=v.expired_waiver.expires)
    if v.waiver_note is not None:
        note = (note + "; " if note else "") + v.waiver_note.get(lang)
    from checker.formats.sarif import help_uri

    return {
        "rule": v.rule,
        "rule_link": link(v.rule, help_uri(v.rule)),
        "line": v.line,
        "field": v.field,
        "message": v.message.get(lang),
        "note": note,
        "title": info.title.get(lang) if info else "",
        "remediation": info.remediation.get(lang) if info else "",
        "suggestions": [{"link": link(s.name, s.url), "id": s.id} for s in _best(v.suggestions)],
    }


def _best(suggestions: tuple[Suggestion, ...]) -> list[Suggestion]:
    return sorted(suggestions, key=lambda s: -s.score)[:5]


def _result_view(result: Result, report: Report, lang: Lang, facts: CommentFacts) -> dict[str, Any]:
    counted = [v for v in result.violations if not v.waived]
    docs = facts.brought_in.get(result.file)
    return {
        "file": result.file,
        "id": result.id,
        "verdict": result.verdict,
        "word": WORDS[result.verdict].get(lang),
        "deny": sum(v.severity == "deny" for v in counted),
        "warn": sum(v.severity == "warn" for v in counted),
        "failing": [_violation_view(v, report, lang) for v in result.violations if v.severity == "deny"],
        "warnings": [_violation_view(v, report, lang) for v in result.violations if v.severity == "warn"],
        "brought_in": LABELS["brought_in"].get(lang).format(docs=", ".join(docs)) if docs else None,
    }


def _emoji(outcome: str) -> Raw:
    return Raw({"pass": "✅", "warn": "⚠️", "fail": "❌", "error": "⛔"}[outcome])


def render_comment(
    report: Report | None, lang: Lang, facts: CommentFacts, limit: int = COMMENT_LIMIT, flavour: str = "github"
) -> str:
    """The sticky comment: marker first, then the template; never longer than the forge allows (`limit`)."""
    outcome: Outcome = "error" if facts.error is not None or report is None else outcome_of(report, facts.fail_on)
    results = list(report.results) if report is not None else []
    shown_limit = f"{limit:,}".replace(",", "." if lang == "id" else ",")
    t = {k: v.get(lang).replace("{limit}", shown_limit) for k, v in LABELS.items()}

    def render(detailed: int) -> str:
        views = [_result_view(r, report, lang, facts) for r in results] if report is not None else []
        body = (
            _environment(flavour)
            .get_template(TEMPLATE_NAME)
            .render(
                t=t,
                outcome=outcome,
                emoji=_emoji(outcome),
                word=WORDS[outcome].get(lang),
                results=views,
                detailed=views[:detailed],
                hidden=max(0, len(views) - detailed),
                more=t["more"].format(n=max(0, len(views) - detailed)),
                judged=t["judged"].format(n=len(results), base=facts.base_sha[:12] or "?"),
                trusted_changed=t["trusted_changed"].format(paths=", ".join(facts.trusted_changed))
                if facts.trusted_changed
                else None,
                not_judged=t["not_judged"].format(n=facts.not_judged, folder=facts.folder or "/")
                if facts.not_judged
                else None,
                revisions=t["revisions"].format(
                    policy=report.policy_revision if report else "?",
                    registry=report.registry_revision if report else "?",
                    head=facts.head_sha[:12] or "?",
                ),
                error=strip_control(scrub(facts.error)) if facts.error is not None else None,
                run_link=link(t["run"], facts.run_url) if facts.run_url else None,
            )
        )
        return f"{MARKER}\n{scrub(body.strip())}\n"  # no credential in a comment, whatever it came from

    detailed = len(results)
    body = render(detailed)
    while _length(body) > limit and detailed > 0:
        detailed = detailed // 2 if detailed > 1 else 0
        body = render(detailed)
    return cap(body, t["cut"], limit)


def _length(text: str) -> int:
    """Length as GitHub counts it at worst (UTF-16 code units), so astral characters cannot push us over."""
    return len(text.encode("utf-16-le")) // 2


def cap(body: str, note: str, limit: int = COMMENT_LIMIT) -> str:
    """Cut `body` at a line boundary so that it plus a truncation note fits in `limit`."""
    if _length(body) <= limit:
        return body
    tail = f"\n\n> {md_escape(note)}\n"
    budget = limit - _length(tail)
    cut = body
    while _length(cut) > budget:
        cut = cut[: max(0, len(cut) - (_length(cut) - budget) - 1)]
    if "\n" in cut:
        cut = cut[: cut.rfind("\n")]
    return cut + tail


# --- posting ----------------------------------------------------------------------------


@dataclass
class PostResult:
    done: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_steps(
    result: PostResult,
    steps: list[tuple[str, Callable[[], None]]],
    explain_error: Callable[[Exception, str], tuple[str, bool]],
) -> PostResult:
    """Run the posting steps in order; a failure is recorded (never raised) and may stop the rest."""
    for name, step in steps:
        try:
            step()
        except Exception as err:  # noqa: BLE001 - posting never changes the verdict
            message, stop = explain_error(err, name)
            result.errors.append(message)
            if stop:
                break
    return result


class _Stop(Exception):
    """Stop posting: later requests would fail the same way (rate limit, network)."""


def _client(pr: PullRequest) -> Any:
    from github import Auth, Github
    from urllib3.util.retry import Retry

    retry = (
        Retry(
            total=RETRIES,
            connect=RETRIES,
            read=0,
            backoff_factor=0.5,
            status_forcelist=(500, 502, 503, 504),
            allowed_methods=frozenset({"GET", "DELETE"}),
            respect_retry_after_header=False,
            raise_on_status=False,
        )
        if RETRIES > 0
        else None
    )
    return Github(
        auth=Auth.Token(pr.token),
        base_url=pr.api_url,
        timeout=TIMEOUT_SECONDS,
        retry=retry,
        seconds_between_requests=SECONDS_BETWEEN_REQUESTS,
        seconds_between_writes=SECONDS_BETWEEN_WRITES,
        lazy=True,
        per_page=100,
        user_agent="spbe-check",
    )


def explain(err: BaseException, pr: PullRequest, step: str) -> tuple[str, bool]:
    """A message that says what to fix, token scrubbed; and whether to stop trying other steps."""
    import requests
    from github import BadCredentialsException, GithubException, RateLimitExceededException

    detail = ""
    stop = False
    if isinstance(err, RateLimitExceededException):
        reset = (err.headers or {}).get("x-ratelimit-reset") or (err.headers or {}).get("retry-after") or "?"
        why = f"GitHub's API rate limit was hit (reset {reset}). Re-run the job later; the verdict above still stands."
        stop = True
    elif isinstance(err, BadCredentialsException):
        why = "the token was rejected (401). Pass a valid token: env GITHUB_TOKEN: ${{ github.token }}."
    elif isinstance(err, GithubException):
        status = err.status
        message = ""
        if isinstance(err.data, dict):
            message = str(err.data.get("message", ""))[:200]
        detail = f" GitHub said: {status} {message}".rstrip()
        if status == 403:
            why = (
                "the token may not write here (403). Give the workflow `permissions: pull-requests: write`, "
                "`statuses: write` and `issues: write` (labels). Pull requests from forks only get a read-only token: "
                "their verdict is in the job log and the job summary, and the exit code still gates the merge."
            )
        elif status == 404:
            why = (
                f"GitHub answered 404 for {pr.repository}#{pr.number}. Check GITHUB_REPOSITORY, GITHUB_API_URL "
                "(GitHub Enterprise Server: https://HOST/api/v3) and that the token can see the repository."
            )
        elif status == 422:
            why = (
                "GitHub refused the request as invalid (422): is the head SHA pushed to this repository, and the "
                "label name allowed?"
            )
        elif status == 429:
            why = "GitHub asked us to slow down (429). Re-run the job later."
            stop = True
        elif status and status >= 500:
            why = f"GitHub had a server error ({status}). Re-run the job; the verdict above still stands."
        else:
            why = f"GitHub refused the request ({status})."
    elif isinstance(err, (requests.exceptions.RequestException, OSError)):
        why = (
            f"cannot reach the GitHub API at {pr.api_url} ({type(err).__name__}). Check GITHUB_API_URL and the "
            "runner's network."
        )
        stop = True
    else:
        why = f"unexpected error ({type(err).__name__}: {err})."
    return scrub(f"could not {step}: {why}{detail}", pr.token), stop


def _marker_comment(comments: Any) -> Any:
    """Our sticky comment: the first one starting with the marker, preferring bot authors (the Actions token)."""
    ours = [c for c in comments if (c.body or "").startswith(MARKER)]
    bots = [c for c in ours if getattr(c.user, "type", None) == "Bot"]
    return (bots or ours or [None])[0]


def post(pr: PullRequest, outcome: Outcome, body: str, description: str) -> PostResult:
    """Comment, status, label; each step tried on its own so one missing permission does not hide the others."""
    result = PostResult()
    try:
        gh = _client(pr)
        repo = gh.get_repo(pr.repository)
        issue = repo.get_issue(pr.number)
    except Exception as err:  # noqa: BLE001 - posting never changes the verdict
        result.errors.append(explain(err, pr, "connect to GitHub")[0])
        return result

    def comment() -> None:
        existing = _marker_comment(issue.get_comments())
        if existing is None:
            created = issue.create_comment(body)
            result.done.append(f"created comment {created.id} on {pr.repository}#{pr.number}")
        else:
            existing.edit(body)
            result.done.append(f"updated comment {existing.id} on {pr.repository}#{pr.number}")

    def status() -> None:
        state = STATUS_STATES[outcome]
        kwargs = {"target_url": pr.run_url} if pr.run_url else {}
        repo.get_commit(pr.head_sha).create_status(
            state=state, description=description, context=STATUS_CONTEXT, **kwargs
        )
        result.done.append(f"set status {STATUS_CONTEXT}={state} on {pr.head_sha[:12]}")

    def labels() -> None:
        wanted = OUTCOME_LABELS.get(outcome)
        current = {label.name for label in issue.get_labels()}
        for stale in sorted(set(OUTCOME_LABELS.values()) & current - {wanted}):
            issue.remove_from_labels(stale)
            result.done.append(f"removed label {stale}")
        if wanted and wanted not in current:
            issue.add_to_labels(wanted)
            result.done.append(f"added label {wanted}")

    steps: list[tuple[str, Callable[[], None]]] = [
        ("post the comment", comment),
        ("set the commit status", status),
        ("set the outcome label", labels),
    ]
    return run_steps(result, steps, lambda err, name: explain(err, pr, name))


def post_within(
    seconds: float, posting: Callable[[], PostResult], api: str, token: str | None, hint: str = ""
) -> PostResult:
    """Run a forge's posting with a total deadline: posting is a courtesy, so a deadline costs the
    comment, never the verdict."""
    from checker.plumbing import net

    try:
        return net.within(seconds, posting, name="spbe-check-post")
    except net.DeadlineExceeded:
        result = PostResult()
        result.errors.append(
            scrub(
                f"could not finish posting: the {api} did not finish answering within "
                f"{seconds:g} s in all; the verdict above stands. Check the runner's network "
                f"and any proxy{hint}.",
                token,
            )
        )
        return result


def echo_result(result: PostResult, echo: Callable[[str], None], token: str | None) -> PostResult:
    """What the posting did, and what it could not, on the job log (scrubbed)."""
    for line in result.done:
        echo(scrub(f"spbe-check: {line}", token))
    for line in result.errors:
        echo(scrub(f"spbe-check: warning: {line}", token))
    return result


def preview(
    forge: str,
    why: Text | None,
    lang: Lang,
    outcome: Outcome,
    state: str,
    head: str,
    description: str,
    what: str,
    body: str,
) -> str:
    """What `--no-post` (or a run outside a pull request) prints instead of posting, the same for every forge."""
    label = OUTCOME_LABELS.get(outcome, "(none)")
    return (
        f"spbe-check: not posting to {forge} ({why.get(lang) if why else ''}). It would post:\n"
        f"  status {STATUS_CONTEXT}={state}{head}: {description}\n"
        f"  label {label} (removing the other spbe:* labels)\n"
        f"  {what}:\n{body}"
    )


def write_step_summary(body: str, env: Mapping[str, str]) -> None:
    """Also put the comment in the job summary: fork PRs, whose token cannot comment, still show the verdict."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(body.replace(MARKER, "").lstrip("\n") + "\n")
    except OSError:
        pass


def publish(
    report: Report | None,
    lang: Lang,
    facts: CommentFacts,
    env: Mapping[str, str],
    want_post: bool,
    echo: Callable[[str], None],
) -> PostResult | None:
    """Post the verdict to the pull request, or print what would be posted; never raises."""
    try:
        context = pull_request_context(env)
        pr = context.pull_request
        if pr is not None and not facts.run_url and pr.run_url:
            facts = CommentFacts(**{**facts.__dict__, "run_url": pr.run_url})
        outcome: Outcome = "error" if facts.error is not None or report is None else outcome_of(report, facts.fail_on)
        body = render_comment(report, lang, facts)
        description = status_description(report, lang, error=outcome == "error")
        write_step_summary(body, env)
        if not want_post or pr is None:
            why = Text("--no-post was given", "--no-post diberikan") if want_post is False else context.reason
            secrets = (pr.token,) if pr else (env.get("GITHUB_TOKEN"),)
            head = f" on {pr.head_sha[:12]}" if pr else ""
            what = f"comment ({_length(body)} characters)"
            echo(
                scrub(
                    preview("GitHub", why, lang, outcome, STATUS_STATES[outcome], head, description, what, body),
                    *secrets,
                )
            )
            return None
        result = post_within(
            POST_DEADLINE_SECONDS,
            lambda: post(pr, outcome, body, description),
            f"GitHub API at {pr.api_url}",
            pr.token,
            " (SPBE_CHECK_GITHUB_DEADLINE sets the limit)",
        )
        return echo_result(result, echo, pr.token)
    except Exception as err:  # noqa: BLE001 - posting never changes the verdict or the exit code
        echo(
            scrub(
                f"spbe-check: warning: could not prepare the pull-request comment ({type(err).__name__}: {err}); "
                "the verdict above stands.",
                env.get("GITHUB_TOKEN"),
            )
        )
        return None
