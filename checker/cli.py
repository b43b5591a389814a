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
from checker.cli_inputs import GateCommand, gate_policy_opener, gate_refs, policies_option, start_session, use_settings_file
from checker.errors import CannotJudge
from checker.model import Lang, Text
from checker.paths import DEFAULT_REGISTRY
from checker.secrets import scrub

EXIT_CANNOT_JUDGE = 2
FORMAT_NAMES = ("text", "json", "sarif", "junit", "markdown", "github", "gitlab")


def use_color(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def fail_closed(command: Callable[..., int | None] | None = None, *,
                judging: bool = False) -> Any:
    """Turn CannotJudge and unexpected errors into exit 2 with a readable message.

    `@fail_closed(judging=True)` marks a command whose output is a verdict: if its
    standard output is closed before the report is delivered it exits 2, not 141
    (see checker/interrupts.py).
    """
    if command is None:
        return functools.partial(fail_closed, judging=judging)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from checker.formats.escape import strip_control
        from checker.interrupts import OutputClosed, is_broken_pipe

        lang: Lang = kwargs.get("lang") or "en"
        try:
            code = command(*args, **kwargs)
        except CannotJudge as err:
            click.echo(f"spbe-check: {strip_control(scrub(err.text(lang)), keep_newlines=True)}", err=True)
            sys.exit(EXIT_CANNOT_JUDGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as err:  # noqa: BLE001 - fail closed on anything unforeseen
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


def _message_lang(args: list[str]) -> Lang:
    """The language asked for on the command line or in SPBE_CHECK_LANG, for messages outside a command."""
    for index, arg in enumerate(args):
        if arg == "--lang=id" or (arg == "--lang" and args[index + 1:index + 2] == ["id"]):
            return "id"
    return "id" if os.environ.get("SPBE_CHECK_LANG") == "id" else "en"


class GateGroup(click.Group):
    """The top-level group: every run goes through one door to the terminal and ends with a true exit code.

    stdout and stderr are wrapped so no line can act as a CI workflow command
    (checker/streams.py), and Ctrl-C, SIGTERM and a closed pipe end the run with
    exit 2 (or 141 for a listing cut short by its reader) instead of Click's
    "Aborted!" and exit 1 (checker/interrupts.py).
    """

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        from checker.interrupts import (EXIT_PIPE_CLOSED, OUTPUT_CLOSED_MESSAGE, Interrupted, OutputClosed,
                                        interrupted_message, signals_interrupt, silence_stdout)
        from checker.streams import defused_streams

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


lang_option = click.option("--lang", type=click.Choice(["en", "id"]), default="en", envvar="SPBE_CHECK_LANG",
                           show_default=True, help="Language of messages: English or Bahasa Indonesia.")
registry_option = click.option("--registry", default=str(DEFAULT_REGISTRY), show_default="the sample national registry",
                               envvar="SPBE_CHECK_REGISTRY",
                               help="Registry file (YAML or JSON, optionally .gz) or https URL (30 s in all; "
                                    "redirects only on the same host over https; user:password@ sent as Basic auth).")
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
                 help="Seconds for each request to the OPA server, in all: connecting and every byte "
                      "of the answer (a server that trickles bytes is cut off)."),
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
                             show_default=True,
                             help="Output format (gitlab: a GitLab Code Quality report for the merge-request widget).")
fail_on_option = click.option("--fail-on", "fail_on", type=click.Choice(["deny", "warn"]), default="deny",
                              show_default=True,
                              help="Exit 1 on a fail or invalid manifest (deny), or also on a warn verdict (warn).")
junit_cases_option = click.option("--junit-cases", "junit_cases", type=click.Choice(["manifest", "rule"]),
                                  default="manifest", show_default=True,
                                  help="--format junit: one test case per manifest, or per rule per manifest.")
output_option = click.option("--output", type=click.Path(path_type=Path), default=None,
                             help="Write the report to FILE instead of standard output (atomically: a complete "
                                  "report or none; a report that cannot be written is exit 2).")


