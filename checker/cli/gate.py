"""`spbe-check ci`: the pull-request gate's options; checker/gate/run.py runs the gate."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from checker.cli.inputs import GateCommand, gate_policy_opener, gate_refs
from checker.cli.options import fail_closed, judging_options
from checker.cli.output import emit
from checker.model import FailOn, Lang
from checker.plumbing.secrets import scrub


@click.command("ci", cls=GateCommand)
@click.option(
    "--base",
    "base_ref",
    default=None,
    help="The branch or commit the pull request targets (e.g. origin/main, or the base SHA). "
    "The change is what HEAD adds since the merge base of BASE and HEAD. "
    "Default: the pull_request event's base SHA on GitHub Actions, CI_MERGE_REQUEST_DIFF_BASE_SHA "
    "on a GitLab merge-request pipeline.",
)
@click.option("--head", "head_ref", default="HEAD", show_default=True, help="The pull request's commit.")
@click.option(
    "--trusted-ref",
    "trusted_ref",
    default=None,
    metavar="REF",
    help="The revision whose policies, registry and waivers judge the change: the tip of the target branch "
    "when judging (e.g. origin/main). [default: the first that exists of, on GitHub, "
    "origin/<the event's base.ref> and its base.sha, on GitLab CI_MERGE_REQUEST_TARGET_BRANCH_SHA and "
    "origin/<target branch>, then the tip of --base (not GitLab's detected diff base); never the "
    "merge base]",
)
@click.option(
    "--repo",
    "repo_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    show_default="the current directory's git work tree",
    help="The git repository.",
)
@click.option(
    "--manifests",
    "manifests_dir",
    default="manifests",
    show_default=True,
    help="Folder (inside the repository) whose *.yaml/*.yml files are manifests.",
)
@judging_options
@click.option(
    "--post/--no-post",
    default=True,
    show_default=True,
    help="Post the verdict to the pull request (GitHub Actions, pull_request event, GITHUB_TOKEN set) "
    "or merge request (GitLab CI merge-request pipeline, GITLAB_TOKEN set); "
    "--no-post prints what would be posted.",
)
@fail_closed(judging=True)
def ci_command(
    base_ref: str | None,
    head_ref: str,
    trusted_ref: str | None,
    repo_dir: Path,
    manifests_dir: str,
    format_name: str,
    output: Path | None,
    registry: str,
    policies: Path,
    waivers: Path | None,
    lang: Lang,
    engine: str,
    post: bool,
    opa: Any = None,
    fail_on: FailOn = "deny",
    junit_cases: str = "manifest",
) -> int:
    """The pull-request gate: judge the manifests changed between BASE and HEAD.

    Only manifests added, modified or renamed under --manifests are judged (and any
    manifest whose OpenAPI document changed), with the policies, registry and waivers
    of the target branch's tip (--trusted-ref) when they live in the repository, so a
    pull request can neither weaken the rules that judge it nor pick older ones by
    branching from an old commit. Exit 0 / 1 / 2 as for `check` (--fail-on included).
    """
    from checker.formats.escape import defuse_ci_commands
    from checker.gate.run import GateRequest, judge_request, progress_lines, publish_verdict

    base_ref, trusted = gate_refs(base_ref, trusted_ref)

    def say(line: str) -> None:
        click.echo(defuse_ci_commands(scrub(line)), err=True)

    request = GateRequest(
        repo_dir,
        base_ref,
        head_ref,
        trusted,
        manifests_dir,
        policies,
        registry,
        waivers,
        engine,
        opa,
        gate_policy_opener(click.get_current_context()),
    )
    run = judge_request(request, lang, post, os.environ, say)
    for line in progress_lines(run, request, lang):
        say(line)
    emit(run.report, format_name, output, lang, junit_cases)
    publish_verdict(run, request, lang, fail_on, post, output, os.environ, say)
    return run.report.exit_code_for(fail_on)
