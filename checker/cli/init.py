"""`spbe-check init`: scaffold a manifest that reuses what already exists.

Asks on a terminal; every answer is also a flag and --yes takes the defaults, for
scripts. The work (proposals, defaults, rendering) is in checker/guidance/scaffold.py;
checker/cli/main.py registers the command.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from checker.cli.options import fail_closed, lang_option, policies_option, registry_option, use_color
from checker.cli.registry import unknown_function_message
from checker.errors import CannotJudge
from checker.model import Lang, Text


def _t(lang: Lang, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


def _comma_list(value: str) -> list[str]:
    return [part for part in (p.strip() for p in value.replace(";", ",").replace(" ", ",").split(",")) if part]


class _Asker:
    """Takes each answer from its flag, else asks on the terminal, else (--yes) takes the default."""

    def __init__(self, yes: bool, lang: Lang):
        self.yes = yes
        self.lang = lang

    def __call__(
        self,
        flag: str,
        question: Text,
        given: Any,
        default: Any = None,
        check: Callable[[Any], str | None] | None = None,
        convert: Callable[[str], Any] | None = None,
        choices: tuple[str, ...] | None = None,
    ) -> Any:
        def proc(raw: Any) -> Any:
            value = convert(raw) if convert and isinstance(raw, str) else raw
            if choices is not None and value not in choices:
                raise click.BadParameter(
                    f"{value!r}: " + _t(self.lang, "choose one of ", "pilih salah satu dari ") + ", ".join(choices)
                )
            problem = check(value) if check else None
            if problem:
                raise click.BadParameter(f"{_shown(value)}: {problem}")
            return value

        if given is not None:
            try:
                return proc(given)
            except click.BadParameter as err:
                raise click.BadParameter(err.message, param_hint=f"--{flag}") from None
        if self.yes:
            if default is None:
                raise click.UsageError(
                    _t(
                        self.lang,
                        f"--{flag} is needed with --yes (no default for it).",
                        f"--{flag} wajib diisi bila memakai --yes (tidak ada nilai bawaan).",
                    )
                )
            return proc(default)
        shown_default = ", ".join(default) if isinstance(default, list) else default
        if choices:
            return click.prompt(question.get(self.lang), default=shown_default, type=click.Choice(list(choices)))
        return click.prompt(question.get(self.lang), default=shown_default, value_proc=proc)

    def confirm(self, question: Text, given: bool | None, default: bool) -> bool:
        if given is not None:
            return given
        if self.yes:
            return default
        return click.confirm(question.get(self.lang), default=default)


def _shown(value: Any) -> str:
    text = ", ".join(value) if isinstance(value, list) else str(value)
    return json.dumps(text if len(text) <= 60 else text[:57] + "...", ensure_ascii=False)


def _answer_check(answer: str) -> Callable[[Any], str | None]:
    from checker.guidance.scaffold import answer_error

    return lambda value: answer_error(answer, value)


@click.command("init")
@click.option("--purpose", default=None, help="What the application is for, in a sentence (Indonesian or English).")
@click.option("--name", default=None, help="metadata.name: the name users will see.")
@click.option("--id", "app_id", default=None, help="metadata.id: a slug, e.g. karawang-lapor-jalan.")
@click.option("--agency-code", default=None, help="Agency code: 32.15 for a regency, kemenkes for a ministry.")
@click.option("--agency-name", default=None, help="Official agency name [default: as the registry spells it].")
@click.option("--contact", default=None, help="E-mail of the responsible team.")
@click.option(
    "--kind",
    type=click.Choice(["extension", "module", "new", "replacement"]),
    default=None,
    help="Skip the proposals and use this spec.kind.",
)
@click.option("--extends", default=None, help="Registry id of the host application (extension, module).")
@click.option("--replaces", default=None, help="Registry ids this retires, comma-separated ('none' for none).")
@click.option(
    "--audience",
    type=click.Choice(["public", "government", "internal"]),
    default=None,
    help="public: citizens; government: other agencies; internal: own staff.",
)
@click.option("--channels", default=None, help="Comma-separated: web, mobile, api, desktop.")
@click.option("--functions", default=None, help="Comma-separated business-function codes [default: from the purpose].")
@click.option("--description", default=None, help="spec.description [default: the purpose].")
@click.option("--justification", default=None, help="Why nothing registered can serve (kind new).")
@click.option(
    "--hosting-provider",
    type=click.Choice(["pdn", "gov-cloud", "agency-dc", "commercial-cloud"]),
    default=None,
    help="Where it runs [default: pdn].",
)
@click.option("--site", default=None, help="Hosting site [default: PDN-JABODETABEK].")
@click.option("--dr-site", default=None, help="Recovery site, a different PDN site [default: PDN-BATAM].")
@click.option(
    "--criticality",
    type=click.Choice(["strategic", "high", "low"]),
    default=None,
    help="Electronic-system category [default: low].",
)
@click.option("--personal-data/--no-personal-data", default=None, help="Does it hold personal data?")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the manifest [default: manifests/<agency>/<name>.yaml].",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--yes", "-y", is_flag=True, help="Ask nothing: take the flags given and the defaults for the rest.")
@click.option(
    "--check/--no-check",
    "run_check",
    default=True,
    show_default=True,
    help="Judge the written manifest with the real policies and registry.",
)
@click.option(
    "--write-config",
    is_flag=True,
    help="Write .spbe-check.yaml (the --registry, --policies and --lang given, the other settings as "
    "comments) at the repository root, and stop.",
)
@registry_option
@policies_option
@lang_option
@fail_closed
def init(
    purpose: str | None,
    name: str | None,
    app_id: str | None,
    agency_code: str | None,
    agency_name: str | None,
    contact: str | None,
    kind: str | None,
    extends: str | None,
    replaces: str | None,
    audience: str | None,
    channels: str | None,
    functions: str | None,
    description: str | None,
    justification: str | None,
    hosting_provider: str | None,
    site: str | None,
    dr_site: str | None,
    criticality: str | None,
    personal_data: bool | None,
    output: Path | None,
    force: bool,
    yes: bool,
    run_check: bool,
    write_config: bool,
    registry: str,
    policies: Path,
    lang: Lang,
) -> int:
    """Scaffold a manifest: say what the app is for, see what already serves it, reuse it.

    Asks on the terminal; every answer is also a flag, and --yes takes the
    defaults for the rest (for scripts). Proposes, in this order: an extension of
    the shared service that owns the function, a module of the citizen super app,
    an extension of an application that already exists, and only then a new one.
    """
    from checker.guidance import scaffold as sc
    from checker.guidance.search import open_search_index

    if write_config:
        return _write_config(registry, policies, lang, force)

    if output is not None and output.exists() and not force:
        raise CannotJudge(_exists(output))
    ask = _Asker(yes, lang)
    index = open_search_index(registry)
    purpose = ask(
        "purpose",
        Text(
            "What is the application for? (a sentence, Indonesian or English)",
            "Untuk apa aplikasi ini? (satu kalimat, bahasa Indonesia atau Inggris)",
        ),
        purpose,
        None,
        check=lambda v: None if v.strip() else _t(lang, "say what it is for", "isi tujuannya"),
        convert=str.strip,
    )
    agency_code = ask(
        "agency-code",
        Text(
            "Agency code (32.15 for a regency, kemenkes for a ministry)",
            "Kode instansi (32.15 untuk kabupaten, kemenkes untuk kementerian)",
        ),
        agency_code,
        None,
        check=_answer_check("agency_code"),
        convert=str.strip,
    )
    agency_name = ask(
        "agency-name",
        Text("Agency name", "Nama instansi"),
        agency_name,
        index.agency_name(agency_code),
        check=_answer_check("agency_name"),
        convert=str.strip,
    )
    audience = ask(
        "audience",
        Text("Who uses it", "Siapa penggunanya"),
        audience,
        "public",
        choices=("public", "government", "internal"),
    )
    channel_default = ["web", "mobile"] if audience == "public" else ["web"]
    channel_list = ask(
        "channels",
        Text("Channels (web, mobile, api, desktop)", "Kanal (web, mobile, api, desktop)"),
        _comma_list(channels) if channels is not None else None,
        channel_default,
        check=_check_channels(lang),
        convert=_comma_list,
    )
    suggested = sc.infer_functions(index, purpose)
    _show_functions(index, purpose, lang)
    function_list = ask(
        "functions",
        Text("Business functions (codes, comma-separated)", "Fungsi bisnis (kode, pisahkan dengan koma)"),
        [f.upper() for f in _comma_list(functions)] if functions is not None else None,
        suggested or None,
        check=_check_functions(index, lang),
        convert=lambda raw: [f.upper() for f in _comma_list(raw)],
    )

    proposals = sc.propose(index, purpose, function_list, agency_code, audience, channel_list)
    _show_existing(index, purpose, function_list, audience, channel_list, lang)
    if kind is None and extends is not None:  # --extends alone: the proposal it names, else an extension
        kind = next((p.kind for p in proposals if p.extends == extends.strip().upper()), "extension")
    if kind is None:
        chosen = _choose(proposals, ask, lang)
        kind, extends = chosen.kind, chosen.extends
    elif kind in ("extension", "module"):
        host = next((p.extends for p in proposals if p.kind == kind), None)
        extends = ask(
            "extends",
            Text("Registry id of the host application", "Id registri aplikasi induk"),
            extends.strip().upper() if extends is not None else None,
            host,
            check=_check_host(index, lang),
            convert=lambda raw: raw.strip().upper(),
        )
    else:
        extends = None

    to_replace = sc.own_apps_to_replace(index, agency_code, function_list, extends)
    replaces_list: list[str] = []
    if replaces is not None:
        replaces_list = (
            [] if replaces.strip().lower() in ("", "none", "-") else [r.upper() for r in _comma_list(replaces)]
        )
        unknown = [r for r in replaces_list if index.record(r) is None]
        if unknown:
            raise click.BadParameter(
                _t(lang, f"not in the registry: {', '.join(unknown)}", f"tidak ada di registri: {', '.join(unknown)}"),
                param_hint="--replaces",
            )
    elif to_replace:
        names = ", ".join(f"{record.name} ({r})" for r in to_replace if (record := index.record(r)))
        click.echo(
            _t(
                lang,
                f"Your agency already runs {names} for these functions.",
                f"Instansi Anda sudah menjalankan {names} untuk fungsi ini.",
            )
        )
        if ask.confirm(
            Text(
                "List them in spec.replaces (this proposal retires them)?",
                "Cantumkan dalam spec.replaces (usulan ini menggantikannya)?",
            ),
            None,
            True,
        ):
            replaces_list = to_replace
            if yes:
                click.echo(
                    _t(
                        lang,
                        f"Listed in spec.replaces: {', '.join(to_replace)} (--replaces none to keep them).",
                        f"Dicantumkan dalam spec.replaces: {', '.join(to_replace)} (--replaces none untuk mempertahankannya).",
                    )
                )
    if kind == "replacement" and not replaces_list:
        raise click.UsageError(
            _t(lang, "kind replacement needs --replaces IDS.", "kind replacement memerlukan --replaces ID.")
        )

    if kind == "new":
        minimum = _justification_minimum(policies)
        justification = ask(
            "justification",
            Text(
                f"Why can no registered application or shared service serve? (at least {minimum} characters)",
                f"Mengapa tidak ada aplikasi terdaftar atau layanan bersama yang dapat melayani? (sekurang-kurangnya {minimum} karakter)",
            ),
            justification,
            None,
            check=_check_justification(minimum, lang),
            convert=str.strip,
        )
    elif justification is not None:
        justification = None  # only kind new carries one

    short = sc.agency_short(agency_code, agency_name)
    name = ask(
        "name",
        Text("Application name", "Nama aplikasi"),
        name,
        sc.default_name(purpose, short) or None,
        check=_answer_check("name"),
        convert=str.strip,
    )
    app_id = ask(
        "id",
        Text("Manifest id (slug)", "Id manifes (slug)"),
        app_id,
        sc.default_id(agency_code, agency_name, name),
        check=_answer_check("id"),
        convert=str.strip,
    )
    contact = ask(
        "contact",
        Text("Contact e-mail of the responsible team", "Surel tim penanggung jawab"),
        contact,
        None,
        check=_answer_check("contact"),
        convert=str.strip,
    )
    description = ask(
        "description",
        Text("Description: what it does and for whom", "Deskripsi: apa fungsinya dan untuk siapa"),
        description,
        purpose,
        check=_answer_check("description"),
        convert=str.strip,
    )
    hosting_provider = ask(
        "hosting-provider",
        Text("Hosting", "Hosting"),
        hosting_provider,
        "pdn",
        choices=("pdn", "gov-cloud", "agency-dc", "commercial-cloud"),
    )
    site = ask(
        "site",
        Text("Hosting site", "Lokasi hosting"),
        site,
        "PDN-JABODETABEK" if hosting_provider == "pdn" else None,
        check=_answer_check("site"),
        convert=str.strip,
    )
    dr_default = sc.default_dr_site(site) if hosting_provider == "pdn" else None
    dr_site = (
        ask(
            "dr-site",
            Text(
                "Recovery site (a different PDN site; empty for none)",
                "Lokasi pemulihan (situs PDN yang lain; kosongkan bila tidak ada)",
            ),
            dr_site,
            dr_default or "",
            convert=str.strip,
            check=lambda v: None if v == "" else sc.answer_error("dr_site", v),
        )
        or None
    )
    criticality = ask(
        "criticality", Text("Criticality", "Kategori sistem"), criticality, "low", choices=("strategic", "high", "low")
    )
    personal = ask.confirm(
        Text("Does it hold personal data?", "Apakah menyimpan data pribadi?"), personal_data, audience == "public"
    )

    folder = sc.agency_folder(agency_code, agency_name)
    file_stem = (
        app_id[len(short) + 1 :]
        if short and app_id.startswith(short + "-") and len(app_id) > len(short) + 3
        else app_id
    )
    default_output = Path("manifests") / folder / f"{file_stem}.yaml"
    if output is None:
        output = Path(ask("output", Text("Write the manifest to", "Tulis manifes ke"), None, str(default_output)))
    if output.exists() and not force:
        raise CannotJudge(_exists(output))

    apis = []
    if "api" in channel_list:
        api_name = sc.slug(app_id, 63)
        apis.append({"name": api_name, "openapi": f"apis/{api_name}.yaml"})
    answers = sc.Answers(
        purpose=purpose,
        name=name,
        id=app_id,
        agency_code=agency_code,
        agency_name=agency_name,
        contact=contact,
        kind=kind,
        audience=audience,
        channels=channel_list,
        functions=function_list,
        hosting_provider=hosting_provider,
        site=site,
        dr_site=dr_site,
        criticality=criticality,
        personal_data=personal,
        extends=extends,
        replaces=replaces_list,
        justification=justification,
        description=description,
        uses=sc.mandatory_uses(index.capabilities),
        apis=apis,
    )
    text = sc.render_manifest(answers, sc.schema_reference(output), index.bus)
    problems = _rendered_problems(text)
    if problems:
        raise CannotJudge(
            Text(
                "The answers do not make a valid manifest: " + "; ".join(problems),
                "Jawaban tidak membentuk manifes yang sah: " + "; ".join(problems),
            )
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(_bold(_t(lang, f"Wrote {output}", f"Menulis {output}")))
    for api in apis:
        stub = output.parent / api["openapi"]
        if not stub.exists():
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text(sc.openapi_stub(name, api["name"]), encoding="utf-8")
            click.echo(
                _t(
                    lang,
                    f"Wrote {stub} (an OpenAPI 3 skeleton: describe the API there)",
                    f"Menulis {stub} (kerangka OpenAPI 3: jelaskan API di sana)",
                )
            )
    if not run_check:
        click.echo(_t(lang, f"Next: spbe-check check {output}", f"Berikutnya: spbe-check check {output}"))
        return 0
    return _check_written(output, registry, policies, lang)


def _write_config(registry: str, policies: Path, lang: Lang, force: bool) -> int:
    """The settings given on the command line (or from the environment), as a starter file."""
    from checker.cli.config import CONFIG_NAME, config_folder, render_config

    ctx = click.get_current_context()
    given = {
        name: str(value)
        for name, value in (("registry", registry), ("policies", policies), ("lang", lang))
        if ctx.get_parameter_source(name) not in (click.core.ParameterSource.DEFAULT, None)
    }
    folder = config_folder(Path.cwd())
    target = folder / CONFIG_NAME
    if target.exists() and not force:
        raise CannotJudge(_exists(target))
    try:
        target.write_text(render_config(folder, given), encoding="utf-8")
    except OSError as err:
        raise CannotJudge(
            Text(
                f"Cannot write {target}: {err.strerror or err}.",
                f"{target} tidak dapat ditulis: {err.strerror or err}.",
            )
        ) from None
    click.echo(_t(lang, f"Wrote {target}", f"Menulis {target}"))
    return 0


def _exists(output: Path) -> Text:
    return Text(
        f"{output} already exists; pass --force to overwrite it, or --output another file.",
        f"{output} sudah ada; berikan --force untuk menimpanya, atau --output ke berkas lain.",
    )


def _check_channels(lang: Lang) -> Callable[[list[str]], str | None]:
    allowed = ("web", "mobile", "api", "desktop")

    def check(values: list[str]) -> str | None:
        if not values:
            return _t(lang, "name at least one channel", "sebutkan sekurang-kurangnya satu kanal")
        wrong = [v for v in values if v not in allowed]
        if wrong or len(set(values)) != len(values):
            return _t(
                lang,
                "channels are web, mobile, api, desktop (each once)",
                "kanal adalah web, mobile, api, desktop (masing-masing sekali)",
            )
        return None

    return check


def _check_functions(index: Any, lang: Lang) -> Callable[[list[str]], str | None]:
    def check(values: list[str]) -> str | None:
        if not values:
            return _t(
                lang,
                "name at least one function code (`spbe-check registry stats --functions` lists them)",
                "sebutkan sekurang-kurangnya satu kode fungsi (`spbe-check registry stats --functions`)",
            )
        unknown = [v for v in values if v not in index.taxonomy]
        if unknown:
            return unknown_function_message(unknown[0], index).get(lang)
        if len(set(values)) != len(values):
            return _t(lang, "each function once", "masing-masing fungsi sekali")
        return None

    return check


def _check_host(index: Any, lang: Lang) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        record = index.record(value)
        if record is None:
            return _t(
                lang,
                "not in the registry; `spbe-check registry search WORDS` finds ids",
                "tidak ada di registri; `spbe-check registry search KATA` mencari id",
            )
        if not record.active:
            return _t(
                lang,
                "retired; only an active application can be extended",
                "sudah tidak aktif; hanya aplikasi aktif yang dapat dikembangkan",
            )
        return None

    return check


def _check_justification(minimum: int, lang: Lang) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if len(value.strip()) < minimum:
            return _t(
                lang,
                f"{len(value.strip())} characters; SPBE-MOR-001 asks for at least {minimum}",
                f"{len(value.strip())} karakter; SPBE-MOR-001 meminta sekurang-kurangnya {minimum}",
            )
        return _answer_check("justification")(value)

    return check


def _justification_minimum(policies: Path) -> int:
    from checker.policy.policyset import load_policies

    try:
        return int(load_policies(policies).config().get("justification_min_length", 0))
    except (CannotJudge, TypeError, ValueError):
        return 0


def _show_functions(index: Any, purpose: str, lang: Lang) -> None:
    found = index.functions_for(purpose, limit=4)
    if not found:
        return
    click.echo(_t(lang, "Functions that match the purpose:", "Fungsi yang cocok dengan tujuan:"))
    for match in found:
        owners = f"  ← {', '.join(match.owners)}" if match.owners else ""
        click.echo(f"  {match.code:<24} {match.name_id if lang == 'id' else match.name_en}{owners}")


def _show_existing(
    index: Any, purpose: str, functions: list[str], audience: str, channels: list[str], lang: Lang
) -> None:
    """What already serves this, shared services first, before anyone chooses to build."""
    from checker.guidance.scaffold import citizen_facing

    shown: list[str] = []
    for code in functions:
        shown += [o for o in index.owners(code) if o not in shown]
    if citizen_facing(audience, channels) and index.super_app and index.record(index.super_app):
        shown.append(index.super_app) if index.super_app not in shown else None
    for hit in index.search(purpose, limit=10).hits:
        if len(shown) >= 6:
            break
        if hit.id not in shown:
            shown.append(hit.id)
    if not shown:
        return
    click.echo(_t(lang, "Already registered for this purpose:", "Sudah terdaftar untuk keperluan ini:"))
    for app_id in shown:
        record = index.record(app_id)
        tag = _t(lang, " [shared]", " [bersama]") if record.shared else ""
        click.echo(f"  {record.id:<16} {record.name}{tag} — {record.agency_name}")


def _choose(proposals: list[Any], ask: _Asker, lang: Lang) -> Any:
    """The numbered proposals, reuse first; the answer (or --yes) picks one."""
    click.echo(
        _bold(
            _t(
                lang,
                "Reuse before you build. Options, best first:",
                "Gunakan ulang sebelum membangun. Pilihan, yang terbaik lebih dulu:",
            )
        )
    )
    for number, proposal in enumerate(proposals, 1):
        head = f"{proposal.kind}" + (f" of {proposal.extends}" if proposal.extends else "")
        if lang == "id":
            head = {"extension": "pengembangan", "module": "modul", "new": "baru"}.get(proposal.kind, proposal.kind) + (
                f" dari {proposal.extends}" if proposal.extends else ""
            )
        click.echo(f"  {number}. {head}: {proposal.text.get(lang)}")
        if proposal.functions_note is not None:
            click.echo(f"     ! {proposal.functions_note.get(lang)}")
    choice = ask(
        "kind",
        Text("Choose", "Pilih"),
        None,
        1,
        convert=lambda raw: int(raw.strip()),
        check=lambda n: None if isinstance(n, int) and 1 <= n <= len(proposals) else f"1-{len(proposals)}",
    )
    return proposals[int(choice) - 1]


def _rendered_problems(text: str) -> list[str]:
    from checker.judging.manifest import schema_violations
    from checker.plumbing.yamlsafe import YamlError, parse_yaml

    try:
        document = parse_yaml(text)
    except YamlError as err:
        return [f"{err.message.en} (line {err.line})"]
    return [f"{v.field}: {v.message.en}" for v in schema_violations(document.data, document.positions)]


def _check_written(output: Path, registry: str, policies: Path, lang: Lang) -> int:
    from checker.formats import render
    from checker.judging.evaluate import Target, open_judge

    click.echo(
        _t(lang, "Checking it against the policies and the registry…", "Memeriksanya terhadap kebijakan dan registri…")
    )
    judge = open_judge(policies, registry, None, "embedded")
    report = judge.check([Target(output, output.as_posix(), True)])
    click.echo(render("text", report, lang, color=use_color(sys.stdout)), nl=False)
    if report.exit_code == 0:
        click.echo(
            _t(
                lang,
                "Next: commit the manifest and open a pull request.",
                "Berikutnya: simpan manifes dan buka pull request.",
            )
        )
    else:
        click.echo(
            _t(
                lang,
                f"Fix what is listed above, then run: spbe-check check {output}",
                f"Perbaiki yang tercantum di atas, lalu jalankan: spbe-check check {output}",
            )
        )
    return report.exit_code


def _bold(text: str) -> str:
    return click.style(text, bold=True) if use_color(sys.stdout) else text
