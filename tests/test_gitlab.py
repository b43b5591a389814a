"""Posting the verdict to a GitLab merge request, through real python-gitlab against a loopback stand-in.

`FakeGitLab` is a loopback stand-in (pytest-httpserver on localhost) for GitLab's REST API
v4, under a self-managed-style path prefix. It checks the real protocol python-gitlab
speaks: HTTP methods, paths, JSON bodies and the `PRIVATE-TOKEN` header, and keeps state
(notes, statuses, labels) so that a second run can be seen editing rather than
duplicating. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from werkzeug import Request, Response

from checker.cli.main import main
from checker.gate import gitlab as gl
from checker.gate.github import MARKER, CommentFacts
from checker.model import Report, Result, RuleInfo, Text, Violation
from tests.test_ci import FAILING, PASSING, WARNING, GitRepo, gitrepo, run_ci  # noqa: F401 - gitrepo is a fixture

TOKEN = "glpat-" + "S3cr3tT0k3nAbCdEf12"
PROJECT = 5
IID = 7
BOT_ID = 77
PREFIX = "/gitlab/api/v4"  # a self-managed instance served under a relative path


class FakeGitLab:
    """A loopback stand-in for GitLab's REST API v4 (user, merge-request notes, commit statuses, MR labels)."""

    def __init__(self, httpserver: Any):
        self.api = httpserver.url_for(PREFIX).rstrip("/")
        self.notes: list[dict[str, Any]] = []
        self.statuses: list[dict[str, Any]] = []
        self.labels: list[str] = ["needs-review"]
        self.requests: list[tuple[str, str, Any]] = []
        self.failures: list[list[Any]] = []
        self.next_id = 500
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def fail(
        self, method: str, pattern: str, status: int, body: dict[str, Any] | None = None, times: int = 10**6
    ) -> None:
        self.failures.append([method, pattern, status, body or {"message": "error"}, times])

    @staticmethod
    def _json(data: Any, status: int = 200) -> Response:
        return Response(json.dumps(data), status=status, content_type="application/json")

    def handle(self, request: Request) -> Response:
        body = request.get_json(silent=True) if request.data else None
        path = request.path
        self.requests.append((request.method, path, body))
        if request.headers.get("PRIVATE-TOKEN") != TOKEN:
            return self._json({"message": "401 Unauthorized"}, 401)
        for failure in self.failures:
            method, pattern, status, fbody, times = failure
            if method in (request.method, "*") and re.search(pattern, path) and times > 0:
                failure[4] -= 1
                return self._json(fbody, status)
        if not path.startswith(PREFIX + "/"):
            return self._json({"message": "404 Not Found"}, 404)
        rest = path[len(PREFIX) :]
        mr = f"/projects/{PROJECT}/merge_requests/{IID}"
        if rest == "/user" and request.method == "GET":
            return self._json({"id": BOT_ID, "username": f"project_{PROJECT}_bot", "bot": True})
        if rest == f"{mr}/notes" and request.method == "GET":
            return self._json(self.notes)
        if rest == f"{mr}/notes" and request.method == "POST":
            assert set(body) == {"body"}, body
            self.next_id += 1
            note = {"id": self.next_id, "body": body["body"], "system": False, "author": {"id": BOT_ID}}
            self.notes.append(note)
            return self._json(note, 201)
        match = re.fullmatch(rf"{mr}/notes/(\d+)", rest)
        if match and request.method == "PUT":
            note = next(n for n in self.notes if n["id"] == int(match.group(1)))
            if note["author"]["id"] != BOT_ID:
                return self._json({"message": "403 Forbidden"}, 403)
            note["body"] = body["body"]
            return self._json(note)
        match = re.fullmatch(rf"/projects/{PROJECT}/statuses/([0-9a-f]{{40}})", rest)
        if match and request.method == "POST":
            assert body["state"] in ("pending", "running", "success", "failed", "canceled"), body
            self.statuses.append({"sha": match.group(1), **body})
            return self._json({"id": len(self.statuses), **body}, 201)
        if rest == mr and request.method == "PUT":
            for name in (body.get("remove_labels") or "").split(","):
                if name in self.labels:
                    self.labels.remove(name)
            for name in (body.get("add_labels") or "").split(","):
                if name and name not in self.labels:
                    self.labels.append(name)
            return self._json({"iid": IID, "project_id": PROJECT, "labels": self.labels})
        return self._json({"message": "404 Not Found"}, 404)

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p, _ in self.requests if m != "GET"]


