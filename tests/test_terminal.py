"""Friendly terminal output: `check --quiet|--verbose`, progress only on a terminal, colour rules."""

from __future__ import annotations

import io

from click.testing import CliRunner

from checker.cli.main import main
from checker.cli.options import use_color
from checker.cli.terminal import check_with_progress, progress_wanted
from tests.conftest import VALID_MANIFEST

PASSING = VALID_MANIFEST.replace("[LYN-PARKIR]", "[LYN-LAIN]")


def common(tiny_policies, registry_file) -> list[str]:
    return ["--policies", str(tiny_policies), "--registry", str(registry_file)]


def test_quiet_prints_only_the_summary_and_keeps_the_exit_code(tiny_policies, registry_file, write):
    failing = write("f.yaml", VALID_MANIFEST)
    result = CliRunner().invoke(main, ["check", str(failing), "--quiet", *common(tiny_policies, registry_file)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("Summary: 0 pass, 0 warn, 1 fail")


def test_verbose_lists_passing_manifests_and_timings_on_stderr(tiny_policies, registry_file, write):
    passing = write("p.yaml", PASSING)
    result = CliRunner().invoke(main, ["check", str(passing), "-v", *common(tiny_policies, registry_file)])
    assert result.exit_code == 0
    assert f"spbe-check: pass  {passing.as_posix()} (karawang-contoh)" in result.stderr
    assert "judged 1 manifests in" in result.stderr and "ms per manifest" in result.stderr
    assert "PASS" in result.stdout and "judged" not in result.stdout


def test_quiet_and_verbose_exclude_each_other(tiny_policies, registry_file, write):
    result = CliRunner().invoke(
        main, ["check", str(write("p.yaml", PASSING)), "-q", "-v", *common(tiny_policies, registry_file)]
    )
    assert result.exit_code == 2 and "exclude each other" in result.output


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Tty()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())


def test_progress_bar_only_for_long_work_on_a_terminal(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not progress_wanted(1000, io.StringIO()) and not progress_wanted(3, Tty()) and progress_wanted(1000, Tty())

    class FakeJudge:
        def check(self, targets: list[int], on_result=None) -> list[int]:
            for target in targets:
                if on_result is not None:
                    on_result(target)
            return targets

    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    judge = FakeJudge()
    assert check_with_progress(judge, list(range(30))) == list(range(30))
    out = tty.getvalue()
    assert "judging" in out and "100%" in out  # the bar went to stderr and reached the end