def judging_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every judging command shares (check, ci): formats, inputs, language, engine."""
    for option in reversed((format_option, output_option, fail_on_option, junit_cases_option, registry_option,
                            policies_option, waivers_option, lang_option, engine_option, opa_options)):
        command = option(command)
    return command


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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@judging_options
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line; the exit code says the rest.")
@click.option("-v", "--verbose", is_flag=True, help="Also list passing manifests and timings (on stderr).")
@fail_closed(judging=True)
def check(paths: tuple[Path, ...], format_name: str, output: Path | None, registry: str, policies: Path,
          waivers: Path | None, lang: Lang, engine: str, opa: Any = None, quiet: bool = False,
          verbose: bool = False, fail_on: str = "deny", junit_cases: str = "manifest") -> int:
    """Judge manifests (files, or folders searched for *.yaml/*.yml).

    Exit 0 when every manifest passes or only warns, 1 when one fails or is
    invalid (or warns, with --fail-on warn), 2 when the tool could not judge.
    """
    from checker.evaluate import collect_targets, open_judge
    from checker.interrupts import is_broken_pipe
    from checker.terminal import check_with_progress, quiet_summary, stopwatch, verbose_details

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other; pick one.")
    targets = collect_targets(paths)
    if not targets:
        raise CannotJudge(Text("No manifests (*.yaml, *.yml) found in the paths given.",
                               "Tidak ada manifes (*.yaml, *.yml) di jalur yang diberikan."))
    with stopwatch() as loading:
        judge = open_judge(policies, registry, waivers, engine, opa=opa)
    for notice in judge.notices():
        click.echo(f"spbe-check: {notice.get(lang)}", err=True)
    with stopwatch() as judging:
        report = check_with_progress(judge, targets)
    if quiet and output is None:
        try:
            click.echo(quiet_summary(report, lang, use_color(sys.stdout)), nl=False)
        except OSError as err:
            if is_broken_pipe(err):
                raise
            counts = report.summary()
            raise CannotJudge(report_not_written(None, err, ", ".join(f"{k} {v}" for k, v in counts.items()))) from None
    else:
        emit(report, format_name, output, lang, junit_cases)
    if verbose:
        click.echo(verbose_details(report, loading[0], judging[0], lang), err=True, nl=False)
    return report.exit_code_for(fail_on)  # type: ignore[arg-type]


def emit(report: Any, format_name: str, output: Path | None, lang: Lang, junit_cases: str = "manifest") -> None:
    """Render the report to stdout or, atomically, to a file (then a one-line summary on stderr).

    The verdicts are already reached here: if the report cannot be delivered the run
    still exits 2 (the gate's output is missing), saying so rather than "nothing was judged".
    """
    from checker.atomicfile import write_text_atomically
    from checker.formats import FORMATS, render
    from checker.interrupts import is_broken_pipe
    from checker.streams import write_workflow_commands

    def rendered(color: bool) -> str:
        if format_name == "junit" and junit_cases == "rule":
            from checker.formats.junit import render_junit_per_rule

            return render_junit_per_rule(report, lang)
        return render(format_name, report, lang, color=color)

    counts = report.summary()
    tally = f"pass {counts['pass']}, warn {counts['warn']}, fail {counts['fail']}, invalid {counts['invalid']}"
    try:
        if output is None:
            text = rendered(use_color(sys.stdout))
            if getattr(FORMATS[format_name], "workflow_commands", False):
                write_workflow_commands(text)
            else:
                click.echo(text, nl=False)
            return
        write_text_atomically(output, rendered(False))
    except OSError as err:
        if is_broken_pipe(err):
            raise
        raise CannotJudge(report_not_written(output, err, tally)) from None
    click.echo(f"spbe-check: wrote {format_name} report to {output} ({tally})", err=True)


def report_not_written(output: Path | None, err: OSError, tally: str) -> Text:
    """The truth when the report could not be written: judged, but not delivered."""
    import errno

    where = str(output) if output is not None else "standard output"
    where_id = str(output) if output is not None else "keluaran standar"
    reason = err.strerror or str(err)
    code = f" ({errno.errorcode[err.errno]})" if err.errno in errno.errorcode else ""
    return Text(
        f"the manifests were judged ({tally}) but the report could not be written to {where}: {reason}{code}. "
        "Exit 2 because the gate's report is missing; free space or choose another --output, then run again.",
        f"manifes sudah dinilai ({tally}) tetapi laporan tidak dapat ditulis ke {where_id}: {reason}{code}. "
        "Keluar dengan kode 2 karena laporan gerbang tidak ada; kosongkan ruang atau pilih --output lain, lalu jalankan lagi.",
    )


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
    from checker.waivers import waiver_limit

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
        labels = ("Severity", "Family", "Why", "How to comply", "Reference", "Waivers", "Policy") if lang == "en" else \
                 ("Tingkat", "Rumpun", "Alasan", "Cara memenuhi", "Rujukan", "Pengecualian", "Kebijakan")
        click.echo(f"{info.id}  {info.title.get(lang)}")
        for label, value in zip(labels, (info.severity, info.family, info.description.get(lang),
                                         info.remediation.get(lang), info.reference, waiver_limit(info).get(lang),
                                         f"{info.source} ({info.package})")):
            click.echo(f"  {label}: {value}")
        return 0
    for info in selected:
        limit = f"{info.max_waiver_days}d" if info.waivable and info.max_waiver_days else "-"
        click.echo(f"{info.id}  {info.severity:<4}  {limit:>4}  {info.title.get(lang)}")
    click.echo(Text("(the column after the severity is the longest waiver allowed; - = cannot be waived)",
                    "(kolom setelah tingkat adalah pengecualian terlama yang diizinkan; - = tidak dapat dikecualikan)").get(lang))
    return 0


def _rule_json(info: Any, lang: Lang) -> dict[str, Any]:
    return {"id": info.id, "family": info.family, "severity": info.severity, "title": info.title.get(lang),
            "description": info.description.get(lang), "remediation": info.remediation.get(lang),
            "reference": info.reference, "package": info.package, "source": info.source,
            "waivable": info.waivable, "maxWaiverDays": info.max_waiver_days}


@main.command("test")
@policies_option
@click.option("-v", "--verbose", is_flag=True, help="List every test, not only failures.")
@fail_closed(judging=True)
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
@click.option("--output", type=click.Path(path_type=Path), default=None,
              show_default="registry/national-registry.json.gz in a checkout; required when installed",
              help="Where to write the registry (.json or .json.gz).")
@fail_closed
def registry_generate(output: Path | None) -> int:
    """Regenerate the synthetic sample national registry, deterministically."""
    from checker.paths import IDN_AREA_SOURCES, INSTALLED
    from checker.registry_sample import build_sample_registry, write_registry

    if output is None:
        if INSTALLED:  # never rewrite the data inside an installed package
            raise CannotJudge(Text("Pass --output FILE: the installed package's sample registry is not rewritten.",
                                   "Berikan --output BERKAS: contoh registri di dalam paket terpasang tidak ditulis ulang."))
        output = DEFAULT_REGISTRY
    doc = build_sample_registry(IDN_AREA_SOURCES)
    write_registry(doc, output)
    click.echo(f"wrote {len(doc['apps'])} applications to {output}")
    return 0


# The agency's side: look before you build, scaffold, explain (checker/cli_registry.py, cli_init.py, cli_explain.py).
from checker.cli_explain import explain, schema  # noqa: E402
from checker.cli_init import init  # noqa: E402
from checker.cli_registry import registry_search, registry_show, registry_stats  # noqa: E402

for _command in (init, explain, schema):
    main.add_command(_command)
for _command in (registry_search, registry_show, registry_stats):
    registry.add_command(_command)


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
@click.option("--signing-key", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="PEM private key (RSA or EC): sign the bundle in OPA's format (.signatures.json).")
@click.option("--signing-alg", type=click.Choice(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                                                  "ES256", "ES384", "ES512"]),
              default="RS256", show_default=True, help="JWT algorithm of the signature, as OPA names it.")
@click.option("--signing-key-id", default="default", show_default=True,
              help="Key id recorded in the signature (the key's name in OPA's `keys:` configuration).")
@fail_closed
def bundle_build(output: Path, policies: Path, registry: str, revision: str | None, signing_key: Path | None,
                 signing_alg: str, signing_key_id: str) -> int:
    """Build a reproducible OPA bundle: the policies plus one data.json (config and registry index), optionally signed."""
    from checker.bundle import Signer, write_bundle
    from checker.bundle_signing import load_signing_key

    signer = Signer(load_signing_key(signing_key), signing_alg, signing_key_id) if signing_key else None
    info = write_bundle(output, policies, registry, revision, signer)
    click.echo(f"wrote {info.path}: revision {info.revision}, {info.modules} policy modules, "
               f"{info.size} bytes, sha256 {info.sha256}" + (f", signed ({signing_alg}, key id {signing_key_id})"
                                                             if signer else ", unsigned"))
    return 0


@bundle_group.command("verify")
@click.argument("bundle_path", metavar="BUNDLE", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--verification-key", type=click.Path(path_type=Path, dir_okay=False), required=True,
              envvar="SPBE_CHECK_VERIFICATION_KEY", help="PEM public key or X.509 certificate of the signer.")
@click.option("--verification-key-id", default=None, help="Key id the signature must name [default: any].")
@lang_option
@fail_closed
def bundle_verify(bundle_path: Path, verification_key: Path, verification_key_id: str | None, lang: Lang) -> int:
    """Verify a bundle's OPA signature: every file signed with this key, nothing added, removed or changed."""
    from checker.bundle_reader import open_bundle
    from checker.bundle_signing import load_verification_key
    from checker.policy_source import read_bundle_file

    bundle = open_bundle(read_bundle_file(bundle_path), str(bundle_path), load_verification_key(verification_key),
                         verification_key_id)
    click.echo(Text(f"verified {bundle_path}: revision {bundle.revision}, {len(bundle.files) - 1} files signed "
                    f"with key id {bundle.signed_by}, sha256 {bundle.sha256}",
                    f"terverifikasi {bundle_path}: revisi {bundle.revision}, {len(bundle.files) - 1} berkas "
                    f"ditandatangani dengan id kunci {bundle.signed_by}, sha256 {bundle.sha256}").get(lang))
    return 0


# --- the pull-request gate and the post-merge registry update (see checker/ci.py, checker/github.py) ---


@main.command("ci", cls=GateCommand)
@click.option("--base", "base_ref", default=None,
              help="The branch or commit the pull request targets (e.g. origin/main, or the base SHA). "
                   "The change is what HEAD adds since the merge base of BASE and HEAD. "
                   "Default: the pull_request event's base SHA on GitHub Actions, CI_MERGE_REQUEST_DIFF_BASE_SHA "
                   "on a GitLab merge-request pipeline.")
@click.option("--head", "head_ref", default="HEAD", show_default=True, help="The pull request's commit.")
@click.option("--trusted-ref", "trusted_ref", default=None, metavar="REF",
              help="The revision whose policies, registry and waivers judge the change: the tip of the target branch "
                   "when judging (e.g. origin/main). [default: the first that exists of, on GitHub, "
                   "origin/<the event's base.ref> and its base.sha, on GitLab CI_MERGE_REQUEST_TARGET_BRANCH_SHA and "
                   "origin/<target branch>, then the tip of --base (not GitLab's detected diff base); never the "
                   "merge base]")
@click.option("--repo", "repo_dir", type=click.Path(path_type=Path, file_okay=False), default=".",
              show_default="the current directory's git work tree", help="The git repository.")
@click.option("--manifests", "manifests_dir", default="manifests", show_default=True,
              help="Folder (inside the repository) whose *.yaml/*.yml files are manifests.")
@judging_options
@click.option("--post/--no-post", default=True, show_default=True,
              help="Post the verdict to the pull request (GitHub Actions, pull_request event, GITHUB_TOKEN set) "
                   "or merge request (GitLab CI merge-request pipeline, GITLAB_TOKEN set); "
                   "--no-post prints what would be posted.")
@fail_closed(judging=True)
def ci_command(base_ref: str | None, head_ref: str, trusted_ref: str | None, repo_dir: Path, manifests_dir: str, format_name: str, output: Path | None,
               registry: str, policies: Path, waivers: Path | None, lang: Lang, engine: str, post: bool,
               opa: Any = None, fail_on: str = "deny", junit_cases: str = "manifest") -> int:
    """The pull-request gate: judge the manifests changed between BASE and HEAD.

    Only manifests added, modified or renamed under --manifests are judged (and any
    manifest whose OpenAPI document changed), with the policies, registry and waivers
    of the target branch's tip (--trusted-ref) when they live in the repository, so a
    pull request can neither weaken the rules that judge it nor pick older ones by
    branching from an old commit. Exit 0 / 1 / 2 as for `check` (--fail-on included).
    """
    import tempfile

    from checker import ci as gate
    from checker import forge, github

    base_ref, trusted = gate_refs(base_ref, trusted_ref)

    def say(line: str) -> None:
        from checker.formats.escape import defuse_ci_commands

        click.echo(defuse_ci_commands(scrub(line)), err=True)

    with tempfile.TemporaryDirectory(prefix="spbe-check-ci-") as workdir:
        try:
            run = gate.run_gate(repo_dir, base_ref, head_ref, manifests_dir, policies, registry, waivers, engine,
                                Path(workdir), opa=opa, trusted_ref=trusted,
                                open_policies=gate_policy_opener(click.get_current_context()))
        except CannotJudge as err:
            forge.publish(None, lang, github.CommentFacts(error=err.text(lang)), os.environ, post, say)
            raise
        except Exception as err:  # noqa: BLE001 - still tell the pull request; fail_closed turns it into exit 2
            forge.publish(None, lang, github.CommentFacts(error=f"internal error ({type(err).__name__})"),
                          os.environ, post, say)
            raise
    for note in run.inputs.notes:
        say(f"spbe-check: {note}")
    for notice in run.notices:
        say(f"spbe-check: {notice.get(lang)}")
    selection = run.selection
    if run.nothing_to_judge:
        say(Text(f"spbe-check: no manifest changes under {manifests_dir}/ between {run.revisions.describe_base()} and "
                 f"{head_ref}: nothing to judge, the gate passes.",
                 f"spbe-check: tidak ada perubahan manifes di {manifests_dir}/ antara {run.revisions.describe_base()} dan "
                 f"{head_ref}: tidak ada yang dinilai, gerbang lulus.").get(lang))
    else:
        say(f"spbe-check: judging {len(selection.judged)} changed manifest(s); "
            f"{len(selection.not_judged)} other changed file(s) not judged.")
    emit(run.report, format_name, output, lang, junit_cases)
    facts = github.CommentFacts(base_sha=run.revisions.trusted.hexsha, head_sha=run.revisions.head.hexsha,
                                folder=manifests_dir, not_judged=len(selection.not_judged),
                                brought_in=selection.brought_in, trusted_changed=run.trusted_changed,
                                fail_on=fail_on)
    if run.trusted_changed:
        say(f"spbe-check: this change touches {', '.join(run.trusted_changed)}; judged with the version in the base revision.")
    forge.publish(run.report, lang, facts, os.environ, post, say)
    from checker.step_outputs import write_step_outputs

    write_step_outputs(run.report, output, os.environ)
    return run.report.exit_code_for(fail_on)  # type: ignore[arg-type]


@registry.command("add")
@click.argument("manifests", nargs=-1, type=click.Path(path_type=Path))
@click.option("--registry", "registry_file", type=click.Path(path_type=Path, dir_okay=False),
              default=DEFAULT_REGISTRY, envvar="SPBE_CHECK_REGISTRY", show_default="the sample national registry",
              help="The registry file to update (YAML or JSON, optionally .gz); written back in the same format.")
@click.option("--since", "since_ref", default=None,
              help="Also add the manifests added or changed under --manifests since this git revision "
                   "(the post-merge workflow passes the push's `before` SHA).")
@click.option("--manifests", "manifests_dir", default="manifests", show_default=True,
              help="With --since: the manifests folder inside the repository.")
@click.option("--id-prefix", default="APP-", show_default=True, help="Prefix of the new registry ids.")
@click.option("--skip-existing", is_flag=True,
              help="Skip manifests already registered from the same manifest id (re-runs) instead of refusing them.")
@click.option("--dry-run", is_flag=True, help="Judge and report, write nothing.")
@policies_option
@waivers_option
@lang_option
@engine_option
@fail_closed(judging=True)
def registry_add(manifests: tuple[Path, ...], registry_file: Path, since_ref: str | None, manifests_dir: str,
                 id_prefix: str, skip_existing: bool, dry_run: bool, policies: Path, waivers: Path | None,
                 lang: Lang, engine: str) -> int:
    """Add approved manifests to the registry (after merge).

    Every manifest is judged against the registry first; if any is not pass or warn,
    or its id is already registered, nothing is written and the exit code is 1.
    """
    from checker import registry_update as update
    from checker.evaluate import Target, collect_targets, open_judge

    targets = collect_targets(manifests) if manifests else []
    if since_ref:
        from checker import ci as gate

        repo = gate.open_repository(Path("."))
        rev = gate.Revisions(repo, gate.resolve_commit(repo, since_ref, "since"), gate.resolve_commit(repo, "HEAD", "head"),
                             since_ref, "HEAD")
        folder = gate.manifests_folder(manifests_dir, rev.root)
        changes = gate.changes_between(rev.base, rev.head)
        selection = gate.select(changes, folder, gate.openapi_references(rev.head, folder) if changes else {})
        known = {t.file for t in targets}
        targets += [Target(rev.root / p, p, False) for p in selection.judged
                    if p not in known and p not in selection.brought_in]
    if not targets:
        if not since_ref:
            raise CannotJudge(Text("Name the manifests to add, or pass --since REV.",
                                   "Sebutkan manifes yang akan ditambahkan, atau berikan --since REV."))
        click.echo(Text("spbe-check: no manifests to add.", "spbe-check: tidak ada manifes untuk ditambahkan.").get(lang), err=True)
        return 0
    original = update.read_registry_file(registry_file)
    parsed = update.read_manifests(targets)
    plan = update.triage_existing(original.doc, parsed, id_prefix, skip_existing)
    settled = {file for _, file in plan.skipped} | {file for file, _ in plan.refused}
    remaining = [t for t in targets if t.file not in settled]
    if remaining:
        judge = open_judge(policies, str(registry_file), waivers, engine)
        report = judge.check(remaining)
        plan = update.plan_additions(original.doc, report, parsed, id_prefix, plan)
        if any(r.verdict not in update.ADMITTED for r in report.results):
            emit(report, "text", None, lang)
    if plan.refused:
        for _, reason in plan.refused:
            click.echo(f"spbe-check: refused: {reason.get(lang)}", err=True)
        click.echo(Text("spbe-check: nothing was written to the registry.",
                        "spbe-check: tidak ada yang ditulis ke registri.").get(lang), err=True)
        return 1
    for rid, file in plan.skipped:
        click.echo(f"spbe-check: {rid} ({file}) is already registered; skipped", err=True)
    for record in plan.added:
        click.echo(f"spbe-check: add {record['id']} ({record['manifest']['file']})")
    for old, new in plan.retired:
        click.echo(f"spbe-check: retire {old} (replaced by {new})")
    if not plan.added:
        return 0
    doc = update.apply_plan(original.doc, plan, update.next_revision(str(original.doc["metadata"]["revision"])))
    if dry_run:
        click.echo("spbe-check: --dry-run: registry not written", err=True)
        return 0
    update.write_registry_file(original, doc)
    click.echo(f"spbe-check: wrote {registry_file} (revision {doc['metadata']['revision']}, {len(doc['apps'])} applications)")
    return 0


@main.command("audit")
@registry_option
@policies_option
@lang_option
@click.option("--json", "json_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the full audit (per app, rule, agency, province, cluster) as JSON to FILE.")
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write a self-contained HTML report (inline SVG charts, printable) to FILE.")
@click.option("--compare", "compare_ref", default=None, metavar="REF",
              help="Also judge with the policies/ of git revision REF; list the apps whose verdict changes and why.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Audit only the first N apps (by registry id).")
@click.option("--jobs", type=click.IntRange(min=1, max=64), default=None,
              help="Worker processes judging in parallel (default: one per core, at most 4).")
@fail_closed(judging=True)
def audit_command(registry: str, policies: Path, lang: Lang, json_path: Path | None, html_path: Path | None,
                  compare_ref: str | None, limit: int | None, jobs: int | None) -> int:
    """Audit the registry: judge every active, non-shared app as if it were proposed today.

    A report, not a gate: exit 0 whenever the audit ran, whatever the verdicts;
    2 when it could not run (bad registry, policies or --compare revision).
    """
    import contextlib

    from checker.atomicfile import write_text_atomically
    from checker.audit_html import render_html
    from checker.audit_report import render_text
    from checker.audit_run import Timings, audit_registry, no_progress

    @contextlib.contextmanager
    def progress(label: str, length: int):  # type: ignore[no-untyped-def]
        with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True) as bar:
            yield bar.update

    timings = Timings()
    doc = audit_registry(registry_source=registry, policies_dir=policies, lang=lang, limit=limit, compare=compare_ref,
                         workers=jobs, progress=progress if sys.stderr.isatty() else no_progress, timings=timings)
    for path, text in ((json_path, lambda: json.dumps(doc, ensure_ascii=False, indent=1) + "\n"),
                       (html_path, lambda: render_html(doc, lang))):
        if path is None:
            continue
        try:
            write_text_atomically(path, text())
        except OSError as err:
            raise CannotJudge(Text(f"Cannot write {path}: {err.strerror or err}.",
                                   f"Tidak dapat menulis {path}: {err.strerror or err}.")) from None
        click.echo(f"spbe-check: wrote {path}", err=True)
    click.echo(render_text(doc, lang), nl=False)
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.phases.items())
    click.echo(f"spbe-check: audit took {timings.total:.1f} s ({phases})", err=True)
    return 0