@pytest.fixture(autouse=True)
def fast_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """No retries, so error paths answer at once."""
    monkeypatch.setattr(gl, "RETRIES", 0)


@pytest.fixture
def fake(httpserver: Any) -> FakeGitLab:
    return FakeGitLab(httpserver)


def gitlab_env(api: str, head: str, base: str | None = None, **overrides: str | None) -> dict[str, str | None]:
    """The variables GitLab CI gives a job in a merge-request pipeline."""
    env: dict[str, str | None] = {
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_IID": str(IID),
        "CI_PROJECT_ID": str(PROJECT),
        "CI_API_V4_URL": api,
        "CI_COMMIT_SHA": head,
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_JOB_URL": "https://gitlab.example/pemkab/registri/-/jobs/991",
        "GITLAB_TOKEN": TOKEN,
    }
    env.update(overrides)
    return env


def assert_no_token(result: Any) -> None:
    assert TOKEN not in result.output and TOKEN not in (result.stderr or "")


# --- the merge-request flow ------------------------------------------------------------------


def test_gate_keeps_one_sticky_note_sets_status_and_label(gitrepo: GitRepo, fake: FakeGitLab) -> None:
    """Loopback stand-in for GitLab's REST API v4 checking methods, paths, JSON bodies and the PRIVATE-TOKEN header.

    Two runs on a failing merge request: one note (created, then edited in place), a failed
    status on the head SHA, label spbe:fail; then the fixed request turns green.
    """
    gitrepo.commit(
        "propose parking and disable the rules",
        {"manifests/karawang/parkir.yaml": FAILING, "policies/spbe/demo.rego": "package spbe.demo\n\nimport rego.v1\n"},
    )
    env = gitlab_env(fake.api, gitrepo.head)
    for _ in range(2):
        result = run_ci(gitrepo, "--format", "json", env=env)
        assert result.exit_code == 1, result.output
        assert_no_token(result)
    assert len(fake.notes) == 1
    assert [m for m, p in fake.writes() if p.endswith("/notes")] == ["POST"]
    assert ("PUT", f"{PREFIX}/projects/{PROJECT}/merge_requests/{IID}/notes/{fake.notes[0]['id']}") in fake.writes()
    body = fake.notes[0]["body"]
    assert body.startswith(MARKER) and "SPBE-MOR-901" in body and "manifests/karawang/parkir.yaml" in body
    assert fake.statuses[-1] == {
        "sha": gitrepo.head,
        "state": "failed",
        "name": "spbe-check",
        "description": "1 fail, 0 invalid, 0 warn, 0 pass (1 manifests)",
        "target_url": "https://gitlab.example/pemkab/registri/-/jobs/991",
    }
    assert fake.labels == ["needs-review", "spbe:fail"]  # other labels are left alone

    gitrepo.commit("drop it", {"manifests/karawang/parkir.yaml": None, "manifests/karawang/baru.yaml": PASSING})
    green = run_ci(gitrepo, env=gitlab_env(fake.api, gitrepo.head))
    assert green.exit_code == 0, green.output
    assert len(fake.notes) == 1 and "PASS" in fake.notes[0]["body"]
    assert (fake.statuses[-1]["sha"], fake.statuses[-1]["state"]) == (gitrepo.head, "success")
    assert fake.labels == ["needs-review", "spbe:pass"]


