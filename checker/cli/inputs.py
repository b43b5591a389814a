"""How a command gets its inputs: the settings file, policy sources, and downloads' reports.

Kept out of checker/cli/main.py so the command definitions stay thin. `.spbe-check.yaml`
becomes Click's `default_map` (checker/cli/config.py), read from the trusted revision for the
gate; `--policies` resolves a folder, bundle or URL through checker/bundle/source.py;
`--offline` and the stderr reporter reach checker/plumbing/remote.py for the run.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from checker.errors import CannotJudge
from checker.model import Text
from checker.plumbing.paths import POLICIES_DIR

_SOURCE_OPTIONS = "spbe-check.policy-source"


def source_options(ctx: click.Context) -> Any:
    """This command's SourceOptions (verification key, key id, --offline), gathered by the eager options."""
    from checker.bundle.source import SourceOptions

    return ctx.meta.get(_SOURCE_OPTIONS) or SourceOptions()


def _remember_source_option(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    field = {"verification_key": "key", "verification_key_id": "key_id", "offline": "offline"}[param.name or ""]
    if field == "key":
        value = Path(value) if value else None
    elif field == "key_id":
        value = value or None
    ctx.meta[_SOURCE_OPTIONS] = dataclasses.replace(
        source_options(ctx), **{field: bool(value) if field == "offline" else value}
    )
    if field == "offline" and value:  # the registry URL (checker/registry/load.py) honours it too
        from checker.plumbing import remote

        token = remote.SESSION.set(dataclasses.replace(remote.SESSION.get(), offline=True))
        ctx.call_on_close(lambda: remote.SESSION.reset(token))


def say_to(ctx: click.Context | None = None) -> Callable[[Text], None]:
    """Tell the user something on stderr, in the language of the command running when it is said."""

    def say(message: Text) -> None:
        current = ctx or click.get_current_context(silent=True)
        lang = (current.params.get("lang") if current else None) or os.environ.get("SPBE_CHECK_LANG") or "en"
        click.echo(f"spbe-check: {message.get('id' if lang == 'id' else 'en')}", err=True)

    return say


def start_session(ctx: click.Context) -> None:
    """Downloads in this run (checker/plumbing/remote.py) report through the command line; reset when it ends."""
    from checker.plumbing import remote

    token = remote.SESSION.set(remote.Session(offline=False, say=say_to()))
    ctx.call_on_close(lambda: remote.SESSION.reset(token))


def _open_policies(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """--policies as a folder: a bundle file or URL is checked, verified and unpacked into the cache.

    The gate (`ci`) reads a policy path inside the repository from the trusted revision
    first, so it opens it itself (checker/gate/trusted.py, `open_policies`).
    """
    from checker.bundle.source import is_url, resolve_policies

    if value is None or ctx.resilient_parsing:
        return Path(value) if value is not None else None
    if getattr(ctx.command, "config_from_base", False) and not is_url(value):
        return Path(value)
    try:
        return resolve_policies(value, source_options(ctx), say_to(ctx))
    except CannotJudge as err:
        lang = ctx.params.get("lang") or os.environ.get("SPBE_CHECK_LANG") or "en"
        raise click.BadParameter(err.text("id" if lang == "id" else "en"), ctx, param) from None


def policies_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--policies (a folder, an OPA bundle file or an https URL to one) and the key a bundle must be signed with."""
    for option in reversed(
        (
            click.option(
                "--policies",
                metavar="DIR|BUNDLE|URL",
                type=str,
                default=str(POLICIES_DIR),
                callback=_open_policies,
                show_default="the national policy pack shipped with spbe-check",
                help="Folder of Rego policies and their data, an OPA bundle (.tar.gz) or an https URL to one.",
            ),
            click.option(
                "--verification-key",
                type=click.Path(dir_okay=False),
                default=None,
                is_eager=True,
                expose_value=False,
                callback=_remember_source_option,
                envvar="SPBE_CHECK_VERIFICATION_KEY",
                help="PEM public key (or X.509 certificate): use only a policy bundle signed with it "
                "in OPA's format; anything else is exit 2.",
            ),
            click.option(
                "--verification-key-id",
                default=None,
                is_eager=True,
                expose_value=False,
                callback=_remember_source_option,
                help="Key id the bundle's signature must name [default: any].",
            ),
            click.option(
                "--offline",
                is_flag=True,
                default=False,
                is_eager=True,
                expose_value=False,
                callback=_remember_source_option,
                envvar="SPBE_CHECK_OFFLINE",
                help="When the --policies or --registry URL cannot be reached, use the copy cached by the last "
                "successful download (its revision and age are printed).",
            ),
        )
    ):
        command = option(command)
    return command


class GateCommand(click.Command):
    """`ci`: its `.spbe-check.yaml` comes from the trusted revision (the target branch's tip), like its policies.

    The working tree is the pull request's: a settings file there could point the gate
    at other rules. The base and repository are only known once the command line is
    parsed, so a first, resilient parse finds them, then the real parse runs with the
    trusted revision's settings as Click's `default_map`.
    """

    config_from_base = True

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing and ctx.default_map is None and not {"-h", "--help"} & set(args):
            from checker.cli.config import CONFIG_NAME, MAX_CONFIG_BYTES, default_map, message_language, read_config
            from checker.gate.trusted import trusted_file_upwards

            probe = self.make_context(ctx.info_name, list(args), parent=ctx.parent, resilient_parsing=True)
            head, repo = probe.params.get("head_ref"), probe.params.get("repo_dir")
            try:  # the same revisions the gate will judge with (checker/gate/trusted.py)
                base, trusted = gate_refs(probe.params.get("base_ref"), probe.params.get("trusted_ref"))
                found = (
                    trusted_file_upwards(Path(repo), base, head, trusted, CONFIG_NAME, Path.cwd(), MAX_CONFIG_BYTES)
                    if head and repo is not None
                    else None
                )
            except (CannotJudge, click.UsageError):
                found = None  # the gate itself reports why the revisions are unusable (exit 2)
            if found is not None:
                config = read_config(found[0], found[1], found[2], message_language())
                root = ctx.find_root().command
                ctx.default_map = default_map(root, config, message_language(config), only=(self.name or "ci",)).get(
                    self.name or "ci", {}
                )
        return super().parse_args(ctx, args)


def use_settings_file(ctx: click.Context) -> None:
    """Load `.spbe-check.yaml` (walking up to the repository root) as Click's `default_map`."""
    sub = ctx.command.commands.get(ctx.invoked_subcommand or "") if isinstance(ctx.command, click.Group) else None
    if sub is None or ctx.resilient_parsing or getattr(sub, "config_from_base", False):
        return
    from checker.cli.config import default_map, find_config, load_config_file, message_language

    found = find_config(Path.cwd())
    if found is not None:
        config = load_config_file(found, message_language())
        ctx.default_map = default_map(ctx.command, config, message_language(config))


def gate_policy_opener(ctx: click.Context) -> Callable[[Path, Callable[[Path], Path]], Path]:
    """For checker/gate/trusted.py: open the gate's policies (read from the trusted revision), verified with the
    trusted revision's copy of the verification key when the key is kept in the repository."""
    from checker.bundle.source import resolve_policies

    options, tell = source_options(ctx), say_to(ctx)

    def open_policies(path: Path, from_base: Callable[[Path], Path]) -> Path:
        key = from_base(options.key) if options.key is not None else None
        return resolve_policies(path, dataclasses.replace(options, key=key), tell)

    return open_policies


def gate_refs(base_ref: str | None, trusted_ref: str | None) -> tuple[str, str | tuple[str, ...]]:
    """`ci`'s base and trusted revision (checker/gate/trusted.py); one the CI does not name is a usage error."""
    from checker.gate.trusted import RevisionUnknown, gate_revisions

    try:
        return gate_revisions(base_ref, trusted_ref, os.environ)
    except RevisionUnknown as err:
        raise click.UsageError(str(err)) from None
