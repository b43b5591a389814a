"""The `spbe-check` command line: parse options, call the library, pick the exit code.

Exit codes (SPEC §5): 0 every manifest passes or warns; 1 something fails or is
invalid; 2 the tool could not judge. Anything unexpected is also 2: the gate fails
closed and never prints a traceback unless SPBE_CHECK_DEBUG=1.
"""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from checker import __version__
from checker.errors import CannotJudge
from checker.model import Lang, Text
from checker.paths import DEFAULT_REGISTRY, POLICIES_DIR

EXIT_CANNOT_JUDGE = 2
FORMAT_NAMES = ("text", "json", "sarif", "junit", "markdown", "github")


def use_color(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def fail_closed(command: Callable[..., int | None]) -> Callable[..., None]:
    """Turn CannotJudge and unexpected errors into exit 2 with a readable message."""
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        lang: Lang = kwargs.get("lang") or "en"
        try:
            code = command(*args, **kwargs)
        except CannotJudge as err:
            click.echo(f"spbe-check: {err.text(lang)}", err=True)
            sys.exit(EXIT_CANNOT_JUDGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as err:  # noqa: BLE001 - fail closed on anything unforeseen
            if os.environ.get("SPBE_CHECK_DEBUG"):
                raise
            message = Text(
                f"internal error ({type(err).__name__}: {err}); nothing was judged. Re-run with SPBE_CHECK_DEBUG=1 and report it.",
                f"kesalahan internal ({type(err).__name__}: {err}); tidak ada yang dinilai. Jalankan ulang dengan SPBE_CHECK_DEBUG=1 dan laporkan.",
            )
            click.echo(f"spbe-check: {message.get(lang)}", err=True)
            sys.exit(EXIT_CANNOT_JUDGE)
        sys.exit(code or 0)
    return wrapper


lang_option = click.option("--lang", type=click.Choice(["en", "id"]), default="en", envvar="SPBE_CHECK_LANG",
                           show_default=True, help="Language of messages: English or Bahasa Indonesia.")
policies_option = click.option("--policies", type=click.Path(path_type=Path), default=POLICIES_DIR,
                               show_default="the project's policies/", help="Folder of Rego policies and their data.")
registry_option = click.option("--registry", default=str(DEFAULT_REGISTRY), show_default="the sample national registry",
                               envvar="SPBE_CHECK_REGISTRY",
                               help="Registry file (YAML or JSON, optionally .gz) or https URL.")
waivers_option = click.option("--waivers", type=click.Path(path_type=Path), default=None,
                              help="WaiverList file owned by the policy owners.")
engine_option = click.option("--engine", type=click.Choice(["embedded", "opa"]), default="embedded", show_default=True,
                             help="Rego engine: embedded (regorus, in-process) or opa (an OPA server, see --opa-url).")
_OPA_OPTIONS = (
    click.option("--opa-url", envvar="SPBE_CHECK_OPA_URL", default=None,
                 help="Base URL of the OPA server for --engine opa, e.g. https://opa.spbe.go.id."),
    click.option("--opa-mode", type=click.Choice(["bundle", "push"]), default="bundle", show_default=True,
                 help="bundle: the server already serves our bundle, check its revision; "
                      "push: upload policies and data first (development servers only)."),
    click.option("--opa-revision", default=None,
                 help="Bundle revision the server must serve [default: the local policies' revision]."),
    click.option("--opa-token", envvar="SPBE_CHECK_OPA_TOKEN", default=None, show_default=False,
                 help="Bearer token for the OPA server (better: the SPBE_CHECK_OPA_TOKEN variable). Never printed."),
    click.option("--opa-ca-cert", type=click.Path(path_type=Path), default=None,
                 help="PEM file of the CA that signed the server's certificate (TLS is always verified)."),
    click.option("--opa-timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
                 help="Seconds to wait for each answer from the OPA server."),
    click.option("--opa-retries", type=click.IntRange(0, 5), default=2, show_default=True,
                 help="Retries, with backoff, after a connection failure, a timeout or HTTP 429/502/503/504."),
)


def opa_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the --opa-* options; the command receives them as one `opa` (OpaSettings)."""
    @functools.wraps(command)
    def wrapper(*args: Any, opa_url: str | None, opa_mode: str, opa_revision: str | None, opa_token: str | None,
                opa_ca_cert: Path | None, opa_timeout: float, opa_retries: int, **kwargs: Any) -> Any:
        from checker.engine.opa_settings import OpaSettings

        source = click.get_current_context().get_parameter_source("opa_url")
        if kwargs.get("engine") != "opa" and source == click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError("--opa-url only applies with --engine opa.")
        kwargs["opa"] = OpaSettings(url=opa_url, mode=opa_mode, revision=opa_revision, token=opa_token,
                                    ca_cert=opa_ca_cert, timeout=opa_timeout, retries=opa_retries)
        return command(*args, **kwargs)
    for option in reversed(_OPA_OPTIONS):
        wrapper = option(wrapper)
    return wrapper
format_option = click.option("--format", "format_name", type=click.Choice(FORMAT_NAMES), default="text",
                             show_default=True, help="Output format.")
output_option = click.option("--output", type=click.Path(path_type=Path), default=None,
                             help="Write the report to FILE instead of standard output.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spbe-check")
def main() -> None:
    """Check proposed government applications against the SPBE rules.

    Stop building new apps, reuse the shared services, interoperate through the
    service bus (SPLP), host in the national data centres (PDN).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
@output_option
@registry_option
@policies_option
@waivers_option
@lang_option
@engine_option
@opa_options
@fail_closed
def check(paths: tuple[Path, ...], format_name: str, output: Path | None, registry: str, policies: Path,
          waivers: Path | None, lang: Lang, engine: str, opa: Any = None) -> int:
    """Judge manifests (files, or folders searched for *.yaml/*.yml).

    Exit 0 when every manifest passes or only warns, 1 when one fails or is
    invalid, 2 when the tool could not judge.
    """
    from checker.evaluate import collect_targets, open_judge

    targets = collect_targets(paths)
    if not targets:
        raise CannotJudge(Text("No manifests (*.yaml, *.yml) found in the paths given.",
                               "Tidak ada manifes (*.yaml, *.yml) di jalur yang diberikan."))
    judge = open_judge(policies, registry, waivers, engine, opa=opa)
    report = judge.check(targets)
    emit(report, format_name, output, lang)
    return report.exit_code


def emit(report: Any, format_name: str, output: Path | None, lang: Lang) -> None:
    """Render the report to stdout or a file (then a one-line summary on stderr)."""
    from checker.formats import render

    if output is None:
        click.echo(render(format_name, report, lang, color=use_color(sys.stdout)), nl=False)
        return
    output.write_text(render(format_name, report, lang, color=False), encoding="utf-8")
    counts = report.summary()
    click.echo(f"spbe-check: wrote {format_name} report to {output} "
               f"(pass {counts['pass']}, warn {counts['warn']}, fail {counts['fail']}, invalid {counts['invalid']})",
               err=True)


@main.command()
@click.argument("rule_id", required=False)
@policies_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the rule metadata as JSON.")
@fail_closed
def rules(rule_id: str | None, policies: Path, lang: Lang, as_json: bool) -> int:
    """List the rules, or explain RULE_ID, from the policies' metadata."""
    from checker.manifest import SCHEMA_RULES
    from checker.policyset import load_policies

    catalogue = {**SCHEMA_RULES, **load_policies(policies).rules}
    if rule_id:
        info = catalogue.get(rule_id.upper())
        if info is None:
            raise CannotJudge(Text(f"Unknown rule {rule_id}; `spbe-check rules` lists them.",
                                   f"Aturan {rule_id} tidak dikenal; `spbe-check rules` menampilkan daftarnya."))
        selected = [info]
    else:
        selected = list(catalogue.values())
    if as_json:
        click.echo(json.dumps([_rule_json(r, lang) for r in selected], ensure_ascii=False, indent=2))
        return 0
    if rule_id:
        info = selected[0]
        labels = ("Severity", "Family", "Why", "How to comply", "Reference", "Policy") if lang == "en" else \
                 ("Tingkat", "Rumpun", "Alasan", "Cara memenuhi", "Rujukan", "Kebijakan")
        click.echo(f"{info.id}  {info.title.get(lang)}")
        for label, value in zip(labels, (info.severity, info.family, info.description.get(lang),
                                         info.remediation.get(lang), info.reference, f"{info.source} ({info.package})")):
            click.echo(f"  {label}: {value}")
        return 0
    for info in selected:
        click.echo(f"{info.id}  {info.severity:<4}  {info.title.get(lang)}")
    return 0


def _rule_json(info: Any, lang: Lang) -> dict[str, Any]:
    return {"id": info.id, "family": info.family, "severity": info.severity, "title": info.title.get(lang),
            "description": info.description.get(lang), "remediation": info.remediation.get(lang),
            "reference": info.reference, "package": info.package, "source": info.source}


@main.command("test")
@policies_option
@click.option("-v", "--verbose", is_flag=True, help="List every test, not only failures.")
@fail_closed
def test_command(policies: Path, verbose: bool) -> int:
    """Run the Rego unit tests (*_test.rego) with the embedded engine."""
    from checker.policytest import run_policy_tests

    report = run_policy_tests(policies)
    click.echo(report.render(verbose=verbose), nl=False)
    return 0 if report.ok else 1


@main.group()
def registry() -> None:
    """Work with the national registry."""


@registry.command("generate")
@click.option("--output", type=click.Path(path_type=Path), default=DEFAULT_REGISTRY, show_default=True,
              help="Where to write the registry (.json or .json.gz).")
@fail_closed
def registry_generate(output: Path) -> int:
    """Regenerate the synthetic sample national registry, deterministically."""
    from checker.registry_sample import build_sample_registry, write_registry
    from checker.paths import REGISTRY_DIR

    doc = build_sample_registry(REGISTRY_DIR / "sources" / "idn-area")
    write_registry(doc, output)
    click.echo(f"wrote {len(doc['apps'])} applications to {output}")
    return 0


@main.group("bundle")
def bundle_group() -> None:
    """OPA policy bundles for a central decision service (--engine opa)."""


@bundle_group.command("build")
@click.option("--output", type=click.Path(path_type=Path), required=True,
              help="Where to write the bundle (.tar.gz).")
@policies_option
@registry_option
@click.option("--revision", default=None,
              help="Bundle revision [default: the policies' content revision, which --engine opa expects].")
@fail_closed
def bundle_build(output: Path, policies: Path, registry: str, revision: str | None) -> int:
    """Build a reproducible OPA bundle: the policies plus one data.json (config and registry index)."""
    from checker.bundle import write_bundle

    info = write_bundle(output, policies, registry, revision)
    click.echo(f"wrote {info.path}: revision {info.revision}, {info.modules} policy modules, "
               f"{info.size} bytes, sha256 {info.sha256}")
    return 0
