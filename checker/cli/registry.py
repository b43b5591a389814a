"""`spbe-check registry search|show|stats`: look before you build.

Thin Click commands over checker/guidance/search.py (the index) and checker/guidance/registry_view.py
(what a person reads). checker/cli/main.py registers them on the `registry` group.
"""

from __future__ import annotations

import json
from typing import Any

import click

from checker.cli.options import fail_closed, lang_option, registry_option
from checker.errors import CannotJudge
from checker.model import Lang, Text


def _t(lang: Lang, en: str, id_: str) -> str:
    return id_ if lang == "id" else en


@click.command("search")
@click.argument("text", nargs=-1)
@click.option(
    "--function",
    "function_code",
    default=None,
    metavar="CODE",
    help="Only applications with this business-function code (e.g. LYN-PARKIR).",
)
@click.option("--agency", default=None, metavar="CODE", help="Only applications of this agency (e.g. 32.15, kemenkes).")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many to show.")
@click.option("--include-retired", is_flag=True, help="Also show retired applications.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@registry_option
@lang_option
@fail_closed
def registry_search(
    text: tuple[str, ...],
    function_code: str | None,
    agency: str | None,
    limit: int,
    include_retired: bool,
    as_json: bool,
    registry: str,
    lang: Lang,
) -> int:
    """Find registered applications and shared services by what they do.

    TEXT is Indonesian or English, typos are tolerated: "kearsipan", "complaint",
    "parkir karawang" (a place name narrows the search to that region's apps).
    """
    import time

    from checker.guidance.registry_view import render_hits
    from checker.guidance.search import open_search_index

    query = " ".join(text).strip()
    if not query and not function_code and not agency:
        raise click.UsageError(
            _t(
                lang,
                'Say what you are looking for, e.g. spbe-check registry search "pengaduan", '
                "or filter with --function / --agency.",
                'Sebutkan yang Anda cari, mis. spbe-check registry search "pengaduan", '
                "atau saring dengan --function / --agency.",
            )
        )
    index = open_search_index(registry)
    if function_code and function_code.upper() not in index.taxonomy:
        raise CannotJudge(unknown_function_message(function_code, index))
    if agency and agency.lower() not in index.agency_apps:
        raise CannotJudge(
            Text(
                f"No application of agency {agency} is in the registry. Agency codes look like "
                f"32.15 (a regency) or kemenkes (a central agency); `spbe-check registry search NAME` "
                f"shows an agency's code.",
                f"Tidak ada aplikasi milik instansi {agency} di registri. Kode instansi berbentuk 32.15 "
                f"(kabupaten/kota) atau kemenkes (instansi pusat); `spbe-check registry search NAMA` "
                f"menampilkan kode instansi.",
            )
        )
    started = time.perf_counter()
    results = index.search(query, function=function_code, agency=agency, limit=limit, include_retired=include_retired)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if as_json:
        doc = {
            "query": query,
            "registryRevision": index.revision,
            "synthetic": index.synthetic,
            "total": results.total,
            "elapsedMs": round(elapsed_ms, 1),
            "functions": [
                {"code": f.code, "name": {"en": f.name_en, "id": f.name_id}, "owners": list(f.owners)}
                for f in index.functions_for(query)
            ]
            if query
            else [],
            "results": [hit.as_json() for hit in results.hits],
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    click.echo(render_hits(results.hits, index, query or "*", lang, results.total), nl=False)
    return 0 if results.hits else 1


def unknown_function_message(code: str, index: Any) -> Text:
    from rapidfuzz import process

    close = [m for m, _, _ in process.extract(code.upper(), list(index.taxonomy), limit=3, score_cutoff=60)]
    hint = f" ({', '.join(close)}?)" if close else ""
    return Text(
        f"Unknown function code {code}{hint}. `spbe-check registry stats --functions` lists the taxonomy.",
        f"Kode fungsi {code} tidak dikenal{hint}. `spbe-check registry stats --functions` menampilkan taksonomi.",
    )


@click.command("show")
@click.argument("app_id")
@click.option("--json", "as_json", is_flag=True, help="Print the application as JSON.")
@registry_option
@lang_option
@fail_closed
def registry_show(app_id: str, as_json: bool, registry: str, lang: Lang) -> int:
    """Show one registered application: functions, owner, status, hosting, URL, APIs."""
    from checker.guidance.registry_view import app_json, render_app, suggest_ids
    from checker.registry.load import load_registry

    loaded = load_registry(registry)
    app = loaded.apps.get(app_id) or loaded.apps.get(app_id.strip().upper())
    if app is None:
        close = suggest_ids(loaded, app_id)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        hint_id = f" Maksud Anda {', '.join(close)}?" if close else ""
        raise CannotJudge(
            Text(
                f"No application {app_id} in the registry (revision {loaded.revision}).{hint} "
                f"Find ids with `spbe-check registry search WORDS`.",
                f"Tidak ada aplikasi {app_id} di registri (revisi {loaded.revision}).{hint_id} "
                f"Cari id dengan `spbe-check registry search KATA`.",
            )
        )
    if as_json:
        click.echo(json.dumps(app_json(loaded, app), ensure_ascii=False, indent=2))
    else:
        click.echo(render_app(loaded, app, lang), nl=False)
    return 0


@click.command("stats")
@click.option(
    "--top",
    type=click.IntRange(0, 1000),
    default=10,
    show_default=True,
    help="How many of the most duplicated functions to list (0: all).",
)
@click.option("--functions", "list_functions", is_flag=True, help="Also list every function code of the taxonomy.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@registry_option
@lang_option
@fail_closed
def registry_stats(top: int, list_functions: bool, as_json: bool, registry: str, lang: Lang) -> int:
    """Summarise the registry: apps, status, shared services, agency levels, duplication, hosting."""
    from checker.guidance.registry_view import registry_stats as stats_of
    from checker.guidance.registry_view import render_stats
    from checker.registry.load import load_registry

    stats = stats_of(load_registry(registry), top)
    if as_json:
        if not list_functions:
            stats.pop("functions")
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        click.echo(render_stats(stats, lang, list_functions), nl=False)
    return 0
