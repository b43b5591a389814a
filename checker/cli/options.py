"""What the commands share: the options they repeat, colour, and the fail-closed door to exit 2.

The one module every command module imports (checker/cli/main.py registers the commands), so
an option is spelled once and no command module needs the group to get it.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, overload

import click

from checker.cli.inputs import policies_option
from checker.errors import CannotJudge
from checker.model import Lang, Text
from checker.plumbing.paths import DEFAULT_REGISTRY
from checker.plumbing.secrets import scrub

__all__ = [
    "EXIT_CANNOT_JUDGE",
    "FORMAT_NAMES",
    "engine_option",
    "fail_closed",
    "judging_options",
    "lang_option",
    "opa_options",
    "policies_option",
    "registry_option",
    "use_color",
    "waivers_option",
]

EXIT_CANNOT_JUDGE = 2
FORMAT_NAMES = ("text", "json", "sarif", "junit", "markdown", "github", "gitlab")


def use_color(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


@overload
def fail_closed(command: Callable[..., int | None], *, judging: bool = False) -> Callable[..., None]: ...
@overload
def fail_closed(
    command: None = None, *, judging: bool = False
) -> Callable[[Callable[..., int | None]], Callable[..., None]]: ...
def fail_closed(
    command: Callable[..., int | None] | None = None, *, judging: bool = False
) -> Callable[..., None] | Callable[[Callable[..., int | None]], Callable[..., None]]:
    """Turn CannotJudge and unexpected errors into exit 2 with a readable message.

    `@fail_closed(judging=True)` marks a command whose output is a verdict: if its
    standard output is closed before the report is delivered it exits 2, not 141
    (see checker/cli/interrupts.py).
    """
    if command is None:
        return functools.partial(fail_closed, judging=judging)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from checker.cli.interrupts import OutputClosed, is_broken_pipe
        from checker.formats.escape import strip_control

        lang: Lang = kwargs.get("lang") or "en"
        try:
            code = command(*args, **kwargs)
        except CannotJudge as err:
            click.echo(f"spbe-check: {strip_control(scrub(err.text(lang)), keep_newlines=True)}", err=True)
            sys.exit(EXIT_CANNOT_JUDGE)
        except click.exceptions.Abort:  # a prompt read the end of its input: no answer, not a bug
            click.echo(f"spbe-check: {NO_ANSWER.get(lang)}", err=True)
            sys.exit(EXIT_CANNOT_JUDGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as err:
            if is_broken_pipe(err):
                raise OutputClosed(judging) from None
            if os.environ.get("SPBE_CHECK_DEBUG"):
                raise
            detail = strip_control(f"{type(err).__name__}: {err}")
            message = Text(
                f"internal error ({detail}); nothing was judged. Re-run with SPBE_CHECK_DEBUG=1 and report it.",
                f"kesalahan internal ({detail}); tidak ada yang dinilai. Jalankan ulang dengan SPBE_CHECK_DEBUG=1 dan laporkan.",
            )
            click.echo(f"spbe-check: {scrub(message.get(lang))}", err=True)
            sys.exit(EXIT_CANNOT_JUDGE)
        sys.exit(code or 0)

    return wrapper


NO_ANSWER = Text(
    "a question got no answer (standard input is closed or empty): give the answers as options, "
    "or -y to ask nothing and take the defaults.",
    "sebuah pertanyaan tidak terjawab (masukan standar tertutup atau kosong): berikan jawabannya "
    "sebagai opsi, atau -y agar tidak ditanya dan memakai nilai bawaan.",
)


lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "id"]),
    default="en",
    envvar="SPBE_CHECK_LANG",
    show_default=True,
    help="Language of messages: English or Bahasa Indonesia.",
)
registry_option = click.option(
    "--registry",
    default=str(DEFAULT_REGISTRY),
    show_default="the sample national registry",
    envvar="SPBE_CHECK_REGISTRY",
    help="Registry file (YAML or JSON, optionally .gz) or https URL (30 s in all; "
    "redirects only on the same host over https; user:password@ sent as Basic auth).",
)
waivers_option = click.option(
    "--waivers", type=click.Path(path_type=Path), default=None, help="WaiverList file owned by the policy owners."
)
engine_option = click.option(
    "--engine",
    type=click.Choice(["embedded", "opa"]),
    default="embedded",
    show_default=True,
    help="Rego engine: embedded (regorus, in-process) or opa (an OPA server, see --opa-url).",
)
_OPA_OPTIONS = (
    click.option(
        "--opa-url",
        envvar="SPBE_CHECK_OPA_URL",
        default=None,
        help="Base URL of the OPA server for --engine opa, e.g. https://opa.spbe.go.id.",
    ),
    click.option(
        "--opa-mode",
        type=click.Choice(["bundle", "push"]),
        default="bundle",
        show_default=True,
        help="bundle: the server already serves our bundle, check its revision; "
        "push: upload policies and data first (development servers only).",
    ),
    click.option(
        "--opa-revision",
        default=None,
        help="Bundle revision the server must serve [default: the local policies' revision].",
    ),
    click.option(
        "--opa-token",
        envvar="SPBE_CHECK_OPA_TOKEN",
        default=None,
        show_default=False,
        help="Bearer token for the OPA server (better: the SPBE_CHECK_OPA_TOKEN variable). Never printed.",
    ),
    click.option(
        "--opa-ca-cert",
        type=click.Path(path_type=Path),
        default=None,
        help="PEM file of the CA that signed the server's certificate (TLS is always verified).",
    ),
    click.option(
        "--opa-timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=10.0,
        show_default=True,
        help="Seconds for each request to the OPA server, in all: connecting and every byte "
        "of the answer (a server that trickles bytes is cut off).",
    ),
    click.option(
        "--opa-retries",
        type=click.IntRange(0, 5),
        default=2,
        show_default=True,
        help="Retries, with backoff, after a connection failure, a timeout or HTTP 429/502/503/504.",
    ),
)


def opa_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the --opa-* options; the command receives them as one `opa` (OpaSettings)."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        opa_url: str | None,
        opa_mode: str,
        opa_revision: str | None,
        opa_token: str | None,
        opa_ca_cert: Path | None,
        opa_timeout: float,
        opa_retries: int,
        **kwargs: Any,
    ) -> Any:
        from checker.engine.opa_settings import OpaSettings

        source = click.get_current_context().get_parameter_source("opa_url")
        if kwargs.get("engine") != "opa" and source == click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError("--opa-url only applies with --engine opa.")
        kwargs["opa"] = OpaSettings(
            url=opa_url,
            mode=opa_mode,
            revision=opa_revision,
            token=opa_token,
            ca_cert=opa_ca_cert,
            timeout=opa_timeout,
            retries=opa_retries,
        )
        return command(*args, **kwargs)

    for option in reversed(_OPA_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


format_option = click.option(
    "--format",
    "format_name",
    type=click.Choice(FORMAT_NAMES),
    default="text",
    show_default=True,
    help="Output format (gitlab: a GitLab Code Quality report for the merge-request widget).",
)
fail_on_option = click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(["deny", "warn"]),
    default="deny",
    show_default=True,
    help="Exit 1 on a fail or invalid manifest (deny), or also on a warn verdict (warn).",
)
junit_cases_option = click.option(
    "--junit-cases",
    "junit_cases",
    type=click.Choice(["manifest", "rule"]),
    default="manifest",
    show_default=True,
    help="--format junit: one test case per manifest, or per rule per manifest.",
)
output_option = click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the report to FILE instead of standard output (atomically: a complete "
    "report or none; a report that cannot be written is exit 2).",
)


def judging_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every judging command shares (check, ci): formats, inputs, language, engine."""
    for option in reversed(
        (
            format_option,
            output_option,
            fail_on_option,
            junit_cases_option,
            registry_option,
            policies_option,
            waivers_option,
            lang_option,
            engine_option,
            opa_options,
        )
    ):
        command = option(command)
    return command
