"""The 552 regional governments of the sample registry, from the idn-area-data CSVs.

Region names and codes are idn-area-data 3.1.2 by Fityan Ali Nugroho, made available under
the Open Database License (ODbL 1.0): see registry/sources/idn-area/ (LICENSE.md,
SOURCE.md). Whatever is built from them, the sample registry included, is a derived
database and carries that attribution (registry.yaml's `attribution`, copied into the
registry's metadata).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Region:
    """A regional government: agency code, agency name, names used in app names."""

    code: str
    level: str  # province | regency
    agency: str  # "Pemerintah Kabupaten Karawang"
    full: str  # "Kabupaten Karawang"
    place: str  # "Karawang"; "Kota Bogor" when the bare name is ambiguous
    short: str  # "Karawang", "Bogor" (used after a head title: "Lapor Walikota Bogor")
    head: str  # Gubernur | Bupati | Walikota
    province: str  # short name of the province ("Jawa Barat")


_SMALL_WORDS = {"DAN": "dan"}
_KEEP_WORDS = {"DKI": "DKI"}


def title_name(upper: str) -> str:
    """'KEPULAUAN BANGKA BELITUNG' -> 'Kepulauan Bangka Belitung', 'DKI JAKARTA' -> 'DKI Jakarta'."""
    out = []
    for i, word in enumerate(upper.split()):
        if word in _KEEP_WORDS:
            out.append(_KEEP_WORDS[word])
        elif word in _SMALL_WORDS and i > 0:
            out.append(_SMALL_WORDS[word])
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_regions(areas_dir: Path) -> list[Region]:
    """The 552 regional governments (38 provinces, then 514 regencies/cities), in CSV order."""
    provinces = _read_csv(areas_dir / "provinces.csv")
    regencies = _read_csv(areas_dir / "regencies.csv")
    province_short: dict[str, str] = {}
    raw: list[tuple[str, str, str, str, str, str]] = []  # code, level, agency, full, short, head
    for row in provinces:
        name = title_name(row["name"])
        if row["name"] == "DAERAH ISTIMEWA YOGYAKARTA":
            agency, full, short = "Pemerintah Daerah Daerah Istimewa Yogyakarta", name, "DI Yogyakarta"
        elif row["name"] == "ACEH":
            agency, full, short = "Pemerintah Aceh", name, name
        else:
            agency, full, short = f"Pemerintah Provinsi {name}", f"Provinsi {name}", name
        province_short[row["code"]] = short
        raw.append((row["code"], "province", agency, full, short, "Gubernur"))
    for row in regencies:
        words = row["name"].split()
        kind = words[0]  # KABUPATEN | KOTA
        rest = words[1:]
        admin = bool(rest) and rest[0] == "ADMINISTRASI"
        if admin:
            rest = rest[1:]
        short = title_name(" ".join(rest))
        title = "Kabupaten" if kind == "KABUPATEN" else "Kota"
        full = f"{title} {'Administrasi ' if admin else ''}{short}"
        raw.append(
            (
                row["code"],
                "regency",
                f"Pemerintah {full}",
                full,
                short,
                "Bupati" if title == "Kabupaten" else "Walikota",
            )
        )
    counts: dict[str, int] = {}
    for _, _, _, _, short, _ in raw:
        counts[short] = counts.get(short, 0) + 1
    regions = []
    for code, level, agency, full, short, head in raw:
        ambiguous = counts[short] > 1 and level == "regency"
        place = f"{full.split()[0]} {short}" if ambiguous else short
        regions.append(Region(code, level, agency, full, place, short, head, province_short[code[:2]]))
    if sum(r.level == "province" for r in regions) != 38 or sum(r.level == "regency" for r in regions) != 514:
        raise ValueError(f"{areas_dir}: expected 38 provinces and 514 regencies/cities")
    return regions
