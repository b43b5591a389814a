"""The HTML audit report in a real browser: renders, stays offline, shows the JSON's numbers.

Uses Debian's Chromium (/usr/bin/chromium, installed by .ci/run) through Playwright;
never `playwright install`. The audit runs on a small registry sampled from the
sample registry so the suite stays fast; the full-registry timing is measured apart.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.plumbing.paths import DEFAULT_REGISTRY

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SAMPLE_EVERY = 80  # about 320 of the sample's apps, plus every shared service


def small_registry(path: Path) -> Path:
    """Every shared service and every 80th other app of the sample registry, same taxonomy and catalogue."""
    doc = json.loads(gzip.decompress(DEFAULT_REGISTRY.read_bytes()))
    others = [a for a in doc["apps"] if not a.get("shared")]
    doc["apps"] = [a for a in doc["apps"] if a.get("shared")] + others[::SAMPLE_EVERY]
    doc["metadata"]["revision"] = f"{doc['metadata']['revision']}-every-{SAMPLE_EVERY}th"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def resolve(doc: Any, pointer: str) -> Any:
    """RFC 6901 JSON Pointer."""
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


def shown_number(text: str, lang: str) -> float:
    """A number as the page prints it: '25,457' / '4.9' (en), '25.457' / '4,9' (id)."""
    text = text.strip().rstrip("%")
    if lang == "id":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    assert re.fullmatch(r"-?\d+(\.\d+)?", text), f"not a number: {text!r}"
    return float(text)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("audit-report")
    registry = small_registry(folder / "registry.json")
    out_json, out_html = folder / "audit.json", folder / "audit.html"
    result = CliRunner().invoke(
        main, ["audit", "--registry", str(registry), "--json", str(out_json), "--html", str(out_html)]
    )
    assert result.exit_code == 0, result.output
    return out_html, json.loads(out_json.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `apt-get install chromium` (as root; .ci/run does it). "
            "The browser test uses Debian's Chromium, never `playwright install`."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def test_report_renders_offline_without_errors_and_shows_the_json_numbers(
    browser: Any, report: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    html_path, doc = report
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    url = html_path.resolve().as_uri()
    page.goto(url, wait_until="load")

    assert page.title().startswith("SPBE registry audit")
    assert page.locator("h1").inner_text().startswith("SPBE registry audit")
    assert page.locator("svg.chart").count() >= 5 and page.locator("svg.donut").count() == 1
    assert page.locator("svg.chart rect.seg").count() > 20
    assert page.locator("#clusters tbody tr").count() >= 1
    assert problems == []
    assert [r for r in requests if r != url and not r.startswith("data:")] == []

    metrics = page.eval_on_selector_all("[data-metric]", "els => els.map(e => [e.dataset.metric, e.textContent])")
    assert len(metrics) > 100
    lang = page.eval_on_selector("html", "e => e.lang")
    for pointer, text in metrics:
        expected = resolve(doc, pointer)
        assert isinstance(expected, (int, float)), pointer
        assert shown_number(text, lang) == pytest.approx(expected, abs=0.05), (pointer, text, expected)
    for key in ("/audited", "/summary/fail", "/summary/compliantPercent", "/clusters/count", "/hosting/0/apps"):
        assert key in {p for p, _ in metrics}

    shot = tmp_path / "audit-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    page.close()


def test_report_in_indonesian_prints_indonesian_numbers(browser: Any, tmp_path: Path) -> None:
    registry = small_registry(tmp_path / "registry.json")
    out_json, out_html = tmp_path / "audit.json", tmp_path / "audit.html"
    result = CliRunner().invoke(
        main, ["audit", "--registry", str(registry), "--lang", "id", "--json", str(out_json), "--html", str(out_html)]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    page = browser.new_page()
    page.goto(out_html.resolve().as_uri(), wait_until="load")
    assert page.locator("h1").inner_text().startswith("Audit registri SPBE")
    shown = page.eval_on_selector('[data-metric="/summary/compliantPercent"]', "e => e.textContent")
    assert shown_number(shown, "id") == pytest.approx(doc["summary"]["compliantPercent"], abs=0.05)
    page.close()
