"""The `spbe-check` command line: the group, its one door to the terminal, and every command registered.

Each command lives in the module of its concern (checker/cli/check.py, gate.py, …) and
imports only downwards (checker/cli/options.py for what they share), so this module is the
only one that knows them all and nothing imports it back.

Exit codes (SPEC §5): 0 every manifest passes or warns; 1 something fails or is
invalid; 2 the tool could not judge. Anything unexpected is also 2: the gate fails
closed and never prints a traceback unless SPBE_CHECK_DEBUG=1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from checker import __version__
from checker.cli.audit import audit_command
from checker.cli.bundle import bundle_group
from checker.cli.check import check
from checker.cli.explain import explain, schema
from checker.cli.gate import ci_command
from checker.cli.init import init
from checker.cli.inputs import start_session, use_settings_file
from checker.cli.options import EXIT_CANNOT_JUDGE, fail_closed
from checker.cli.registry import registry_search, registry_show, registry_stats
from checker.cli.registry_add import registry_add
from checker.cli.rules import rules, test_command
from checker.errors import CannotJudge
from checker.model import Lang, Text
from checker.plumbing.paths import DEFAULT_REGISTRY

__all__ = ["main"]


def _message_lang(args: list[str]) -> Lang:
    """The language asked for on the command line or in SPBE_CHECK_LANG, for messages outside a command."""
    for index, arg in enumerate(args):
        if arg == "--lang=id" or (arg == "--lang" and args[index + 1 : index + 2] == ["id"]):
            return "id"
    return "id" if os.environ.get("SPBE_CHECK_LANG") == "id" else "en"


class GateGroup(click.Group):
    """The top-level group: every run goes through one door to the terminal and ends with a true exit code.

    stdout and stderr are wrapped so no line can act as a CI workflow command
    (checker/cli/streams.py), and Ctrl-C, SIGTERM and a closed pipe end the run with
    exit 2 (or 141 for a listing cut short by its reader) instead of Click's
    "Aborted!" and exit 1 (checker/cli/interrupts.py).
    """

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from checker.cli.interrupts import (
            EXIT_PIPE_CLOSED,
            OUTPUT_CLOSED_MESSAGE,
            Interrupted,
            OutputClosed,
            interrupted_message,
            signals_interrupt,
            silence_stdout,
        )
        from checker.cli.streams import defused_streams

        lang = _message_lang(list(sys.argv[1:] if args is None else args))
        with defused_streams(), signals_interrupt():
            try:
                return super().main(args, prog_name, complete_var, standalone_mode, **extra)
            except Interrupted as stop:
                _last_words(f"spbe-check: {interrupted_message(str(stop)).get(lang)}")
                sys.exit(EXIT_CANNOT_JUDGE)
            except OutputClosed as closed:
                silence_stdout()
                if closed.judging:
                    _last_words(f"spbe-check: {OUTPUT_CLOSED_MESSAGE.get(lang)}")
                sys.exit(EXIT_CANNOT_JUDGE if closed.judging else EXIT_PIPE_CLOSED)


def _last_words(line: str) -> None:
    """One line on stderr, if stderr is still there to take it."""
    try:
        click.echo(line, err=True)
    except (OSError, ValueError):
        pass


@click.group(cls=GateGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spbe-check")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Check proposed government applications against the SPBE rules.

    Stop building new apps, reuse the shared services, interoperate through the
    service bus (SPLP), host in the national data centres (PDN).

    Settings: a `.spbe-check.yaml` in the working directory or a parent (up to the
    repository root) sets any long option by its name (`format: json`, `fail-on:
    warn`, `opa: {url: …}`); the command line and environment variables win over it.
    `ci` reads it from the trusted revision (the target branch's tip).
    """
    start_session(ctx)
    use_settings_file(ctx)


@click.group()
def registry() -> None:
    """Work with the national registry."""


@registry.command("generate")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    show_default="registry/national-registry.json.gz in a checkout; required when installed",
    help="Where to write the registry (.json or .json.gz).",
)
@fail_closed
def registry_generate(output: Path | None) -> int:
    """Regenerate the synthetic sample national registry, deterministically."""
    from checker.plumbing.paths import IDN_AREA_SOURCES, INSTALLED
    from checker.registry.samplegen.generate import build_sample_registry, write_registry

    if output is None:
        if INSTALLED:  # never rewrite the data inside an installed package
            raise CannotJudge(
                Text(
                    "Pass --output FILE: the installed package's sample registry is not rewritten.",
                    "Berikan --output BERKAS: contoh registri di dalam paket terpasang tidak ditulis ulang.",
                )
            )
        output = DEFAULT_REGISTRY
    doc = build_sample_registry(IDN_AREA_SOURCES)
    write_registry(doc, output)
    click.echo(f"wrote {len(doc['apps'])} applications to {output}")
    return 0


# Every command, registered in one place; the order is the settings file's order of lookup (checker/cli/config.py).
for _command in (check, rules, test_command, registry, init, explain, schema, bundle_group, ci_command, audit_command):
    main.add_command(_command)
for _command in (registry_search, registry_show, registry_stats, registry_add):
    registry.add_command(_command)