def test_base_defaults_to_the_diff_base_gitlab_names(gitrepo: GitRepo, fake: FakeGitLab) -> None:
    """Loopback stand-in for GitLab's REST API v4; `ci` without --base takes CI_MERGE_REQUEST_DIFF_BASE_SHA."""
    base = gitrepo.repo.commit("main").hexsha
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
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
    clean = {k: None for k in os.environ if k.startswith(("GITHUB_", "CI_", "GITLAB_"))}
    # The diff base is the merge base: the rules come from the target branch's tip, which the job must fetch.
    unfetched = CliRunner().invoke(main, args, env={**clean, **gitlab_env(fake.api, gitrepo.head, base=base)})
    assert unfetched.exit_code == 2 and "'origin/main'" in unfetched.output
    gitrepo.repo.create_remote("origin", str(gitrepo.root)).fetch()
    result = CliRunner().invoke(main, args, env={**clean, **gitlab_env(fake.api, gitrepo.head, base=base)})
    assert result.exit_code == 1, result.output
    assert [r["file"] for r in json.loads(result.stdout)["results"]] == ["manifests/karawang/parkir.yaml"]
    missing = CliRunner().invoke(main, args, env={**clean, **gitlab_env(fake.api, gitrepo.head, base=None)})
    assert missing.exit_code == 2 and "CI_MERGE_REQUEST_DIFF_BASE_SHA" in missing.output


def test_a_human_copy_of_the_marker_is_never_edited(gitrepo: GitRepo, fake: FakeGitLab) -> None:
    """Loopback stand-in for GitLab's REST API v4 holding a note with our marker written by another user."""
    fake.notes.append({"id": 1, "body": MARKER + "\nfake PASS", "system": False, "author": {"id": 3}})
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    run_ci(gitrepo, env=gitlab_env(fake.api, gitrepo.head))
    assert fake.notes[0]["body"].endswith("fake PASS") and len(fake.notes) == 2


def test_fail_on_warn_fails_the_status(gitrepo: GitRepo, fake: FakeGitLab) -> None:
    """Loopback stand-in for GitLab's REST API v4: with --fail-on warn a warning is a failed status and exit 1."""
    gitrepo.commit("propose", {"manifests/karawang/awan.yml": WARNING})
    result = run_ci(gitrepo, "--fail-on", "warn", env=gitlab_env(fake.api, gitrepo.head))
    assert result.exit_code == 1 and fake.statuses[-1]["state"] == "failed" and "spbe:fail" in fake.labels


# --- posting fails: the verdict stands -------------------------------------------------------


@pytest.mark.parametrize(
    "status, expect, stops",
    [
        (403, "may not write here (403)", False),
        (404, "answered 404", False),
        (429, "rate limit was hit (429)", True),
        (500, "server error (500)", False),
        (503, "server error (503)", False),
    ],
)
def test_api_errors_are_reported_and_ignored(
    gitrepo: GitRepo, fake: FakeGitLab, status: int, expect: str, stops: bool
) -> None:
    """Loopback stand-in for GitLab's REST API v4 answering `status` to every write."""
    fake.fail("POST", ".", status, {"message": f"{status} refused for {TOKEN}"})
    fake.fail("PUT", ".", status, {"message": f"{status} refused"})
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=gitlab_env(fake.api, gitrepo.head))
    assert result.exit_code == 1 and "FAIL" in result.stdout
    assert result.stderr.count(expect) == (1 if stops else 3)  # note, status and label each tried unless told to stop
    assert_no_token(result)
    assert fake.notes == [] and fake.statuses == []


def test_rate_limit_is_not_waited_out(gitrepo: GitRepo, fake: FakeGitLab) -> None:
    """Loopback stand-in for GitLab's REST API v4 answering 429 to the first read: python-gitlab would sleep and retry."""
    fake.fail("GET", "/notes$", 429, {"message": "429 Too Many Requests"})
    gitrepo.commit("propose", {"manifests/karawang/baru.yaml": PASSING})
    result = run_ci(gitrepo, env=gitlab_env(fake.api, gitrepo.head))
    assert result.exit_code == 0 and "rate limit" in result.stderr
    assert [p for m, p, _ in fake.requests if p.endswith("/notes")] == [
        f"{PREFIX}/projects/{PROJECT}/merge_requests/{IID}/notes"
    ]


