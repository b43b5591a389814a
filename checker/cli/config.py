"""`.spbe-check.yaml`: the agency's settings, one file at the root of its repository (SPEC §5).

Keys are the long options by their name (`registry`, `policies`, `format`, `fail-on`,
`opa-url`, ... and an `opa:` block for the `--opa-*` settings), discovered from the Click
commands themselves, so an option added tomorrow is configurable by its name without
touching this module. The values become Click's `default_map`, which is what gives the
precedence: command line, then environment, then this file, then the defaults.

A setting that cannot be used is exit 2 with the file, line and column (and "Did you
mean …?" for an unknown key): a silently ignored typo would judge with the wrong rules.
Paths in the file are relative to the file. The file is read with the project's safe
YAML reader (no aliases, tags or duplicate keys).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from checker.model import Text
from checker.plumbing.yamlsafe import YamlError, decode_utf8, parse_yaml

CONFIG_NAME = ".spbe-check.yaml"
MAX_CONFIG_BYTES = 64 * 1024
# Options that are about this one invocation, never a repository's setting.
_NOT_SETTINGS = frozenset({"help", "version"})
# Options that take a path or an https URL as text: relative paths are relative to the file.
_PATH_OR_URL = frozenset({"registry", "policies"})
_NESTED = "opa"  # `opa: {url: …}` is `opa-url: …`


class ConfigError(click.ClickException):
    """A config file the tool cannot use: exit 2 (fail closed), never ignored."""

    exit_code = 2

    def __init__(self, message: Text, lang: str = "en"):
        super().__init__(message.id if lang == "id" else message.en)
        self.text = message

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        click.echo(f"spbe-check: {self.format_message()}", err=True)


@dataclass(frozen=True)
class Setting:
    key: str  # the long option's name, e.g. "fail-on"
    value: Any
    line: int
    column: int


@dataclass(frozen=True)
class ConfigFile:
    label: str  # how messages name the file: a path, or "path (base abc123)"
    folder: Path  # relative paths in the file are relative to this folder
    settings: tuple[Setting, ...]


def find_config(start: Path) -> Path | None:
    """`.spbe-check.yaml` in `start` or a parent, up to the repository root (the folder with `.git`).

    Outside a repository only `start` itself is looked at: a stray file in a home folder
    must not change how an unrelated folder is judged.
    """
    start = start.resolve()
    folders = [start, *start.parents]
    if not any((folder / ".git").exists() for folder in folders):
        folders = [start]
    for folder in folders:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            break
    return None


def read_config(raw: bytes, label: str, folder: Path, lang: str = "en") -> ConfigFile:
    """Parse the file's bytes into settings; ConfigError with line and column when malformed."""
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(
            Text(
                f"{label}: the file is larger than {MAX_CONFIG_BYTES // 1024} KiB; it holds a few settings.",
                f"{label}: berkas lebih besar dari {MAX_CONFIG_BYTES // 1024} KiB; berkas ini hanya memuat beberapa pengaturan.",
            ),
            lang,
        )
    try:
        text = decode_utf8(raw)
        if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
            return ConfigFile(label, folder, ())
        doc = parse_yaml(text)
    except YamlError as err:
        where = f":{err.line}:{err.column}" if err.line else ""
        raise ConfigError(
            Text(f"{label}{where}: {err.message.en}", f"{label}{where}: {err.message.id}"), lang
        ) from None
    if not isinstance(doc.data, dict):
        raise ConfigError(
            Text(
                f"{label}:1:1: the file must be a mapping of option names to values, e.g. `format: json`.",
                f"{label}:1:1: berkas harus berupa pemetaan nama opsi ke nilai, mis. `format: json`.",
            ),
            lang,
        )
    settings = []
    for key, value in doc.data.items():
        line, column = doc.positions.get(key, (1, 1))
        if key == _NESTED and isinstance(value, dict):
            for inner, inner_value in value.items():
                inner_line, inner_column = doc.positions.get(f"{key}.{inner}", (line, column))
                settings.append(Setting(f"{_NESTED}-{inner}", inner_value, inner_line, inner_column))
        else:
            settings.append(Setting(str(key), value, line, column))
    return ConfigFile(label, folder, tuple(settings))


