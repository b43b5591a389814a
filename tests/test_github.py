"""Posting the verdict to GitHub, through real PyGithub against a loopback stand-in for the REST API.

`FakeGitHub` is a loopback stand-in (pytest-httpserver on 127.0.0.1/localhost) for the
GitHub REST API. It checks the real protocol PyGithub speaks: HTTP methods, paths
(including a GitHub Enterprise Server `/api/v3` prefix), JSON bodies and the
`Authorization` header, and keeps state (comments, statuses, labels) so that a second
run can be seen updating rather than duplicating. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from werkzeug import Request, Response

from checker.gate import github as gh
from checker.model import Report, Result, RuleInfo, Suggestion, Text, Violation
from tests.test_ci import FAILING, PASSING, GitRepo, gitrepo, run_ci  # noqa: F401 - gitrepo is a fixture

TOKEN = "ghs_" + "S3cr3tT0k3n" * 3
REPOSITORY = "pemkab-karawang/registri-aplikasi"
NUMBER = 42


class FakeGitHub:
    """A loopback stand-in for the GitHub REST API (issues comments, commit statuses, issue labels)."""

    def __init__(self, httpserver: Any, prefix: str = ""):
        self.prefix = prefix
        self.base = httpserver.url_for(prefix).rstrip("/")
        self.comments: list[dict[str, Any]] = []
        self.statuses: list[dict[str, Any]] = []
        self.labels: list[str] = []
        self.requests: list[tuple[str, str, Any]] = []
        self.failures: list[tuple[str, str, int, dict[str, Any], dict[str, str], int]] = []
        self.next_id = 1000
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def fail(
        self,
        method: str,
        path_pattern: str,
        status: int,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        times: int = 10**6,
    ) -> None:
        """Answer matching requests with an error (the first `times` of them)."""
        self.failures.append((method, path_pattern, status, body or {"message": "error"}, headers or {}, times))

    def _json(self, data: Any, status: int = 200) -> Response:
        return Response(json.dumps(data), status=status, content_type="application/json")

    def _comment(self, comment: dict[str, Any]) -> dict[str, Any]:
        return {
            **comment,
            "url": f"{self.base}/repos/{REPOSITORY}/issues/comments/{comment['id']}",
            "html_url": f"https://github.example/{REPOSITORY}/pull/{NUMBER}#issuecomment-{comment['id']}",
        }

    def _label(self, name: str) -> dict[str, Any]:
        return {
            "name": name,
            "color": "ededed",
            "url": f"{self.base}/repos/{REPOSITORY}/labels/{urllib.parse.quote(name, safe='')}",
        }

    def handle(self, request: Request) -> Response:
        body = request.get_json(silent=True) if request.data else None
        path = request.path
        self.requests.append((request.method, path, body))
        if request.headers.get("Authorization") != f"token {TOKEN}":
            return self._json({"message": "Bad credentials"}, 401)
        if not path.startswith(self.prefix + "/repos/"):
            return self._json({"message": "Not Found"}, 404)
        for index, (method, pattern, status, fbody, fheaders, times) in enumerate(self.failures):
            if method in (request.method, "*") and re.search(pattern, path) and times > 0:
                self.failures[index] = (method, pattern, status, fbody, fheaders, times - 1)
                response = self._json(fbody, status)
                response.headers.update(fheaders)
                return response
        rest = path[len(self.prefix) :]
        issue = f"/repos/{REPOSITORY}/issues/{NUMBER}"
        if rest == f"{issue}/comments" and request.method == "GET":
            return self._json([self._comment(c) for c in self.comments])
        if rest == f"{issue}/comments" and request.method == "POST":
            self.next_id += 1
            comment = {
                "id": self.next_id,
                "body": body["body"],
                "user": {"login": "github-actions[bot]", "type": "Bot"},
            }
            self.comments.append(comment)
            return self._json(self._comment(comment), 201)
        match = re.fullmatch(rf"/repos/{REPOSITORY}/issues/comments/(\d+)", rest)
        if match and request.method == "PATCH":
            comment = next(c for c in self.comments if c["id"] == int(match.group(1)))
            comment["body"] = body["body"]
            return self._json(self._comment(comment))
        match = re.fullmatch(rf"/repos/{REPOSITORY}/statuses/([0-9a-f]{{40}})", rest)
        if match and request.method == "POST":
            self.statuses.append({"sha": match.group(1), **body})
            return self._json({"id": len(self.statuses), "url": f"{self.base}{rest}", **body}, 201)
        if rest == f"{issue}/labels" and request.method == "GET":
            return self._json([self._label(n) for n in self.labels])
        if rest == f"{issue}/labels" and request.method == "POST":
            names = body["labels"] if isinstance(body, dict) else body  # GitHub takes {"labels": [...]} or a bare array
            assert isinstance(names, list) and all(isinstance(n, str) for n in names), body
            self.labels += [n for n in names if n not in self.labels]
            return self._json([self._label(n) for n in self.labels])
        match = re.fullmatch(rf"{issue}/labels/(.+)", rest)
        if match and request.method == "DELETE":
            name = urllib.parse.unquote(match.group(1))
            if name not in self.labels:
                return self._json({"message": "Label does not exist"}, 404)
            self.labels.remove(name)
            return self._json([self._label(n) for n in self.labels])
        return self._json({"message": "Not Found"}, 404)

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p, _ in self.requests if m != "GET"]


@pytest.fixture(autouse=True)
def fast_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """No retries and no throttling, so error paths answer at once."""
    monkeypatch.setattr(gh, "RETRIES", 0)
    monkeypatch.setattr(gh, "SECONDS_BETWEEN_REQUESTS", 0.0)
    monkeypatch.setattr(gh, "SECONDS_BETWEEN_WRITES", 0.0)


@pytest.fixture
def fake(httpserver: Any) -> FakeGitHub:
    return FakeGitHub(httpserver)


def actions_env(tmp_path: Path, api_url: str, head_sha: str, **overrides: str | None) -> dict[str, str | None]:
    """The environment GitHub Actions gives a step on a pull_request event."""
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "action": "synchronize",
                "number": NUMBER,
                "pull_request": {"number": NUMBER, "head": {"sha": head_sha}, "base": {"ref": "main"}},
            }
        )
    )
    env: dict[str, str | None] = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_API_URL": api_url,
        "GITHUB_SERVER_URL": "https://github.example",
        "GITHUB_RUN_ID": "123456",
        "GITHUB_STEP_SUMMARY": None,
    }
    env.update(overrides)
    return env


def assert_no_token(result: Any) -> None:
    assert TOKEN not in result.output
    assert TOKEN not in (result.stderr or "")
    assert urllib.parse.quote(TOKEN) not in result.output


# --- the "done when" scenario ---------------------------------------------------------------------


def test_gate_posts_one_sticky_comment_status_and_label_then_turns_green(
    gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path
) -> None:
    """Loopback stand-in for the GitHub REST API checking the real protocol (methods, paths, JSON, auth header).

    A PR adds one failing manifest and also disables the policies: judged with the base
    policies, exit 1, one comment after two runs, a failing status on the head SHA. The
    same PR without the bad manifest exits 0 and turns the status green.
    """
    gitrepo.commit(
        "propose parking and disable the rules",
        {"manifests/karawang/parkir.yaml": FAILING, "policies/spbe/demo.rego": "package spbe.demo\n\nimport rego.v1\n"},
    )
    head = gitrepo.head
    env = actions_env(tmp_path, fake.base, head)
    for _ in range(2):
        result = run_ci(gitrepo, "--format", "json", env=env)
        assert result.exit_code == 1, result.output
        assert [r["file"] for r in json.loads(result.stdout)["results"]] == ["manifests/karawang/parkir.yaml"]
        assert_no_token(result)
    assert len(fake.comments) == 1
    assert [m for m, p in fake.writes() if p.endswith(f"/issues/{NUMBER}/comments")] == ["POST"]
    assert any(m == "PATCH" and p.endswith(f"/issues/comments/{fake.comments[0]['id']}") for m, p in fake.writes())
    body = fake.comments[0]["body"]
    assert body.startswith(gh.MARKER) and body.count(gh.MARKER) == 1
    assert "SPBE-MOR-901" in body and "manifests/karawang/parkir.yaml" in body and "Reuse it" in body
    assert fake.statuses[-1] == {
        "sha": head,
        "state": "failure",
        "context": "spbe-check",
        "description": "1 fail, 0 invalid, 0 warn, 0 pass (1 manifests)",
        "target_url": f"https://github.example/{REPOSITORY}/actions/runs/123456",
    }
    assert fake.labels == ["spbe:fail"]

    gitrepo.commit(
        "drop the parking app", {"manifests/karawang/parkir.yaml": None, "manifests/karawang/baru.yaml": PASSING}
    )
    green = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert green.exit_code == 0, green.output
    assert len(fake.comments) == 1 and "PASS" in fake.comments[0]["body"]
    assert (fake.statuses[-1]["sha"], fake.statuses[-1]["state"]) == (gitrepo.head, "success")
    assert fake.labels == ["spbe:pass"]
    assert ("DELETE", f"/repos/{REPOSITORY}/issues/{NUMBER}/labels/spbe:fail") in fake.writes()


def test_no_manifest_change_posts_a_green_status(gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path) -> None:
    """Loopback stand-in for the GitHub REST API checking the real protocol (methods, paths, JSON, auth header)."""
    gitrepo.commit("docs", {"README.md": "new\n"})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert result.exit_code == 0
    assert fake.statuses[-1]["state"] == "success"
    assert fake.statuses[-1]["description"] == "No manifest changes: nothing to judge"
    assert "No manifest changes" in fake.comments[0]["body"]


def test_enterprise_server_api_prefix(gitrepo: GitRepo, httpserver: Any, tmp_path: Path) -> None:
    """Loopback stand-in for a GitHub Enterprise Server REST API under /api/v3, checking methods, paths, JSON, auth."""
    fake = FakeGitHub(httpserver, prefix="/api/v3")
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert result.exit_code == 1
    assert fake.requests and all(p.startswith(f"/api/v3/repos/{REPOSITORY}/") for _, p, _ in fake.requests)
    assert len(fake.comments) == 1 and fake.statuses[0]["state"] == "failure" and fake.labels == ["spbe:fail"]


# --- posting fails: the verdict stands --------------------------------------------------------------


def test_forbidden_on_a_fork_keeps_the_verdict_and_hides_the_token(
    gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path
) -> None:
    """Loopback stand-in for the GitHub REST API answering 403 to every write, as for a fork's read-only token."""
    fake.fail("POST", ".", 403, {"message": f"Resource not accessible by integration (token {TOKEN})"})
    fake.fail("PATCH", ".", 403, {"message": "Resource not accessible by integration"})
    fake.fail("DELETE", ".", 403, {"message": "Resource not accessible by integration"})
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert result.exit_code == 1
    assert "FAIL" in result.stdout and "manifests/karawang/parkir.yaml" in result.stdout
    assert "pull-requests: write" in result.stderr and "statuses: write" in result.stderr
    assert_no_token(result)
    assert fake.comments == [] and fake.statuses == []

    gitrepo.commit("fix", {"manifests/karawang/parkir.yaml": None})
    assert run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head)).exit_code == 0


