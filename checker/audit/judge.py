"""The registry audit: every active, non-shared registered application judged as if it were proposed.

Why: policy owners need to know how many of the apps already running break which
rule, with the same policies, engine and registry index a proposal is judged with,
so the audit says exactly what `spbe-check check` would say about each app.

How a registry record becomes a manifest (`manifest_from_record`); every assumption
is also listed in the report (`ASSUMPTIONS`):
- metadata.id is the registry id lower-cased; name, agency code and name come from the
  record; metadata.contact is a placeholder when the record has none.
- spec.kind is `new`: the question is "would this app be allowed today", so the
  moratorium (MOR) rules apply with the semantics of a new app.
- spec.replaces lists the app itself. The policies exclude what a proposal replaces
  from the duplicate, same-agency and similarity lookups (MOR-003/004/005) and from
  the suggestions, so an app is never reported as a duplicate of itself, while every
  other registered app still counts. MOR-007 accepts it (the app is active).
- spec.justification is a placeholder at least as long as the policy's
  `justification_min_length`: registry records carry no justification, so MOR-001
  (which asks for one) is not assessed by the audit.
- description, audience, channels, functions and hosting come from the record;
  uses, data and budget come from the record when it carries them, and so do the
  exposed apis, consumes and datasets (under `interoperability`, or at the top level
  of the record as the registry format keeps them).
  Without `uses`, `interoperability` or `data` the SHR and INT rules have nothing to
  judge, and data is assumed `criticality: low`, `personalData: false` (the least
  demanding hosting rules): for such records those counts are lower bounds. The
  sample registry's records carry all three (checker/registry/samplegen/generate.py).
- There is no manifest file: positions (line, column) are null. No waivers apply.
- A record that does not fit the manifest schema is `invalid` (SPBE-SCH-003), as a
  manifest would be.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import CannotJudge
from checker.judging.evaluate import Judge
from checker.judging.manifest import API_VERSION, KIND, SCH_SCHEMA, Manifest, schema_violations
from checker.model import Text, Verdict
from checker.registry.load import Registry

PLACEHOLDER_CONTACT = "registry-audit@audit.invalid"
PARALLEL_MIN_APPS = 2000  # below this, starting worker processes costs more than it saves
CHUNK = 250
_HOSTING_KEYS = ("provider", "site", "drSite", "country")
_OPTIONAL_SPEC = ("uses", "budget")
_INTEROPERABILITY_KEYS = ("apis", "consumes", "datasets")
DEFAULT_DATA = {"criticality": "low", "personalData": False}

ASSUMPTIONS: tuple[Text, ...] = (
    Text(
        "Every active, non-shared registered application is judged as a proposal of kind `new` (would it be allowed today?). Shared services and retired applications are not audited.",
        "Setiap aplikasi terdaftar yang aktif dan bukan layanan bersama dinilai sebagai usulan berjenis `new` (apakah diizinkan hari ini?). Layanan bersama dan aplikasi yang sudah tidak aktif tidak diaudit.",
    ),
    Text(
        "Each application lists itself in spec.replaces, so it is never counted as a duplicate of itself; every other registered application still counts.",
        "Setiap aplikasi mencantumkan dirinya dalam spec.replaces sehingga tidak dihitung sebagai duplikat dirinya sendiri; aplikasi terdaftar lainnya tetap dihitung.",
    ),
    Text(
        "The registry records no justification, so a placeholder is used and SPBE-MOR-001 (justification required) is not assessed.",
        "Registri tidak mencatat justifikasi, sehingga dipakai teks pengganti dan SPBE-MOR-001 (wajib justifikasi) tidak dinilai.",
    ),
    Text(
        "Name, agency, description, audience, channels, functions and hosting come from the registry record; uses, interoperability, data and budget too when the record carries them.",
        "Nama, instansi, deskripsi, audiens, kanal, fungsi, dan hosting diambil dari catatan registri; demikian pula uses, interoperabilitas, data, dan anggaran bila tercatat.",
    ),
    Text(
        "Where the record has no `data`, criticality `low` and no personal data are assumed; where it has no `uses` or `interoperability`, the SHR and INT rules have nothing to judge, and for such records those counts are lower bounds. The sample registry's records carry all three.",
        "Bila catatan tidak memuat `data`, diasumsikan kategori `low` dan tanpa data pribadi; bila tidak memuat `uses` atau `interoperability`, aturan SHR dan INT tidak dapat dinilai, dan untuk catatan seperti itu angka-angka tersebut adalah batas bawah. Catatan registri contoh memuat ketiganya.",
    ),
    Text(
        "No waivers apply; there is no manifest file, so line and column are empty. A record that does not fit the manifest schema is `invalid`.",
        "Tidak ada pengecualian (waiver) yang berlaku; tidak ada berkas manifes sehingga baris dan kolom kosong. Catatan yang tidak sesuai skema manifes berstatus `invalid`.",
    ),
    Text(
        "The audit is a report, not a gate: it exits 0 whenever it ran, whatever the verdicts, and 2 when it could not run.",
        "Audit adalah laporan, bukan gerbang: keluar dengan kode 0 bila berhasil dijalankan, apa pun hasilnya, dan 2 bila tidak dapat dijalankan.",
    ),
)


@dataclass(frozen=True)
class AppOutcome:
    """One audited app: its verdict and the rule ids it breaks (small, so worker processes return it cheaply)."""

    id: str
    verdict: Verdict
    deny: tuple[str, ...]  # rule ids with at least one deny, sorted
    warn: tuple[str, ...]  # rule ids with at least one warn, sorted

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.deny) | set(self.warn)))


def audited_apps(registry: Registry) -> list[dict[str, Any]]:
    """The apps the audit judges: active and not shared, by id."""
    return sorted(
        (a for a in registry.apps.values() if a.get("status") == "active" and not a.get("shared")),
        key=lambda a: a["id"],
    )


def placeholder_justification(app_id: str, min_length: int) -> str:
    text = (
        f"Registered application {app_id}, audited as if it were proposed today by spbe-check audit. "
        "The national registry records no justification for it, so this placeholder stands in for one."
    )
    while len(text) < min_length:
        text += " Placeholder."
    return text


def manifest_from_record(
    app: Mapping[str, Any], registry: Registry, *, justification_min_length: int = 100
) -> Manifest:
    """The manifest an app would have had if it were proposed today (see the module docstring)."""
    agency = app.get("agency") or {}
    contact = app.get("contact")
    spec: dict[str, Any] = {
        "kind": "new",
        "replaces": [app["id"]],
        "justification": placeholder_justification(app["id"], justification_min_length),
        "description": app.get("description") or app.get("name", ""),
        "audience": app.get("audience"),
        "channels": list(app.get("channels") or []),
        "functions": list(app.get("functions") or []),
        "hosting": {k: v for k, v in (app.get("hosting") or {}).items() if k in _HOSTING_KEYS},
        "data": dict(app["data"]) if isinstance(app.get("data"), dict) else dict(DEFAULT_DATA),
    }
    for key in _OPTIONAL_SPEC:
        if app.get(key) is not None:
            spec[key] = app[key]
    interoperability = app.get("interoperability")
    if not isinstance(interoperability, dict):  # the registry keeps apis/consumes/datasets at the top level
        interoperability = {k: app[k] for k in _INTEROPERABILITY_KEYS if app.get(k) is not None}
    if interoperability:
        spec["interoperability"] = interoperability
    data = {
        "apiVersion": API_VERSION,
        "kind": KIND,
        "metadata": {
            "id": app["id"].lower(),
            "name": app.get("name", app["id"]),
            "agency": {"code": agency.get("code", ""), "name": agency.get("name") or agency.get("code", "")},
            "contact": contact if isinstance(contact, str) and contact else PLACEHOLDER_CONTACT,
        },
        "spec": spec,
    }
    return Manifest(
        file=f"registry:{app['id']}", path=Path(registry.source).parent / app["id"], data=data, positions={}
    )


def judge_record(judge: Judge, app: Mapping[str, Any], registry: Registry, root: Path) -> AppOutcome:
    """Judge one record exactly as `check` judges a manifest; a record outside the schema is `invalid`."""
    min_length = int(judge.policies.config().get("justification_min_length", 100))
    manifest = manifest_from_record(app, registry, justification_min_length=min_length)
    if schema_violations(manifest.data, {}):
        return AppOutcome(app["id"], "invalid", (SCH_SCHEMA,), ())
    result = judge.judge(manifest, root)
    counted = [v for v in result.violations if not v.waived]
    deny = tuple(sorted({v.rule for v in counted if v.severity == "deny"}))
    warn = tuple(sorted({v.rule for v in counted if v.severity == "warn"}))
    return AppOutcome(app["id"], result.verdict, deny, warn)


# Worker processes are forked from the parent after the judge is built, so they
# inherit the compiled policies and registry index instead of rebuilding them.
_FORKED: tuple[Judge, list[dict[str, Any]], Registry, Path] | None = None


def _judge_slice(bounds: tuple[int, int]) -> list[AppOutcome] | Text:
    if _FORKED is None:
        raise RuntimeError("_judge_slice runs only in workers forked by judge_all")
    judge, apps, registry, root = _FORKED
    try:
        return [judge_record(judge, apps[i], registry, root) for i in range(*bounds)]
    except CannotJudge as err:  # its message is bilingual; send it back as data
        return err.message


def default_workers() -> int:
    """One worker per core, at most 4 (each holds its own copy of what it touches of the index)."""
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def run_audit(
    judge: Judge,
    registry: Registry,
    apps: list[dict[str, Any]],
    *,
    root: Path | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[AppOutcome]:
    """Judge every app, in order; in `workers` forked processes when there are enough apps to pay for them."""
    root = root or Path.cwd()
    step = progress or (lambda _n: None)
    parallel = workers > 1 and len(apps) >= PARALLEL_MIN_APPS and "fork" in multiprocessing.get_all_start_methods()
    if not parallel:
        out = []
        for app in apps:
            out.append(judge_record(judge, app, registry, root))
            step(1)
        return out
    global _FORKED  # noqa: PLW0603 -- handed to forked workers by copy-on-write, never pickled
    _FORKED = (judge, apps, registry, root)
    try:
        chunks = [(i, min(i + CHUNK, len(apps))) for i in range(0, len(apps), CHUNK)]
        out = []
        # concurrent.futures, not multiprocessing.Pool: when a worker dies (killed for memory, a crash in
        # the engine) Pool.imap waits forever, the executor raises BrokenProcessPool at once.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            try:
                for part in pool.map(_judge_slice, chunks):
                    if isinstance(part, Text):
                        raise CannotJudge(part)
                    out.extend(part)
                    step(len(part))
            except BrokenProcessPool as err:
                raise CannotJudge(
                    Text(
                        "An audit worker process died before it finished (out of memory?). "
                        "Run again with fewer --jobs, or --jobs 1.",
                        "Sebuah proses pekerja audit berhenti sebelum selesai (kehabisan memori?). "
                        "Jalankan lagi dengan --jobs lebih kecil, atau --jobs 1.",
                    )
                ) from err
        return out
    finally:
        _FORKED = None


def count_by(outcomes: Iterable[AppOutcome]) -> dict[str, int]:
    counts = {"pass": 0, "warn": 0, "fail": 0, "invalid": 0}
    for outcome in outcomes:
        counts[outcome.verdict] += 1
    return counts
