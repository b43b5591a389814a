"""The gate's decisions without Click: which revisions judge, and what the job log says (checker/gate/run.py, trusted.py).

The end-to-end behaviour on real git repositories is in tests/test_ci.py; these call the
functions the `ci` command delegates to, so a command that stops delegating, or a gate
function that starts needing Click, shows here.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from checker.gate.change import Change, Selection
from checker.gate.run import GateRequest, progress_lines, verdict_facts
from checker.gate.trusted import RevisionUnknown, gate_revisions
from checker.model import Text


def test_gate_revisions_outside_ci_needs_a_base() -> None:
    with pytest.raises(RevisionUnknown, match="Missing option '--base'"):
        gate_revisions(None, None, {})


def test_gate_revisions_trust_the_tip_of_base_or_the_given_ref() -> None:
    assert gate_revisions("origin/main", None, {}) == ("origin/main", ("origin/main",))
    assert gate_revisions("abc123", "origin/main", {}) == ("abc123", "origin/main")


def test_gate_revisions_on_gitlab_never_trust_the_diff_base() -> None:
    env = {
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": "b" * 40,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
    }
    base, trusted = gate_revisions(None, None, env)
    assert base == "b" * 40 and trusted == ("origin/main",)


def _run(judged: tuple[str, ...], not_judged: tuple[Change, ...] = ()) -> SimpleNamespace:
    revisions = SimpleNamespace(
        describe_base=lambda: "0123456789ab (merge base of main and HEAD)",
        trusted=SimpleNamespace(hexsha="t" * 40),
        head=SimpleNamespace(hexsha="h" * 40),
    )
    selection = Selection(judged=judged, not_judged=not_judged)
    return SimpleNamespace(
        inputs=SimpleNamespace(notes=("policies: policies at the tip",)),
        notices=(Text("cache off", "cache mati"),),
        selection=selection,
        revisions=revisions,
        nothing_to_judge=not judged,
        trusted_changed=("policies/spbe/mor.rego",),
    )


def _request() -> GateRequest:
    return GateRequest(
        Path("."), "main", "HEAD", "main", "manifests", Path("policies"), "registry.json", None, "embedded"
    )


def test_progress_lines_say_where_the_rules_came_from_and_what_is_judged() -> None:
    lines = progress_lines(_run(("manifests/a.yaml",), (Change("README.md", "M"),)), _request(), "en")  # type: ignore[arg-type]
    assert lines == [
        "spbe-check: policies: policies at the tip",
        "spbe-check: cache off",
        "spbe-check: judging 1 changed manifest(s); 1 other changed file(s) not judged.",
    ]


def test_progress_lines_nothing_to_judge_in_bahasa_indonesia() -> None:
    lines = progress_lines(_run(()), _request(), "id")  # type: ignore[arg-type]
    assert lines[-1] == (
        "spbe-check: tidak ada perubahan manifes di manifests/ antara 0123456789ab (merge base of main "
        "and HEAD) dan HEAD: tidak ada yang dinilai, gerbang lulus."
    )


def test_verdict_facts_name_the_trusted_revision_not_the_merge_base() -> None:
    facts = verdict_facts(_run(("manifests/a.yaml",)), "manifests", "warn")  # type: ignore[arg-type]
    assert (facts.base_sha, facts.head_sha, facts.fail_on) == ("t" * 40, "h" * 40, "warn")
    assert facts.trusted_changed == ("policies/spbe/mor.rego",) and facts.not_judged == 0