def test_bad_token(gitrepo: GitRepo, fake: FakeGitLab) -> None:
    """Loopback stand-in for GitLab's REST API v4 rejecting the token (401)."""
    other = "glpat-" + "x" * 20
    gitrepo.commit("propose", {"manifests/karawang/baru.yaml": PASSING})
    result = run_ci(gitrepo, env=gitlab_env(fake.api, gitrepo.head, GITLAB_TOKEN=other))
    assert result.exit_code == 0
    assert "token was rejected (401)" in result.stderr and other not in result.output


def test_unreachable_api(gitrepo: GitRepo) -> None:
    """A closed loopback port stands in for an unreachable GitLab instance."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=gitlab_env(f"http://127.0.0.1:{port}/api/v4", gitrepo.head))
    assert result.exit_code == 1 and "cannot reach the GitLab API" in result.stderr
    assert_no_token(result)


def test_could_not_judge_posts_a_failed_status(gitrepo: GitRepo, fake: FakeGitLab) -> None:
    """Loopback stand-in for GitLab's REST API v4: when the gate cannot judge, the merge request says so."""
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=gitlab_env(fake.api, gitrepo.head), base="no-such-branch")
    assert result.exit_code == 2
    assert fake.statuses[-1]["state"] == "failed" and "could not judge" in fake.notes[0]["body"].lower()


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"CI_MERGE_REQUEST_IID": None}, "not a merge-request pipeline"),
        ({"GITLAB_TOKEN": None}, "GITLAB_TOKEN is not set"),
        ({"CI_API_V4_URL": "http://gitlab.example/api/v4"}, "is not an https URL"),
        ({"CI_PROJECT_ID": "5; rm"}, "is not a number"),
    ],
)
def test_not_posting_prints_what_would_be_posted(
    gitrepo: GitRepo, fake: FakeGitLab, overrides: dict[str, str | None], reason: str
) -> None:
    """Loopback stand-in for GitLab's REST API v4, which must receive no request at all."""
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    result = run_ci(gitrepo, env=gitlab_env(fake.api, gitrepo.head, **overrides))
    assert result.exit_code == 1
    assert reason in result.stderr and "It would post" in result.stderr and "status spbe-check=failed" in result.stderr
    assert fake.requests == []
    assert_no_token(result)


# --- the note ---------------------------------------------------------------------------------


def report_with(results: list[Result]) -> Report:
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


def test_note_defuses_quick_actions_references_and_mentions() -> None:
    hostile = "/approve\n/merge\n  /label ~urgent @all #1 !2 %v1 $3 &4 {+add+} [-del-] <script>x</script>"
    result = Result(
        "manifests/x.yaml",
        "x",
        "fail",
        (Violation("SPBE-MOR-901", "deny", Text(hostile, hostile), "spec.functions[0]", 3, 1),),
    )
    facts = CommentFacts(error=None)
    body = gl.render_note(report_with([result]), "en", facts)
    assert not re.search(r"(?m)^[ \t]*/[A-Za-z]", body)  # no line is a quick action
    for live in ("@all", "#1", "!2", "%v1", "$3", "&amp;4", "~urgent", "{+", "[-", "<script>"):
        assert live not in body.replace("\\", ""), live
    error_note = gl.render_note(None, "en", CommentFacts(error="/merge\n/approve now"))
    assert not re.search(r"(?m)^[ \t>]*/[A-Za-z]", error_note)


def test_note_is_capped_at_gitlabs_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert gl.NOTE_LIMIT == 1_000_000  # GitLab's documented maximum note length
    monkeypatch.setattr(gl, "NOTE_LIMIT", 20_000)  # the same code path, rendered faster
    results = [
        Result(
            f"manifests/agency-{i:04d}/app.yaml",
            f"app-{i}",
            "fail",
            tuple(Violation("SPBE-MOR-901", "deny", Text("x" * 200, "x"), "spec", 1, 1) for _ in range(3)),
        )
        for i in range(60)
    ]
    body = gl.render_note(report_with(results), "en", CommentFacts())
    assert len(body) <= 20_000 and body.startswith(MARKER) and "20,000" in body