def test_rate_limit_stops_posting_but_not_the_verdict(gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path) -> None:
    """Loopback stand-in for the GitHub REST API answering with its primary rate-limit error (403, remaining 0)."""
    fake.fail(
        "*",
        ".",
        403,
        {"message": "API rate limit exceeded for installation ID 1."},
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1999999999"},
    )
    gitrepo.commit("propose", {"manifests/karawang/baru.yaml": PASSING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert result.exit_code == 0
    assert "rate limit" in result.stderr and "1999999999" in result.stderr
    assert len(fake.requests) == 1  # no point trying the status and the label
    assert_no_token(result)


def test_server_errors_are_reported_and_ignored(gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path) -> None:
    """Loopback stand-in for the GitHub REST API answering 502 Bad Gateway to everything."""
    fake.fail("*", ".", 502, {"message": "Server Error"})
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert result.exit_code == 1
    assert result.stderr.count("server error (502)") == 3  # comment, status and label each tried
    assert_no_token(result)


def test_transient_server_error_on_a_read_is_retried(
    gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loopback stand-in for the GitHub REST API answering 503 once to the comment listing (a GET: safe to retry)."""
    monkeypatch.setattr(gh, "RETRIES", 1)
    fake.fail("GET", "/comments$", 503, {"message": "Service Unavailable"}, times=1)
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert result.exit_code == 1
    assert len(fake.comments) == 1 and "warning" not in result.stderr


def test_creating_the_comment_is_never_retried(
    gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loopback stand-in for the GitHub REST API failing the POST of a comment: a retry could duplicate it."""
    monkeypatch.setattr(gh, "RETRIES", 2)
    fake.fail("POST", "/comments$", 502, {"message": "Bad Gateway"}, times=1)
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert [m for m, p, _ in fake.requests if p.endswith("/comments")].count("POST") == 1


def test_unreachable_api_is_reported(gitrepo: GitRepo, tmp_path: Path) -> None:
    """A closed loopback port stands in for an unreachable GitHub API."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, f"http://127.0.0.1:{port}", gitrepo.head))
    assert result.exit_code == 1
    assert "cannot reach the GitHub API" in result.stderr
    assert_no_token(result)


def test_bad_credentials(gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path) -> None:
    """Loopback stand-in for the GitHub REST API rejecting the token (401 Bad credentials)."""
    gitrepo.commit("propose", {"manifests/karawang/baru.yaml": PASSING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head, GITHUB_TOKEN="ghs_" + "x" * 36))
    assert result.exit_code == 0
    assert "token was rejected (401)" in result.stderr
    assert "ghs_" + "x" * 36 not in result.output


def test_could_not_judge_posts_an_error_status(gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path) -> None:
    """Loopback stand-in for the GitHub REST API: when the gate cannot judge, the PR says so (status `error`)."""
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head), base="no-such-branch")
    assert result.exit_code == 2
    assert fake.statuses[-1]["state"] == "error"
    assert "could not judge" in fake.comments[0]["body"].lower()
    assert fake.labels == []


# --- when not to post ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"GITHUB_EVENT_NAME": "push"}, "the event is push, not pull_request"),
        ({"GITHUB_TOKEN": None}, "GITHUB_TOKEN is not set"),
        ({"GITHUB_API_URL": "http://ghe.example/api/v3"}, "is not an https URL"),
        ({"GITHUB_EVENT_PATH": "/nonexistent/event.json"}, "cannot read the pull request"),
    ],
)
def test_not_posting_prints_what_would_be_posted(
    gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path, overrides: dict[str, str | None], reason: str
) -> None:
    """Loopback stand-in for the GitHub REST API, which must receive no request at all."""
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head, **overrides))
    assert result.exit_code == 1
    assert reason in result.stderr and "It would post" in result.stderr
    assert "status spbe-check=failure" in result.stderr and gh.MARKER in result.stderr
    assert fake.requests == []
    assert_no_token(result)


def test_no_post_flag(gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path) -> None:
    """Loopback stand-in for the GitHub REST API, which --no-post must leave alone."""
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, "--no-post", env=actions_env(tmp_path, fake.base, gitrepo.head))
    assert "--no-post was given" in result.stderr and fake.requests == []


def test_step_summary_gets_the_comment(gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path) -> None:
    """Loopback stand-in for the GitHub REST API; the job summary carries the verdict even for forks."""
    summary = tmp_path / "summary.md"
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    run_ci(gitrepo, env=actions_env(tmp_path, fake.base, gitrepo.head, GITHUB_STEP_SUMMARY=str(summary)))
    assert "SPBE-MOR-901" in summary.read_text() and gh.MARKER not in summary.read_text()


# --- the comment -------------------------------------------------------------------------------


def report_with(results: list[Result], url: str | None = "https://lapor.go.id") -> Report:
    rule = RuleInfo(
        "SPBE-MOR-901",
        "MOR",
        "deny",
        Text("Parking exists", "Parkir sudah ada"),
        Text("", ""),
        Text("Reuse the registered app.", "Gunakan aplikasi terdaftar."),
        "ref",
    )
    return Report("0.1.0", "sha256:abc", "test-1", tuple(results), {"SPBE-MOR-901": rule})


def violation(message: str, url: str | None = "https://lapor.go.id", name: str = "SP4N-LAPOR!") -> Violation:
    return Violation(
        "SPBE-MOR-901",
        "deny",
        Text(message, message + " (id)"),
        "spec.functions[0]",
        16,
        15,
        (Suggestion("SHARED-LAPOR", name, 1.0, url),),
    )


def test_comment_escapes_everything_from_manifests() -> None:
    hostile = (
        "@everyone <img src=x onerror=alert(1)> [click](https://evil.example) ![p](https://evil.example/p.png) "
        "<!-- spbe-check:verdict --> **bold** | cell | `code` #1"
    )
    result = Result("manifests/[x](https:/evil)/<b>@admins.yaml", "karawang-x", "fail", (violation(hostile),))
    body = gh.render_comment(report_with([result]), "en", gh.CommentFacts(base_sha="a" * 40, head_sha="b" * 40))
    assert body.startswith(gh.MARKER) and body.count(gh.MARKER) == 1  # the hostile copy is inert text (&lt;!--)
    assert "&lt;!-- spbe-check:verdict --&gt;" in body
    for raw in ("<img", "<b>", "[click](", "![p](", "@everyone", "@admins", "**bold**", "| cell |", "`code`"):
        assert raw not in body, raw
    assert "@\u200beveryone" in body
    assert "[SP4N-LAPOR!](https://lapor.go.id)" in body  # registry links survive


def test_only_plain_https_registry_urls_become_links() -> None:
    for url in ("javascript:alert(1)", "https://x.example/a)(b", "http://plain.example", 'https://x.example/"q'):
        body = gh.render_comment(
            report_with([Result("m.yaml", "m", "fail", (violation("m", url),))]), "en", gh.CommentFacts()
        )
        assert "](" not in body.split("Reuse instead", 1)[1].split("\n")[0], url


def test_comment_in_bahasa_indonesia() -> None:
    body = gh.render_comment(
        report_with([Result("m.yaml", "m", "fail", (violation("pesan"),))]), "id", gh.CommentFacts()
    )
    assert (
        "GAGAL" in body and "Cara memperbaiki" in body and "Gunakan aplikasi terdaftar" in body and "pesan (id)" in body
    )


def test_comment_is_capped_at_githubs_limit() -> None:
    results = [
        Result(
            f"manifests/agency-{i:04d}/app.yaml",
            f"app-{i}",
            "fail",
            tuple(violation(f"long message {j} " + "x" * 200) for j in range(5)),
        )
        for i in range(600)
    ]
    body = gh.render_comment(report_with(results), "en", gh.CommentFacts())
    assert len(body) <= gh.COMMENT_LIMIT and len(body.encode("utf-16-le")) // 2 <= gh.COMMENT_LIMIT
    assert body.startswith(gh.MARKER)
    assert "65,536" in body
    # the summary table still lists every manifest when it fits; details are dropped first
    assert "manifests/agency-0599/app.yaml" in body


def test_cap_cuts_at_a_line_and_adds_a_note() -> None:
    body = gh.MARKER + "\n" + "\n".join("row " + "🙂" * 50 for _ in range(2000))
    capped = gh.cap(body, "cut here", limit=5000)
    assert len(capped.encode("utf-16-le")) // 2 <= 5000 and capped.rstrip().endswith("cut here")


def test_sticky_comment_prefers_the_bot_over_a_human_copy() -> None:
    class User:
        def __init__(self, kind: str) -> None:
            self.type = kind

    class Comment:
        def __init__(self, body: str, kind: str) -> None:
            self.body, self.user = body, User(kind)

    human, bot = Comment(gh.MARKER + " fake pass", "User"), Comment(gh.MARKER + "\nreal", "Bot")
    assert gh._marker_comment([Comment("hello", "User"), human, bot]) is bot
    assert gh._marker_comment([Comment("x " + gh.MARKER, "Bot")]) is None


def test_scrub_masks_tokens() -> None:
    assert gh.scrub(f"failed with {TOKEN}", TOKEN) == "failed with ***"
    assert gh.scrub(f"url?t={urllib.parse.quote(TOKEN)}", TOKEN).endswith("***")
    assert "ghp_" not in gh.scrub("leaked ghp_" + "A" * 36)
    assert gh.scrub("Authorization: Bearer abcdefgh12345678") == "Authorization: Bearer ***"
    assert gh.scrub("the token was rejected (401)") == "the token was rejected (401)"


def test_comment_reads_well_and_links_each_rule_to_its_help() -> None:
    """The tool's own prose is not escaped (no `SPBE\\-MOR\\-901`, no `manifest\\(s\\)`); each rule links to its help."""
    body = gh.render_comment(
        report_with([Result("manifests/a-b.c.yaml", "a-b", "fail", (violation("Fungsi (LYN-X) ada."),))]),
        "en",
        gh.CommentFacts(base_sha="a" * 40, head_sha="b" * 40),
    )
    for ugly in ("SPBE\\-", "manifest\\(s\\)", "a\\-b", "\\.yaml", "\\(LYN"):
        assert ugly not in body, ugly
    assert "Judged 1 manifest(s)" in body and "Fungsi (LYN-X) ada." in body
    assert "[SPBE-MOR-901](https://github.com/spbe/spbe-check/blob/main/README.md#the-rules)" in body


def test_base_defaults_to_the_events_base_sha(gitrepo: GitRepo, fake: FakeGitHub, tmp_path: Path) -> None:
    """Loopback stand-in for the GitHub REST API; `ci` without --base takes the pull_request event's base SHA."""
    from click.testing import CliRunner

    from checker.cli.main import main

    base = gitrepo.repo.commit("main").hexsha
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    env = actions_env(tmp_path, fake.base, gitrepo.head)
    event = Path(str(env["GITHUB_EVENT_PATH"]))
    doc = json.loads(event.read_text())
    doc["pull_request"]["base"]["sha"] = base
    event.write_text(json.dumps(doc))
    args = [
        "ci",
        "--repo",
        str(gitrepo.root),
        "--policies",
        str(gitrepo.root / "policies"),
        "--registry",
        str(gitrepo.root / "registry" / "registry.json"),
        "--format",
        "json",
    ]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 1, result.output
    assert [r["file"] for r in json.loads(result.stdout)["results"]] == ["manifests/karawang/parkir.yaml"]
    doc["pull_request"]["base"]["sha"] = "not-a-sha; rm -rf /"
    event.write_text(json.dumps(doc))
    refused = CliRunner().invoke(main, args, env=env)
    assert refused.exit_code == 2 and "Missing option '--base'" in refused.output


def test_an_api_that_trickles_bytes_is_given_up_on_and_the_verdict_stands(
    gitrepo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loopback stand-in (tests/trickle.py) that sends one byte every 0.3 s: each read is in time, the whole never."""
    import time

    from trickle import TrickleServer

    monkeypatch.setattr(gh, "POST_DEADLINE_SECONDS", 2)
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    with TrickleServer(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}", interval=0.3) as server:
        started = time.monotonic()
        result = run_ci(gitrepo, env=actions_env(tmp_path, f"http://127.0.0.1:{server.port}", gitrepo.head))
        elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.stderr  # the verdict's own exit code: posting is a courtesy
    assert "did not finish answering within 2 s in all" in result.stderr
    assert_no_token(result)
    assert elapsed < 60, "stopped by the deadline, long before the server gives up (generous bound, not a benchmark)"