def load_config_file(path: Path, lang: str = "en") -> ConfigFile:
    """Read a config file from disk (the working tree)."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError(
            Text(
                f"{path}: cannot be read: {err.strerror or err}.", f"{path}: tidak dapat dibaca: {err.strerror or err}."
            ),
            lang,
        ) from None
    return read_config(raw, str(path), path.parent, lang)


def _options(
    command: click.Command, trail: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Option, str]]:
    """(command path, option, long name) for every long option under `command`."""
    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        longs = [opt[2:] for opt in param.opts if opt.startswith("--")]
        if longs and longs[0] not in _NOT_SETTINGS:
            yield trail, param, longs[0]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _options(sub, (*trail, name))


def known_keys(root: click.Command) -> list[str]:
    """Every key a config file may use: the long options of every command."""
    return sorted({name for _, _, name in _options(root)})


def _resolve(setting: Setting, option: click.Option, folder: Path) -> Any:
    """Paths relative to the config file; URLs and absolute paths as they are."""
    value = setting.value
    is_path = isinstance(option.type, click.Path) or setting.key in _PATH_OR_URL
    if is_path and isinstance(value, str) and value and not value.startswith(("https://", "http://")):
        path = Path(value)
        return str(path if path.is_absolute() else folder / path)
    return value


def default_map(
    root: click.Command, config: ConfigFile, lang: str = "en", only: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """Click's `default_map` for `root` from the settings: {command: {param: value}}, nested for groups.

    A key is valid when any command has that option (one file serves `check`, `ci`, `audit`);
    `only` limits which commands receive values (the gate's own, from the trusted revision).
    Every value is checked with the option's own type here, so a bad one is reported at its
    line and column instead of as Click's generic error.
    """
    by_name: dict[str, list[tuple[tuple[str, ...], click.Option]]] = {}
    for trail, option, name in _options(root):
        by_name.setdefault(name, []).append((trail, option))
    tree: dict[str, Any] = {}
    for setting in config.settings:
        where = f"{config.label}:{setting.line}:{setting.column}"
        targets = by_name.get(setting.key)
        if not targets:
            close = difflib.get_close_matches(setting.key, list(by_name), n=1, cutoff=0.6)
            hint_en = f" Did you mean '{close[0]}'?" if close else f" Known keys: {', '.join(sorted(by_name))}."
            hint_id = f" Maksud Anda '{close[0]}'?" if close else f" Kunci yang dikenal: {', '.join(sorted(by_name))}."
            raise ConfigError(
                Text(
                    f"{where}: unknown key '{setting.key}'.{hint_en}",
                    f"{where}: kunci '{setting.key}' tidak dikenal.{hint_id}",
                ),
                lang,
            )
        for trail, option in targets:
            if only is not None and trail[: len(only)] != only:
                continue
            value = _resolve(setting, option, config.folder)
            try:
                ctx = click.Context(click.Command(trail[-1] if trail else "spbe-check"))
                option.type_cast_value(ctx, value)
            except (click.BadParameter, TypeError, ValueError) as err:
                detail = err.message if isinstance(err, click.ClickException) else str(err)
                raise ConfigError(
                    Text(
                        f"{where}: invalid value for '{setting.key}': {detail}",
                        f"{where}: nilai '{setting.key}' tidak sah: {detail}",
                    ),
                    lang,
                ) from None
            node = tree
            for name in trail:
                node = node.setdefault(name, {})
            node[option.name or setting.key] = value
    return tree


def message_language(config: ConfigFile | None = None) -> str:
    """The language for config errors: SPBE_CHECK_LANG, else the file's `lang`, else English."""
    env = os.environ.get("SPBE_CHECK_LANG")
    if env in ("en", "id"):
        return env
    if config is not None:
        for setting in config.settings:
            if setting.key == "lang" and setting.value in ("en", "id"):
                return str(setting.value)
    return "en"


def config_folder(start: Path) -> Path:
    """Where `init --write-config` puts the file: the repository root above `start`, else `start`."""
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / ".git").exists()), start)


def render_config(folder: Path, settings: Mapping[str, str | None]) -> str:
    """A starter `.spbe-check.yaml`: the settings given (paths made relative to `folder`), the rest as comments."""
    import json

    lines = [
        "# spbe-check settings: any long option by its name (spbe-check COMMAND --help lists them).",
        "# Paths are relative to this file. The command line and SPBE_CHECK_* variables win over it;",
        "# `spbe-check ci` reads it from the target branch, like the policies.",
        "# Pengaturan spbe-check: opsi panjang mana pun dengan namanya; jalur relatif terhadap berkas ini.",
    ]
    examples = {
        "registry": "registry/national-registry.json.gz",
        "policies": "policies",
        "waivers": "waivers.yaml",
        "lang": "en",
        "format": "text",
        "manifests": "manifests",
        "engine": "embedded",
    }
    for key, example in examples.items():
        value = settings.get(key)
        if value is None:
            lines.append(f"# {key}: {example}")
            continue
        if key in ("registry", "policies", "waivers") and not value.startswith(("https://", "http://")):
            path = Path(value).resolve()
            value = path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.as_posix()
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines += ["# opa:", "#   url: https://opa.example.go.id", "#   timeout: 10"]
    return "\n".join(lines) + "\n"