def test_scrub_masks_gitlab_tokens() -> None:
    assert gl.scrub_gitlab(f"PRIVATE-TOKEN: {TOKEN}") == "PRIVATE-TOKEN: ***"
    assert gl.scrub_gitlab("leaked glpat-ABCDEFGHIJKLMNOPQRST here") == "leaked *** here"
    assert gl.scrub_gitlab("merge request !7 refused (403)") == "merge request !7 refused (403)"


def test_revisions_are_exposed_as_plain_values() -> None:
    from checker.gate.forge import detected_revisions

    sha = "a" * 40
    found = detected_revisions(
        {
            "GITLAB_CI": "true",
            "CI_MERGE_REQUEST_DIFF_BASE_SHA": sha,
            "CI_MERGE_REQUEST_TARGET_BRANCH_SHA": "b" * 40,
            "CI_COMMIT_SHA": "c" * 40,
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        }
    )
    assert (found.forge, found.base, found.target_sha, found.target_branch, found.head) == (
        "gitlab",
        sha,
        "b" * 40,
        "main",
        "c" * 40,
    )
    assert detected_revisions({"GITLAB_CI": "true", "CI_MERGE_REQUEST_DIFF_BASE_SHA": "main; rm -rf"}).base is None
    assert detected_revisions({}).forge == "github"


# --- the .gitlab-ci.yml template ----------------------------------------------------------------


def test_gitlab_ci_template_runs_the_gate_on_merge_requests_only() -> None:
    import shlex

    import yaml

    path = Path(__file__).resolve().parent.parent / ".gitlab" / "ci-templates" / "spbe-gate.gitlab-ci.yml"
    job = yaml.safe_load(path.read_text(encoding="utf-8"))["spbe-gate"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality.json", "junit": "spbe-check-junit.xml"}
    commands = [shlex.split(line.split(" || ")[0]) for line in job["script"]]
    widget, gate = commands
    assert widget[:2] == ["spbe-check", "ci"] and "--no-post" in widget
    assert (
        widget[widget.index("--format") + 1] == "gitlab"
        and widget[widget.index("--output") + 1] == "gl-code-quality.json"
    )
    assert gate[:2] == ["spbe-check", "ci"] and "--no-post" not in gate and "--base" not in gate
    assert gate[gate.index("--output") + 1] == "spbe-check-junit.xml"
    text = path.read_text(encoding="utf-8")
    assert "CI_JOB_TOKEN" not in text.split("#")[-1] and "GITLAB_TOKEN" in text and "`api` scope" in text
    from checker.cli.main import main as cli

    for command in commands:  # every option the template passes exists
        result = CliRunner().invoke(cli, [*command[1:], "--help"])
        assert result.exit_code == 0, result.output


def test_an_api_that_trickles_bytes_is_given_up_on_and_the_verdict_stands(
    gitrepo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loopback stand-in (tests/trickle.py) that sends one byte every 0.3 s: each read is in time, the whole never."""
    import time

    from trickle import TrickleServer

    monkeypatch.setattr(gl, "POST_DEADLINE_SECONDS", 2)
    gitrepo.commit("propose", {"manifests/karawang/parkir.yaml": FAILING})
    with TrickleServer(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}", interval=0.3) as server:
        started = time.monotonic()
        result = run_ci(gitrepo, env=gitlab_env(f"http://127.0.0.1:{server.port}/api/v4", gitrepo.head))
        elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.stderr  # the verdict's own exit code: posting is a courtesy
    assert "did not finish answering within 2 s in all" in result.stderr
    assert_no_token(result)
    assert elapsed < 60, "stopped by the deadline, long before the server gives up (generous bound, not a benchmark)"
