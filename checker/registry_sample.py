"""The deterministic, synthetic sample national registry (`registry/national-registry.json.gz`).

The tool must run out of the box and be demonstrable at national scale, but no public
list of Indonesia's ~27,400 government applications exists. So this module *models*
one: the 15 shared services (aplikasi umum berbagi pakai) under their real-world names,
the 552 real regional governments (region names and codes from idn-area-data, ODbL,
see `registry/README.md`), about 75 central agencies, and over 27,400 synthetic
applications with the duplication the moratorium is about: every regional government
rebuilds the same ~45 typical apps under near-identical names, many of them for
functions a shared service already owns.

Everything is deterministic: each agency draws from its own `random.Random` seeded
with a fixed string and its agency code, agencies are visited in CSV / list order, and
nothing reads the clock, so `write_registry(build_sample_registry(...))` produces the
same bytes on every machine (the committed file is tested against a fresh build).

Run `python -m checker.registry_sample` (or `spbe-check registry generate`) to
regenerate it.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from checker.registry import registry_bytes, write_atomically

REVISION = "2026-11-01"
SEED = "spbe-sample-registry-v1"
MIN_APPS = 27_400
APP_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,62}$")
CHANNEL_ORDER = ("web", "mobile", "api", "desktop")
PDN_SITES = ("PDN-JABODETABEK", "PDN-BATAM", "PDN-IKN", "PDN-LABUANBAJO")
SHARED_HOSTING = {"provider": "pdn", "site": "PDN-JABODETABEK", "drSite": "PDN-BATAM", "country": "ID"}

DESCRIPTION = (
    "SYNTHETIC sample national registry of Indonesian government applications for spbe-check. "
    "The shared services are modelled on real national services; the 552 regional governments "
    "use real names and Kemendagri codes; every other application, its name, description and "
    "hosting is generated and fictitious. Do not use it as a statement about any real agency."
)
ATTRIBUTION = (
    "Region names and codes: idn-area-data 3.1.2 by Fityan Ali Nugroho "
    "(https://github.com/fityannugroho/idn-area-data), made available under the Open Database "
    "License (ODbL 1.0, https://opendatacommons.org/licenses/odbl/1-0/). This registry is a "
    "derived database and is likewise made available under the ODbL 1.0; see "
    "registry/sources/idn-area/."
)

# --- taxonomy ---------------------------------------------------------------------------
# (code, English name, Indonesian name, default audience of apps serving it)
TAXONOMY: tuple[tuple[str, str, str, str], ...] = (
    ("ADM-ARSIP", "Correspondence and archives", "Persuratan dan kearsipan", "government"),
    ("ADM-KEPEGAWAIAN", "Civil-servant personnel management", "Manajemen kepegawaian ASN", "internal"),
    ("ADM-KINERJA", "Civil-servant performance management", "Manajemen kinerja ASN", "internal"),
    ("ADM-PENGADAAN", "Procurement of goods and services", "Pengadaan barang dan jasa", "government"),
    ("ADM-ASET", "State and regional asset management", "Pengelolaan barang milik negara/daerah", "internal"),
    ("ADM-PENGAWASAN", "Internal audit and supervision", "Pengawasan internal", "internal"),
    ("KEU-PERENCANAAN-DAERAH", "Regional planning and budgeting", "Perencanaan dan penganggaran daerah", "government"),
    ("KEU-PENATAUSAHAAN", "Regional financial administration", "Penatausahaan keuangan daerah", "internal"),
    ("KEU-AKUNTANSI-PUSAT", "Central government financial accounting", "Akuntansi keuangan pemerintah pusat", "internal"),
    ("KEU-ANGGARAN-PUSAT", "Central government planning and budgeting", "Perencanaan dan penganggaran pemerintah pusat", "government"),
    ("KEU-PNBP", "Non-tax state revenue", "Penerimaan negara bukan pajak", "public"),
    ("KEU-PAJAK-BEACUKAI", "State taxes, customs and excise", "Perpajakan, kepabeanan, dan cukai", "public"),
    ("LYN-PENGADUAN", "Public complaints", "Pengaduan masyarakat", "public"),
    ("LYN-SUPERAPP", "Citizen super app", "Aplikasi super layanan warga", "public"),
    ("LYN-PORTAL", "Government portal and news", "Portal dan berita pemerintah", "public"),
    ("LYN-INFORMASI-PUBLIK", "Public information requests", "Layanan informasi publik", "public"),
    ("LYN-PERIZINAN", "Licences and permits", "Perizinan dan nonperizinan", "public"),
    ("LYN-PAJAK-DAERAH", "Regional taxes and levies", "Pajak dan retribusi daerah", "public"),
    ("LYN-PARKIR", "Parking", "Perparkiran", "public"),
    ("LYN-ADMINDUK", "Civil registration services", "Layanan administrasi kependudukan", "public"),
    ("LYN-PERPUSTAKAAN", "Libraries", "Perpustakaan", "public"),
    ("HKM-JDIH", "Legal documentation and information", "Jaringan dokumentasi dan informasi hukum", "public"),
    ("HKM-PERADILAN", "Justice, courts and law enforcement", "Peradilan dan penegakan hukum", "government"),
    ("DAT-SATUDATA", "Open data portal (Satu Data)", "Portal data terbuka (Satu Data)", "public"),
    ("DAT-STATISTIK", "Sectoral statistics and dashboards", "Statistik sektoral dan dasbor data", "government"),
    ("DAT-GEOSPASIAL", "Geospatial information", "Informasi geospasial", "public"),
    ("INT-PERTUKARAN-DATA", "Government data exchange", "Pertukaran data antarinstansi", "government"),
    ("IDN-KEPENDUDUKAN", "Digital population identity", "Identitas kependudukan digital", "public"),
    ("IDN-SSO", "Single sign-on for citizens and officials", "Layanan masuk tunggal warga dan aparatur", "public"),
    ("SIG-TTE", "Electronic signatures", "Tanda tangan elektronik", "government"),
    ("KES-PUSKESMAS", "Primary health care and disease control", "Pelayanan kesehatan primer dan pengendalian penyakit", "public"),
    ("KES-RUMAH-SAKIT", "Hospital services", "Pelayanan rumah sakit", "public"),
    ("KES-GIZI", "Nutrition and stunting prevention", "Gizi dan pencegahan stunting", "government"),
    ("PDD-PPDB", "School admissions", "Penerimaan peserta didik baru", "public"),
    ("PDD-SEKOLAH", "School management and education data", "Manajemen sekolah dan data pendidikan", "government"),
    ("PDD-BEASISWA", "Scholarships", "Beasiswa", "public"),
    ("PDD-PENDIDIKAN-TINGGI", "Higher education", "Pendidikan tinggi", "public"),
    ("SOS-BANSOS", "Social assistance", "Bantuan sosial", "public"),
    ("SOS-KESEJAHTERAAN", "Social welfare data", "Data kesejahteraan sosial", "government"),
    ("PAR-PARIWISATA", "Tourism", "Pariwisata", "public"),
    ("PAR-KEBUDAYAAN", "Culture and heritage", "Kebudayaan dan cagar budaya", "public"),
    ("TRN-ANGKUTAN", "Public transport and traffic", "Angkutan umum dan lalu lintas", "public"),
    ("TRN-PENGUJIAN-KENDARAAN", "Motor vehicle testing", "Pengujian kendaraan bermotor", "public"),
    ("PTN-PERTANIAN", "Agriculture and food", "Pertanian dan pangan", "public"),
    ("PTN-PERIKANAN", "Marine affairs and fisheries", "Kelautan dan perikanan", "public"),
    ("LHK-PERSAMPAHAN", "Waste management", "Pengelolaan sampah", "public"),
    ("LHK-LINGKUNGAN", "Environment and forestry", "Lingkungan hidup dan kehutanan", "government"),
    ("PUR-TATA-RUANG", "Spatial planning and housing", "Tata ruang dan perumahan", "public"),
    ("PUR-INFRASTRUKTUR", "Roads, bridges and water infrastructure", "Jalan, jembatan, dan sumber daya air", "government"),
    ("EKO-UMKM", "Cooperatives and small businesses", "Koperasi dan UMKM", "public"),
    ("EKO-PASAR", "Trade, markets and prices", "Perdagangan, pasar, dan harga", "public"),
    ("NAK-TENAGA-KERJA", "Employment and manpower", "Ketenagakerjaan", "public"),
    ("BNC-KEBENCANAAN", "Disaster management", "Penanggulangan bencana", "public"),
    ("KAM-KETERTIBAN", "Public order, security and defence", "Ketertiban umum, keamanan, dan pertahanan", "government"),
    ("PEM-DESA", "Village government", "Pemerintahan desa", "government"),
    ("PEM-PEMILU", "Elections", "Pemilihan umum", "public"),
    ("PEM-LUAR-NEGERI", "Foreign affairs, consular and immigration services", "Hubungan luar negeri, kekonsuleran, dan keimigrasian", "public"),
    ("ENR-ENERGI", "Energy and mineral resources", "Energi dan sumber daya mineral", "government"),
    ("RST-RISET", "Research and innovation", "Riset dan inovasi", "government"),
    ("AGM-KEAGAMAAN", "Religious affairs and pilgrimage", "Urusan keagamaan dan haji", "public"),
)
FUNCTION_AUDIENCE = {code: audience for code, _, _, audience in TAXONOMY}

# --- capabilities -----------------------------------------------------------------------
CAPABILITIES: dict[str, dict[str, Any]] = {
    "identity": {"providers": ["SHARED-INAPAS", "SHARED-IKD"],
                 "name": {"en": "Sign-in and identity verification", "id": "Masuk dan verifikasi identitas"}},
    "signature": {"providers": ["SHARED-BSRE"],
                  "name": {"en": "Certified electronic signature", "id": "Tanda tangan elektronik tersertifikasi"}},
    "payment": {"providers": ["SHARED-SIMPONI"],
                "name": {"en": "Payment of state revenue", "id": "Pembayaran penerimaan negara"}},
    "archive": {"providers": ["SHARED-SRIKANDI"],
                "name": {"en": "Official correspondence and archives", "id": "Persuratan dinas dan kearsipan"}},
    "maps": {"providers": [], "name": {"en": "Maps and geocoding", "id": "Peta dan geokode"}},
    "notification": {"providers": [], "name": {"en": "E-mail, SMS and push notifications", "id": "Notifikasi surel, SMS, dan push"}},
    "storage": {"providers": [], "name": {"en": "File and object storage", "id": "Penyimpanan berkas dan objek"}},
}
INTEGRATION = {"bus": "SHARED-SPLP", "superApp": "SHARED-INAKU"}

# --- central agencies -------------------------------------------------------------------
# (code, official name, short label used in app names, sectors)
CENTRAL_AGENCIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("kemenkopolkam", "Kementerian Koordinator Bidang Politik dan Keamanan", "Kemenko Polkam", ("koordinasi", "keamanan")),
    ("kemenkokumham", "Kementerian Koordinator Bidang Hukum, Hak Asasi Manusia, Imigrasi, dan Pemasyarakatan", "Kemenko Kumham Imipas", ("koordinasi", "hukum")),
    ("kemenkoekon", "Kementerian Koordinator Bidang Perekonomian", "Kemenko Perekonomian", ("koordinasi", "perdagangan")),
    ("kemenkopmk", "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan", "Kemenko PMK", ("koordinasi", "sosial")),
    ("kemenkoinfra", "Kementerian Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan", "Kemenko Infrastruktur", ("koordinasi", "infrastruktur")),
    ("kemenkopangan", "Kementerian Koordinator Bidang Pangan", "Kemenko Pangan", ("koordinasi", "pertanian")),
    ("kemensetneg", "Kementerian Sekretariat Negara", "Kemensetneg", ("koordinasi", "hukum")),
    ("kemendagri", "Kementerian Dalam Negeri", "Kemendagri", ("pemerintahan",)),
    ("kemenlu", "Kementerian Luar Negeri", "Kemenlu", ("luar_negeri",)),
    ("kemhan", "Kementerian Pertahanan", "Kemhan", ("pertahanan",)),
    ("kemenkum", "Kementerian Hukum", "Kemenkum", ("hukum",)),
    ("kemenham", "Kementerian Hak Asasi Manusia", "KemenHAM", ("ham",)),
    ("imipas", "Kementerian Imigrasi dan Pemasyarakatan", "Imipas", ("imigrasi",)),
    ("kemenkeu", "Kementerian Keuangan", "Kemenkeu", ("keuangan",)),
    ("kemendikdasmen", "Kementerian Pendidikan Dasar dan Menengah", "Kemendikdasmen", ("pendidikan",)),
    ("kemdiktisaintek", "Kementerian Pendidikan Tinggi, Sains, dan Teknologi", "Kemdiktisaintek", ("pendidikan_tinggi", "riset")),
    ("kemenbud", "Kementerian Kebudayaan", "Kemenbud", ("kebudayaan",)),
    ("kemenkes", "Kementerian Kesehatan", "Kemenkes", ("kesehatan",)),
    ("kemenag", "Kementerian Agama", "Kemenag", ("agama",)),
    ("kemnaker", "Kementerian Ketenagakerjaan", "Kemnaker", ("ketenagakerjaan",)),
    ("kemenperin", "Kementerian Perindustrian", "Kemenperin", ("industri",)),
    ("kemendag", "Kementerian Perdagangan", "Kemendag", ("perdagangan",)),
    ("esdm", "Kementerian Energi dan Sumber Daya Mineral", "Kementerian ESDM", ("energi",)),
    ("kemenpu", "Kementerian Pekerjaan Umum", "Kementerian PU", ("infrastruktur",)),
    ("kemenpkp", "Kementerian Perumahan dan Kawasan Permukiman", "Kementerian PKP", ("perumahan",)),
    ("kemenhub", "Kementerian Perhubungan", "Kemenhub", ("perhubungan",)),
    ("komdigi", "Kementerian Komunikasi dan Digital", "Komdigi", ("digital",)),
    ("kementan", "Kementerian Pertanian", "Kementan", ("pertanian",)),
    ("kemenhut", "Kementerian Kehutanan", "Kemenhut", ("lingkungan",)),
    ("kkp", "Kementerian Kelautan dan Perikanan", "KKP", ("perikanan",)),
    ("kemendes", "Kementerian Desa dan Pembangunan Daerah Tertinggal", "Kemendes PDT", ("desa",)),
    ("kementrans", "Kementerian Transmigrasi", "Kementrans", ("desa", "perumahan")),
    ("atrbpn", "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional", "ATR/BPN", ("pertanahan",)),
    ("bappenas", "Kementerian Perencanaan Pembangunan Nasional/Badan Perencanaan Pembangunan Nasional", "Bappenas", ("perencanaan",)),
    ("kemenpanrb", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "KemenPANRB", ("aparatur",)),
    ("bumn", "Kementerian Badan Usaha Milik Negara", "Kementerian BUMN", ("koordinasi", "perdagangan")),
    ("kemensos", "Kementerian Sosial", "Kemensos", ("sosial",)),
    ("kemenpppa", "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak", "KemenPPPA", ("perempuan_anak",)),
    ("kemenpora", "Kementerian Pemuda dan Olahraga", "Kemenpora", ("pemuda_olahraga",)),
    ("kemenpar", "Kementerian Pariwisata", "Kemenpar", ("pariwisata",)),
    ("kemenekraf", "Kementerian Ekonomi Kreatif", "Kemenekraf", ("pariwisata", "umkm")),
    ("kemenkop", "Kementerian Koperasi", "Kemenkop", ("umkm",)),
    ("kemenumkm", "Kementerian Usaha Mikro, Kecil, dan Menengah", "Kementerian UMKM", ("umkm",)),
    ("klh", "Kementerian Lingkungan Hidup/Badan Pengendalian Lingkungan Hidup", "KLH", ("lingkungan",)),
    ("kp2mi", "Kementerian Pelindungan Pekerja Migran Indonesia", "KP2MI", ("ketenagakerjaan",)),
    ("kemeninves", "Kementerian Investasi dan Hilirisasi/Badan Koordinasi Penanaman Modal", "Kementerian Investasi", ("investasi",)),
    ("kemendukbangga", "Kementerian Kependudukan dan Pembangunan Keluarga/BKKBN", "Kemendukbangga", ("keluarga",)),
    ("bkn", "Badan Kepegawaian Negara", "BKN", ("aparatur",)),
    ("lkpp", "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", "LKPP", ("pengadaan",)),
    ("anri", "Arsip Nasional Republik Indonesia", "ANRI", ("kearsipan",)),
    ("bssn", "Badan Siber dan Sandi Negara", "BSSN", ("siber",)),
    ("bps", "Badan Pusat Statistik", "BPS", ("statistik",)),
    ("big", "Badan Informasi Geospasial", "BIG", ("geospasial",)),
    ("bmkg", "Badan Meteorologi, Klimatologi, dan Geofisika", "BMKG", ("cuaca",)),
    ("bnpb", "Badan Nasional Penanggulangan Bencana", "BNPB", ("bencana",)),
    ("basarnas", "Badan Nasional Pencarian dan Pertolongan", "Basarnas", ("bencana",)),
    ("bpom", "Badan Pengawas Obat dan Makanan", "BPOM", ("obat_makanan",)),
    ("brin", "Badan Riset dan Inovasi Nasional", "BRIN", ("riset",)),
    ("bpkp", "Badan Pengawasan Keuangan dan Pembangunan", "BPKP", ("pengawasan",)),
    ("lan", "Lembaga Administrasi Negara", "LAN", ("aparatur",)),
    ("perpusnas", "Perpustakaan Nasional Republik Indonesia", "Perpusnas", ("perpustakaan",)),
    ("bnn", "Badan Narkotika Nasional", "BNN", ("keamanan",)),
    ("bnpt", "Badan Nasional Penanggulangan Terorisme", "BNPT", ("keamanan",)),
    ("bakamla", "Badan Keamanan Laut Republik Indonesia", "Bakamla", ("keamanan", "perikanan")),
    ("bsn", "Badan Standardisasi Nasional", "BSN", ("industri",)),
    ("bgn", "Badan Gizi Nasional", "BGN", ("gizi",)),
    ("bapanas", "Badan Pangan Nasional", "Bapanas", ("pertanian",)),
    ("barantin", "Badan Karantina Indonesia", "Barantin", ("karantina",)),
    ("bpjph", "Badan Penyelenggara Jaminan Produk Halal", "BPJPH", ("halal",)),
    ("polri", "Kepolisian Negara Republik Indonesia", "Polri", ("kepolisian",)),
    ("tni", "Tentara Nasional Indonesia", "TNI", ("pertahanan",)),
    ("kejaksaan", "Kejaksaan Republik Indonesia", "Kejaksaan RI", ("peradilan",)),
    ("mahkamah-agung", "Mahkamah Agung Republik Indonesia", "Mahkamah Agung", ("peradilan",)),
    ("mk", "Mahkamah Konstitusi Republik Indonesia", "Mahkamah Konstitusi", ("peradilan",)),
    ("kpk", "Komisi Pemberantasan Korupsi", "KPK", ("antikorupsi",)),
    ("kpu", "Komisi Pemilihan Umum", "KPU", ("pemilu",)),
    ("bawaslu", "Badan Pengawas Pemilihan Umum", "Bawaslu", ("pemilu",)),
    ("ombudsman", "Ombudsman Republik Indonesia", "Ombudsman RI", ("ombudsman",)),
    ("otorita-ikn", "Otorita Ibu Kota Nusantara", "Otorita IKN", ("infrastruktur", "perumahan")),
    ("peruri", "Perum Percetakan Uang Republik Indonesia", "Peruri", ("digital",)),
)

# Topics of each sector as "Topic|FUNCTION". Central agencies' own sectoral apps are
# built from these, so ministries of one sector rebuild the same things too.
SECTORS: dict[str, tuple[str, ...]] = {
    "koordinasi": ("Koordinasi Kebijakan|DAT-STATISTIK", "Pemantauan Program Prioritas|DAT-STATISTIK",
                   "Rapat Koordinasi|ADM-ARSIP", "Sinkronisasi Data Kementerian|INT-PERTUKARAN-DATA",
                   "Evaluasi Proyek Strategis Nasional|PUR-INFRASTRUKTUR", "Agenda Pimpinan|ADM-ARSIP",
                   "Dasbor Eksekutif|DAT-STATISTIK", "Tindak Lanjut Arahan Presiden|DAT-STATISTIK"),
    "pemerintahan": ("Evaluasi Penyelenggaraan Pemerintahan Daerah|DAT-STATISTIK", "Pemerintahan Desa|PEM-DESA",
                     "Fasilitasi Produk Hukum Daerah|HKM-JDIH", "Pembinaan Keuangan Daerah|KEU-PENATAUSAHAAN",
                     "Batas Wilayah Administrasi|DAT-GEOSPASIAL", "Kode dan Data Wilayah|DAT-STATISTIK",
                     "Satuan Polisi Pamong Praja|KAM-KETERTIBAN", "Pelayanan Administrasi Kependudukan|LYN-ADMINDUK",
                     "Pemantauan Pelayanan Terpadu Satu Pintu|LYN-PERIZINAN", "Organisasi Kemasyarakatan|LYN-PERIZINAN",
                     "Inovasi Daerah|DAT-STATISTIK", "Pembangunan Daerah|KEU-PERENCANAAN-DAERAH",
                     "Data Kependudukan Bersih|IDN-KEPENDUDUKAN", "Kewaspadaan Nasional|KAM-KETERTIBAN"),
    "luar_negeri": ("Pelayanan Kekonsuleran|PEM-LUAR-NEGERI", "Perlindungan WNI di Luar Negeri|PEM-LUAR-NEGERI",
                    "Lapor Diri WNI|PEM-LUAR-NEGERI", "Diplomasi Ekonomi|PEM-LUAR-NEGERI",
                    "Perjanjian Internasional|HKM-JDIH", "Protokol dan Fasilitas Diplomatik|PEM-LUAR-NEGERI",
                    "Legalisasi Dokumen|PEM-LUAR-NEGERI", "Kerja Sama Pembangunan Internasional|PEM-LUAR-NEGERI",
                    "Perwakilan RI|PEM-LUAR-NEGERI"),
    "pertahanan": ("Logistik Pertahanan|KAM-KETERTIBAN", "Komponen Cadangan|KAM-KETERTIBAN",
                   "Pengadaan Alat Utama Sistem Senjata|ADM-PENGADAAN", "Rekrutmen Prajurit|ADM-KEPEGAWAIAN",
                   "Pembinaan Veteran|SOS-BANSOS", "Potensi Pertahanan Wilayah|DAT-GEOSPASIAL",
                   "Kesehatan Prajurit|KES-RUMAH-SAKIT", "Rumah Dinas Prajurit|ADM-ASET",
                   "Pendidikan dan Latihan Militer|ADM-KEPEGAWAIAN", "Industri Pertahanan|KAM-KETERTIBAN"),
    "keamanan": ("Deteksi Dini Ancaman|KAM-KETERTIBAN", "Pengawasan Perbatasan|KAM-KETERTIBAN",
                 "Rehabilitasi Pecandu Narkotika|KES-RUMAH-SAKIT", "Intelijen Terpadu|KAM-KETERTIBAN",
                 "Patroli Laut|KAM-KETERTIBAN", "Pencegahan Radikalisme|KAM-KETERTIBAN",
                 "Penanganan Kejahatan Lintas Negara|KAM-KETERTIBAN", "Laporan Masyarakat|LYN-PENGADUAN"),
    "hukum": ("Administrasi Hukum Umum|LYN-PERIZINAN", "Pendaftaran Badan Hukum|LYN-PERIZINAN",
              "Kekayaan Intelektual|LYN-PERIZINAN", "Pendaftaran Merek|LYN-PERIZINAN", "Paten|LYN-PERIZINAN",
              "Jaminan Fidusia|LYN-PERIZINAN", "Notaris|LYN-PERIZINAN", "Harmonisasi Peraturan|HKM-JDIH",
              "Bantuan Hukum|HKM-PERADILAN", "Penyuluhan Hukum|HKM-JDIH", "Pewarganegaraan|LYN-ADMINDUK",
              "Analisis dan Evaluasi Hukum|HKM-JDIH"),
    "ham": ("Pengaduan Pelanggaran HAM|LYN-PENGADUAN", "Pemantauan HAM|HKM-PERADILAN",
            "Pelayanan Komunikasi Masyarakat|LYN-PENGADUAN", "Rencana Aksi HAM|DAT-STATISTIK",
            "Kabupaten Kota Peduli HAM|DAT-STATISTIK", "Mediasi HAM|HKM-PERADILAN", "Bisnis dan HAM|HKM-PERADILAN"),
    "imigrasi": ("Paspor|PEM-LUAR-NEGERI", "Visa Elektronik|PEM-LUAR-NEGERI", "Izin Tinggal|PEM-LUAR-NEGERI",
                 "Pemeriksaan Keimigrasian|KAM-KETERTIBAN", "Data Warga Binaan Pemasyarakatan|HKM-PERADILAN",
                 "Layanan Kunjungan Lapas|HKM-PERADILAN", "Pembebasan Bersyarat|HKM-PERADILAN",
                 "Pengawasan Orang Asing|KAM-KETERTIBAN", "Database Pemasyarakatan|HKM-PERADILAN",
                 "Perlintasan Orang|PEM-LUAR-NEGERI"),
    "keuangan": ("Perpajakan|KEU-PAJAK-BEACUKAI", "Pelaporan SPT|KEU-PAJAK-BEACUKAI", "Kepabeanan|KEU-PAJAK-BEACUKAI",
                 "Cukai|KEU-PAJAK-BEACUKAI", "Perbendaharaan Negara|KEU-AKUNTANSI-PUSAT",
                 "Pengelolaan Kas Negara|KEU-AKUNTANSI-PUSAT", "Surat Berharga Negara|KEU-ANGGARAN-PUSAT",
                 "Lelang Negara|ADM-ASET", "Kekayaan Negara|ADM-ASET", "Transfer ke Daerah|KEU-ANGGARAN-PUSAT",
                 "Penganggaran Kementerian|KEU-ANGGARAN-PUSAT", "Piutang Negara|KEU-PNBP",
                 "Penilaian Aset|ADM-ASET", "Pembayaran Gaji ASN|KEU-AKUNTANSI-PUSAT"),
    "pendidikan": ("Data Pokok Pendidikan|PDD-SEKOLAH", "Asesmen Nasional|PDD-SEKOLAH", "Guru Penggerak|PDD-SEKOLAH",
                   "Tunjangan Profesi Guru|PDD-SEKOLAH", "Program Indonesia Pintar|PDD-BEASISWA",
                   "Bantuan Operasional Sekolah|PDD-SEKOLAH", "Rapor Pendidikan|PDD-SEKOLAH",
                   "Penerimaan Murid Baru|PDD-PPDB", "Pembelajaran Daring|PDD-SEKOLAH",
                   "Buku Teks Digital|LYN-PERPUSTAKAAN", "Sertifikasi Pendidik|PDD-SEKOLAH",
                   "Akreditasi Sekolah|PDD-SEKOLAH", "Pendidikan Anak Usia Dini|PDD-SEKOLAH"),
    "pendidikan_tinggi": ("Pangkalan Data Pendidikan Tinggi|PDD-PENDIDIKAN-TINGGI", "Beasiswa Pendidikan Tinggi|PDD-BEASISWA",
                          "KIP Kuliah|PDD-BEASISWA", "Jabatan Akademik Dosen|PDD-PENDIDIKAN-TINGGI",
                          "Akreditasi Program Studi|PDD-PENDIDIKAN-TINGGI", "Seleksi Masuk Perguruan Tinggi|PDD-PENDIDIKAN-TINGGI",
                          "Kampus Merdeka|PDD-PENDIDIKAN-TINGGI", "Magang Mahasiswa|NAK-TENAGA-KERJA",
                          "Sertifikasi Dosen|PDD-PENDIDIKAN-TINGGI"),
    "riset": ("Hibah Penelitian|RST-RISET", "Inovasi Teknologi|RST-RISET", "Publikasi Ilmiah|RST-RISET",
              "Repositori Ilmiah|RST-RISET", "Layanan Laboratorium|RST-RISET", "Koleksi Ilmiah|RST-RISET",
              "Perizinan Riset Asing|LYN-PERIZINAN", "Manajemen Talenta Riset|ADM-KEPEGAWAIAN",
              "Kekayaan Intelektual Hasil Riset|RST-RISET"),
    "kebudayaan": ("Cagar Budaya|PAR-KEBUDAYAAN", "Warisan Budaya Takbenda|PAR-KEBUDAYAAN", "Museum Digital|PAR-KEBUDAYAAN",
                   "Fasilitasi Bidang Kebudayaan|PAR-KEBUDAYAAN", "Data Pokok Kebudayaan|PAR-KEBUDAYAAN",
                   "Perfilman|PAR-KEBUDAYAAN", "Bahasa dan Sastra|PAR-KEBUDAYAAN", "Festival Budaya|PAR-PARIWISATA",
                   "Kamus Bahasa Indonesia|PAR-KEBUDAYAAN"),
    "kesehatan": ("Rekam Medis Elektronik|KES-RUMAH-SAKIT", "Imunisasi|KES-PUSKESMAS", "Rujukan Pasien|KES-RUMAH-SAKIT",
                  "Logistik Obat|KES-PUSKESMAS", "Sumber Daya Manusia Kesehatan|ADM-KEPEGAWAIAN",
                  "Perizinan Fasilitas Kesehatan|LYN-PERIZINAN", "Surveilans Penyakit|KES-PUSKESMAS",
                  "Gizi Masyarakat|KES-GIZI", "Penanganan Stunting|KES-GIZI", "Izin Edar Alat Kesehatan|LYN-PERIZINAN",
                  "Akreditasi Rumah Sakit|KES-RUMAH-SAKIT", "Kesehatan Ibu dan Anak|KES-PUSKESMAS",
                  "Eliminasi Tuberkulosis|KES-PUSKESMAS", "Kesehatan Haji|AGM-KEAGAMAAN", "Tenaga Kesehatan|ADM-KEPEGAWAIAN"),
    "agama": ("Penyelenggaraan Ibadah Haji|AGM-KEAGAMAAN", "Umrah|AGM-KEAGAMAAN", "Pencatatan Nikah|AGM-KEAGAMAAN",
              "Madrasah|PDD-SEKOLAH", "Pendidikan Keagamaan|PDD-SEKOLAH", "Zakat dan Wakaf|AGM-KEAGAMAAN",
              "Rumah Ibadah|AGM-KEAGAMAAN", "Penyuluh Agama|AGM-KEAGAMAAN", "Beasiswa Santri|PDD-BEASISWA",
              "Guru Madrasah|PDD-SEKOLAH", "Kerukunan Umat Beragama|AGM-KEAGAMAAN", "Perguruan Tinggi Keagamaan|PDD-PENDIDIKAN-TINGGI"),
    "ketenagakerjaan": ("Pasar Kerja|NAK-TENAGA-KERJA", "Pelatihan Vokasi|NAK-TENAGA-KERJA",
                        "Pengawasan Ketenagakerjaan|NAK-TENAGA-KERJA", "Tenaga Kerja Asing|NAK-TENAGA-KERJA",
                        "Pelindungan Pekerja Migran|NAK-TENAGA-KERJA", "Penempatan Pekerja Migran|NAK-TENAGA-KERJA",
                        "Perselisihan Hubungan Industrial|HKM-PERADILAN", "Sertifikasi Kompetensi Kerja|NAK-TENAGA-KERJA",
                        "Keselamatan dan Kesehatan Kerja|NAK-TENAGA-KERJA", "Pengaduan Pekerja|LYN-PENGADUAN"),
    "industri": ("Izin Usaha Industri|LYN-PERIZINAN", "Data Industri Nasional|DAT-STATISTIK",
                 "Standar Nasional Indonesia|LYN-PERIZINAN", "Tingkat Komponen Dalam Negeri|ADM-PENGADAAN",
                 "Kawasan Industri|DAT-GEOSPASIAL", "Industri Kecil dan Menengah|EKO-UMKM",
                 "Sertifikasi Produk|LYN-PERIZINAN", "Akreditasi Lembaga Penilaian Kesesuaian|LYN-PERIZINAN"),
    "perdagangan": ("Ekspor dan Impor|LYN-PERIZINAN", "Harga Bahan Pokok|EKO-PASAR", "Metrologi Legal|EKO-PASAR",
                    "Perlindungan Konsumen|LYN-PENGADUAN", "Pasar Rakyat|EKO-PASAR", "Perdagangan Berjangka|EKO-PASAR",
                    "Neraca Perdagangan|DAT-STATISTIK", "Perdagangan Elektronik|EKO-PASAR",
                    "Kinerja Badan Usaha Milik Negara|DAT-STATISTIK"),
    "energi": ("Perizinan Mineral dan Batubara|LYN-PERIZINAN", "Ketenagalistrikan|ENR-ENERGI",
               "Minyak dan Gas Bumi|ENR-ENERGI", "Energi Baru Terbarukan|ENR-ENERGI", "Data Geologi|DAT-GEOSPASIAL",
               "PNBP Mineral dan Batubara|KEU-PNBP", "Subsidi Energi|ENR-ENERGI", "Neraca Energi|DAT-STATISTIK",
               "Mitigasi Bencana Geologi|BNC-KEBENCANAAN", "Konservasi Energi|ENR-ENERGI"),
    "infrastruktur": ("Jalan Nasional|PUR-INFRASTRUKTUR", "Jembatan|PUR-INFRASTRUKTUR", "Bendungan|PUR-INFRASTRUKTUR",
                      "Sumber Daya Air|PUR-INFRASTRUKTUR", "Jasa Konstruksi|LYN-PERIZINAN",
                      "Sertifikasi Tenaga Kerja Konstruksi|NAK-TENAGA-KERJA", "Air Minum dan Sanitasi|PUR-INFRASTRUKTUR",
                      "Pemantauan Proyek Fisik|PUR-INFRASTRUKTUR", "Kawasan Ibu Kota|PUR-TATA-RUANG"),
    "perumahan": ("Rumah Subsidi|PUR-TATA-RUANG", "Bantuan Stimulan Perumahan Swadaya|PUR-TATA-RUANG",
                  "Rumah Tidak Layak Huni|PUR-TATA-RUANG", "Kawasan Permukiman|PUR-TATA-RUANG",
                  "Rusun|PUR-TATA-RUANG", "Pendataan Calon Penghuni|PUR-TATA-RUANG", "Pembangunan Kawasan|PUR-TATA-RUANG"),
    "perhubungan": ("Perizinan Angkutan|LYN-PERIZINAN", "Angkutan Umum Massal|TRN-ANGKUTAN",
                    "Pengujian Kendaraan Bermotor|TRN-PENGUJIAN-KENDARAAN", "Pelayaran|TRN-ANGKUTAN",
                    "Navigasi Penerbangan|TRN-ANGKUTAN", "Perkeretaapian|TRN-ANGKUTAN", "Tiket Angkutan Mudik|TRN-ANGKUTAN",
                    "Keselamatan Transportasi|TRN-ANGKUTAN", "Sertifikasi Awak Kapal|LYN-PERIZINAN",
                    "Kendaraan Lebih Dimensi dan Muatan|TRN-PENGUJIAN-KENDARAAN", "Pelabuhan|TRN-ANGKUTAN"),
    "digital": ("Sertifikasi Perangkat Telekomunikasi|LYN-PERIZINAN", "Pengendalian Konten Internet|KAM-KETERTIBAN",
                "Penyelenggara Sistem Elektronik|LYN-PERIZINAN", "Spektrum Frekuensi|LYN-PERIZINAN",
                "Literasi Digital|PDD-SEKOLAH", "Pusat Data Nasional|INT-PERTUKARAN-DATA",
                "Meterai Elektronik|SIG-TTE", "Tanda Tangan Digital|SIG-TTE", "Keamanan Dokumen|SIG-TTE",
                "Aduan Konten|LYN-PENGADUAN", "Talenta Digital|NAK-TENAGA-KERJA"),
    "pertanian": ("Pupuk Bersubsidi|PTN-PERTANIAN", "Data Lahan Pertanian|PTN-PERTANIAN", "Penyuluhan Pertanian|PTN-PERTANIAN",
                  "Cadangan Pangan|PTN-PERTANIAN", "Harga Pangan|EKO-PASAR", "Alat dan Mesin Pertanian|PTN-PERTANIAN",
                  "Kesehatan Hewan|PTN-PERTANIAN", "Perbenihan|PTN-PERTANIAN", "Asuransi Pertanian|PTN-PERTANIAN",
                  "Neraca Pangan|DAT-STATISTIK"),
    "lingkungan": ("Persetujuan Lingkungan|LYN-PERIZINAN", "Kualitas Udara|LHK-LINGKUNGAN", "Kebakaran Hutan dan Lahan|BNC-KEBENCANAAN",
                   "Perhutanan Sosial|LHK-LINGKUNGAN", "Peredaran Hasil Hutan|LHK-LINGKUNGAN", "Limbah B3|LHK-LINGKUNGAN",
                   "Pengelolaan Sampah Nasional|LHK-PERSAMPAHAN", "Perubahan Iklim|LHK-LINGKUNGAN",
                   "Konservasi Sumber Daya Alam|LHK-LINGKUNGAN", "Penegakan Hukum Lingkungan|HKM-PERADILAN"),
    "perikanan": ("Perizinan Kapal Perikanan|LYN-PERIZINAN", "Pemantauan Kapal Perikanan|PTN-PERIKANAN",
                  "Kartu Pelaku Usaha Perikanan|PTN-PERIKANAN", "Budidaya Ikan|PTN-PERIKANAN",
                  "Pengolahan Hasil Perikanan|PTN-PERIKANAN", "Ruang Laut|DAT-GEOSPASIAL",
                  "Penangkapan Ikan Terukur|PTN-PERIKANAN", "Karantina Ikan|PTN-PERIKANAN"),
    "desa": ("Dana Desa|PEM-DESA", "Indeks Desa|PEM-DESA", "Pendamping Desa|PEM-DESA", "Badan Usaha Milik Desa|EKO-UMKM",
             "Daerah Tertinggal|PEM-DESA", "Kawasan Transmigrasi|PUR-TATA-RUANG", "Produk Unggulan Desa|EKO-UMKM"),
    "pertanahan": ("Sertipikat Elektronik|LYN-PERIZINAN", "Pendaftaran Tanah|LYN-PERIZINAN", "Peta Bidang Tanah|DAT-GEOSPASIAL",
                   "Rencana Detail Tata Ruang|PUR-TATA-RUANG", "Hak Tanggungan Elektronik|LYN-PERIZINAN",
                   "Pengecekan Sertipikat|LYN-PERIZINAN", "Reforma Agraria|PUR-TATA-RUANG", "Sengketa Pertanahan|HKM-PERADILAN",
                   "Kesesuaian Kegiatan Pemanfaatan Ruang|PUR-TATA-RUANG"),
    "perencanaan": ("Perencanaan Pembangunan Nasional|KEU-ANGGARAN-PUSAT", "Pemantauan Proyek Prioritas|DAT-STATISTIK",
                    "Musrenbang Nasional|KEU-ANGGARAN-PUSAT", "Pembiayaan Luar Negeri|KEU-ANGGARAN-PUSAT",
                    "Kerja Sama Pemerintah dan Badan Usaha|KEU-ANGGARAN-PUSAT", "Tujuan Pembangunan Berkelanjutan|DAT-STATISTIK",
                    "Evaluasi Pembangunan|DAT-STATISTIK", "Kebijakan Berbasis Data|DAT-STATISTIK"),
    "aparatur": ("Seleksi Calon ASN|ADM-KEPEGAWAIAN", "Evaluasi SAKIP|ADM-KINERJA", "Reformasi Birokrasi|ADM-KINERJA",
                 "Zona Integritas|ADM-PENGAWASAN", "Evaluasi Pelayanan Publik|DAT-STATISTIK", "Jabatan Fungsional|ADM-KEPEGAWAIAN",
                 "Pengembangan Kompetensi ASN|ADM-KEPEGAWAIAN", "Penilaian Kompetensi|ADM-KEPEGAWAIAN",
                 "Pensiun ASN|ADM-KEPEGAWAIAN", "Kelembagaan Instansi|ADM-KINERJA", "Evaluasi SPBE|DAT-STATISTIK"),
    "sosial": ("Program Keluarga Harapan|SOS-BANSOS", "Data Tunggal Sosial Ekonomi|SOS-KESEJAHTERAAN",
               "Bantuan Pangan Nontunai|SOS-BANSOS", "Rehabilitasi Sosial|SOS-BANSOS", "Penyandang Disabilitas|SOS-KESEJAHTERAAN",
               "Bantuan Korban Bencana|BNC-KEBENCANAAN", "Lanjut Usia|SOS-KESEJAHTERAAN", "Pahlawan Nasional|PAR-KEBUDAYAAN",
               "Penerima Bantuan Iuran|SOS-BANSOS", "Pengaduan Bantuan Sosial|LYN-PENGADUAN"),
    "perempuan_anak": ("Perlindungan Perempuan dan Anak|SOS-KESEJAHTERAAN", "Kota Layak Anak|DAT-STATISTIK",
                       "Pengaduan Kekerasan|LYN-PENGADUAN", "Data Gender dan Anak|DAT-STATISTIK",
                       "Pengarusutamaan Gender|SOS-KESEJAHTERAAN", "Pemberdayaan Perempuan|EKO-UMKM"),
    "pemuda_olahraga": ("Kepemudaan|SOS-KESEJAHTERAAN", "Atlet Nasional|SOS-KESEJAHTERAAN", "Prasarana Olahraga|ADM-ASET",
                        "Kewirausahaan Pemuda|EKO-UMKM", "Pekan Olahraga Nasional|PAR-PARIWISATA", "Beasiswa Atlet|PDD-BEASISWA"),
    "pariwisata": ("Destinasi Wisata|PAR-PARIWISATA", "Desa Wisata|PAR-PARIWISATA", "Sertifikasi Usaha Pariwisata|LYN-PERIZINAN",
                   "Kalender Event|PAR-PARIWISATA", "Statistik Kunjungan Wisatawan|DAT-STATISTIK",
                   "Ekonomi Kreatif|EKO-UMKM", "Pelaku Ekonomi Kreatif|EKO-UMKM", "Promosi Wisata|PAR-PARIWISATA"),
    "umkm": ("Data Tunggal UMKM|EKO-UMKM", "Koperasi|EKO-UMKM", "Kredit Usaha Rakyat|EKO-UMKM", "Pendampingan UMKM|EKO-UMKM",
             "Kurasi Produk UMKM|EKO-UMKM", "Nomor Induk Koperasi|LYN-PERIZINAN", "Pembiayaan Koperasi|EKO-UMKM"),
    "investasi": ("Perizinan Berusaha Berbasis Risiko|LYN-PERIZINAN", "Laporan Kegiatan Penanaman Modal|LYN-PERIZINAN",
                  "Peta Peluang Investasi|DAT-GEOSPASIAL", "Hilirisasi|ENR-ENERGI", "Fasilitas Fiskal Penanaman Modal|LYN-PERIZINAN",
                  "Pengaduan Investor|LYN-PENGADUAN"),
    "keluarga": ("Keluarga Berencana|SOS-KESEJAHTERAAN", "Pendataan Keluarga|SOS-KESEJAHTERAAN", "Keluarga Berisiko Stunting|KES-GIZI",
                 "Penyuluh Keluarga Berencana|SOS-KESEJAHTERAAN", "Bina Keluarga Balita|KES-GIZI", "Alat Kontrasepsi|KES-PUSKESMAS"),
    "pengadaan": ("Katalog Elektronik|ADM-PENGADAAN", "Rencana Umum Pengadaan|ADM-PENGADAAN", "Sertifikasi Pengadaan|ADM-KEPEGAWAIAN",
                  "Toko Daring Pemerintah|ADM-PENGADAAN", "Pemantauan Pengadaan|ADM-PENGADAAN", "Penyedia Terverifikasi|ADM-PENGADAAN"),
    "kearsipan": ("Arsip Statis|ADM-ARSIP", "Jaringan Informasi Kearsipan Nasional|ADM-ARSIP", "Akreditasi Kearsipan|ADM-ARSIP",
                  "Arsiparis|ADM-KEPEGAWAIAN", "Pengawasan Kearsipan|ADM-PENGAWASAN", "Khazanah Arsip|ADM-ARSIP"),
    "siber": ("Insiden Siber|KAM-KETERTIBAN", "Sertifikasi Keamanan Informasi|LYN-PERIZINAN", "Persandian Instansi|KAM-KETERTIBAN",
              "Pemantauan Ancaman Siber|KAM-KETERTIBAN", "Indeks Keamanan Informasi|DAT-STATISTIK", "Kontak Darurat Siber|LYN-PENGADUAN"),
    "statistik": ("Sensus Penduduk|DAT-STATISTIK", "Sensus Pertanian|DAT-STATISTIK", "Survei Sosial Ekonomi|DAT-STATISTIK",
                  "Tabel Statistik Dinamis|DAT-STATISTIK", "Metadata Statistik|DAT-STATISTIK", "Indeks Harga Konsumen|DAT-STATISTIK",
                  "Pembinaan Statistik Sektoral|DAT-STATISTIK", "Registrasi Sosial Ekonomi|SOS-KESEJAHTERAAN"),
    "geospasial": ("Peta Rupa Bumi|DAT-GEOSPASIAL", "Jaringan Informasi Geospasial|DAT-GEOSPASIAL", "Batas Negara|DAT-GEOSPASIAL",
                   "Toponimi|DAT-GEOSPASIAL", "Kebijakan Satu Peta|DAT-GEOSPASIAL", "Stasiun Referensi|DAT-GEOSPASIAL"),
    "cuaca": ("Prakiraan Cuaca|BNC-KEBENCANAAN", "Peringatan Dini Tsunami|BNC-KEBENCANAAN", "Informasi Gempa Bumi|BNC-KEBENCANAAN",
              "Iklim dan Kualitas Udara|LHK-LINGKUNGAN", "Cuaca Penerbangan|TRN-ANGKUTAN", "Cuaca Maritim|TRN-ANGKUTAN"),
    "bencana": ("Data Informasi Bencana|BNC-KEBENCANAAN", "Kajian Risiko Bencana|BNC-KEBENCANAAN", "Logistik Bencana|BNC-KEBENCANAAN",
                "Pencarian dan Pertolongan|BNC-KEBENCANAAN", "Rehabilitasi Pascabencana|BNC-KEBENCANAAN", "Panggilan Darurat|BNC-KEBENCANAAN",
                "Relawan Kebencanaan|BNC-KEBENCANAAN"),
    "obat_makanan": ("Registrasi Obat|LYN-PERIZINAN", "Registrasi Pangan Olahan|LYN-PERIZINAN", "Pengawasan Kosmetik|LYN-PERIZINAN",
                     "Cek Produk|LYN-PENGADUAN", "Farmakovigilans|KES-PUSKESMAS", "Sertifikasi Cara Pembuatan yang Baik|LYN-PERIZINAN",
                     "Surat Keterangan Impor|LYN-PERIZINAN"),
    "pengawasan": ("Audit Intern Pemerintah|ADM-PENGAWASAN", "Pengawasan Keuangan Daerah|ADM-PENGAWASAN",
                   "Manajemen Risiko|ADM-PENGAWASAN", "Akuntabilitas Keuangan Desa|PEM-DESA",
                   "Investigasi Kerugian Negara|HKM-PERADILAN", "Kapabilitas APIP|ADM-PENGAWASAN"),
    "perpustakaan": ("Perpustakaan Digital Nasional|LYN-PERPUSTAKAAN", "Katalog Induk Nasional|LYN-PERPUSTAKAAN",
                     "Naskah Nusantara|LYN-PERPUSTAKAAN", "Serah Simpan Karya Cetak|LYN-PERPUSTAKAAN",
                     "Pustakawan|ADM-KEPEGAWAIAN", "ISBN|LYN-PERPUSTAKAAN", "Akreditasi Perpustakaan|LYN-PERPUSTAKAAN"),
    "gizi": ("Makan Bergizi Gratis|KES-GIZI", "Satuan Pelayanan Pemenuhan Gizi|KES-GIZI", "Penerima Manfaat Program Gizi|KES-GIZI",
             "Mitra Pemasok Bahan Pangan|ADM-PENGADAAN", "Keamanan Pangan Program Gizi|KES-GIZI"),
    "karantina": ("Karantina Hewan|PTN-PERTANIAN", "Karantina Tumbuhan|PTN-PERTANIAN", "Karantina Ikan|PTN-PERIKANAN",
                  "Sertifikat Kesehatan Ekspor|LYN-PERIZINAN", "Pemeriksaan di Pelabuhan|KAM-KETERTIBAN"),
    "halal": ("Sertifikasi Halal|LYN-PERIZINAN", "Auditor Halal|LYN-PERIZINAN", "Lembaga Pemeriksa Halal|LYN-PERIZINAN",
              "Produk Halal UMK|EKO-UMKM", "Penyelia Halal|LYN-PERIZINAN"),
    "kepolisian": ("Surat Izin Mengemudi|LYN-PERIZINAN", "Registrasi Kendaraan Bermotor|LYN-PERIZINAN",
                   "Tilang Elektronik|TRN-ANGKUTAN", "Surat Keterangan Catatan Kepolisian|LYN-PERIZINAN",
                   "Laporan Kehilangan|LYN-PENGADUAN", "Pengaduan Masyarakat Polri|LYN-PENGADUAN", "Lalu Lintas|TRN-ANGKUTAN",
                   "Identifikasi Sidik Jari|IDN-KEPENDUDUKAN", "Penyidikan|HKM-PERADILAN", "Panggilan Darurat 110|KAM-KETERTIBAN",
                   "Perizinan Keramaian|LYN-PERIZINAN"),
    "peradilan": ("Perkara Elektronik|HKM-PERADILAN", "Penelusuran Perkara|HKM-PERADILAN", "Direktori Putusan|HKM-PERADILAN",
                  "Persidangan Daring|HKM-PERADILAN", "Penuntutan|HKM-PERADILAN", "Barang Bukti|HKM-PERADILAN",
                  "Pengaduan Perilaku Hakim|LYN-PENGADUAN", "Pemulihan Aset|HKM-PERADILAN", "Jaksa Pengacara Negara|HKM-PERADILAN"),
    "antikorupsi": ("Laporan Harta Kekayaan|ADM-PENGAWASAN", "Gratifikasi|ADM-PENGAWASAN", "Pengaduan Masyarakat Korupsi|LYN-PENGADUAN",
                    "Pendidikan Antikorupsi|PDD-SEKOLAH", "Monitoring Pencegahan Korupsi|ADM-PENGAWASAN", "Penindakan|HKM-PERADILAN"),
    "pemilu": ("Daftar Pemilih|PEM-PEMILU", "Rekapitulasi Suara|PEM-PEMILU", "Partai Politik|PEM-PEMILU",
               "Pencalonan|PEM-PEMILU", "Dana Kampanye|PEM-PEMILU", "Logistik Pemilu|PEM-PEMILU", "Pengawasan Pemilu|PEM-PEMILU",
               "Penanganan Pelanggaran Pemilu|PEM-PEMILU", "Sengketa Proses Pemilu|HKM-PERADILAN"),
    "ombudsman": ("Laporan Maladministrasi|LYN-PENGADUAN", "Penilaian Kepatuhan Pelayanan Publik|DAT-STATISTIK",
                  "Konsultasi Pelayanan Publik|LYN-PENGADUAN", "Investigasi Inisiatif|HKM-PERADILAN"),
}

# Name patterns for central sectoral apps: {t} topic, {a} acronym, {s} agency short label.
CENTRAL_PATTERNS: tuple[str, ...] = (
    "Sistem Informasi {t}", "Aplikasi {t} {s}", "{a} {s}", "Portal {t}", "Dasbor {t}", "{t} Online",
    "Sistem Manajemen {t}", "Layanan {t} Terpadu", "Pemantauan {t}", "e-{t}", "{a}", "Basis Data {t}",
)
CENTRAL_VERBS = ("pengelolaan", "pelayanan", "pemantauan", "pendataan", "administrasi", "pelaporan", "koordinasi")

# --- regional archetypes ----------------------------------------------------------------


@dataclass(frozen=True)
class Archetype:
    """One kind of app every regional government tends to build for itself.

    names: variants with {place} (and {head}: Gubernur/Bupati/Walikota, {short}: bare
    place name); objects: description phrases; prevalence: (province, regency)
    probability that a government runs one; central: probability that a central agency
    runs one (0: never), with central_names if the regional names do not fit.
    """

    function: str
    unit: str
    names: tuple[str, ...]
    objects: tuple[str, ...]
    prevalence: tuple[float, float]
    channels: tuple[tuple[str, ...], ...] = (("web",),)
    audience: str = ""
    extra: tuple[tuple[str, float], ...] = ()
    central: float = 0.0
    central_names: tuple[str, ...] = ()
    dup: float = 0.24
    count: tuple[int, int] = (1, 1)


WEB = ("web",)
WEB_MOBILE = ("web", "mobile")
MOBILE = ("mobile",)
WEB_API = ("web", "api")
WEB_DESKTOP = ("web", "desktop")
PUBLIC_CHANNELS = (WEB, WEB_MOBILE, WEB_MOBILE, MOBILE)
OFFICE_CHANNELS = (WEB, WEB, WEB, WEB_MOBILE, WEB_DESKTOP, WEB_API)

ARCHETYPES: tuple[Archetype, ...] = (
    Archetype("ADM-ARSIP", "Dinas Perpustakaan dan Kearsipan",
              ("e-Office {place}", "Sistem Persuratan Elektronik {place}", "SIMARSIP {place}",
               "Tata Naskah Dinas Elektronik {place}", "e-Surat {place}", "Sistem Informasi Kearsipan {place}"),
              ("tata naskah dinas elektronik", "pengelolaan surat masuk dan surat keluar", "disposisi surat secara daring",
               "penyimpanan arsip dinamis", "pengarsipan dokumen perangkat daerah"),
              (0.75, 0.78), OFFICE_CHANNELS, extra=(("SIG-TTE", 0.15),), central=0.55,
              central_names=("e-Office {place}", "Sistem Persuratan Elektronik {place}", "Tata Naskah Dinas Elektronik {place}",
                             "e-Surat {place}", "Sistem Informasi Kearsipan {place}")),
    Archetype("ADM-KEPEGAWAIAN", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
              ("SIMPEG {place}", "Sistem Informasi Manajemen Kepegawaian {place}", "e-Pegawai {place}",
               "e-Presensi ASN {place}", "Absensi Online Pegawai {place}", "Sistem Informasi Kepegawaian {place}"),
              ("pengelolaan data pegawai", "kenaikan pangkat dan mutasi ASN", "presensi harian aparatur sipil negara",
               "pengajuan cuti dan izin pegawai", "riwayat jabatan dan pendidikan pegawai"),
              (0.92, 0.92), OFFICE_CHANNELS, extra=(("ADM-KINERJA", 0.15),), central=0.8, dup=0.25),
    Archetype("ADM-KINERJA", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
              ("e-Kinerja {place}", "Sistem Informasi Kinerja Pegawai {place}", "TPP Online {place}",
               "SKP Online {place}", "Aplikasi Kinerja ASN {place}"),
              ("penyusunan sasaran kinerja pegawai", "penilaian kinerja bulanan ASN",
               "perhitungan tambahan penghasilan pegawai", "pelaporan aktivitas harian pegawai"),
              (0.7, 0.72), OFFICE_CHANNELS, central=0.45),
    Archetype("ADM-PENGADAAN", "Bagian Pengadaan Barang dan Jasa Sekretariat Daerah",
              ("e-Procurement {place}", "Sistem Informasi Rencana Umum Pengadaan {place}", "e-Katalog Lokal {place}",
               "Sistem Pengadaan Langsung {place}", "Sistem Informasi Pengadaan {place}"),
              ("pengadaan barang dan jasa secara elektronik", "pengumuman rencana umum pengadaan",
               "pengadaan langsung perangkat daerah", "katalog produk lokal untuk belanja pemerintah"),
              (0.55, 0.55), OFFICE_CHANNELS, central=0.35),
    Archetype("ADM-ASET", "Badan Pengelolaan Keuangan dan Aset Daerah",
              ("Sistem Informasi Manajemen Barang Milik Daerah {place}", "e-Aset {place}", "SIMBADA {place}",
               "Aset Daerah Online {place}", "Sistem Inventaris Barang {place}"),
              ("inventarisasi barang milik daerah", "penatausahaan aset tetap", "pemeliharaan kendaraan dinas",
               "rekonsiliasi aset perangkat daerah"),
              (0.68, 0.7), OFFICE_CHANNELS, central=0.55,
              central_names=("Sistem Informasi Barang Milik Negara {place}", "e-Aset {place}", "Sistem Inventaris Barang {place}",
                             "Aplikasi Persediaan {place}")),
    Archetype("ADM-PENGAWASAN", "Inspektorat Daerah",
              ("e-Audit Inspektorat {place}", "Sistem Informasi Pengawasan {place}", "SIMWAS {place}",
               "Tindak Lanjut Hasil Pemeriksaan {place}"),
              ("perencanaan dan pelaksanaan audit internal", "pemantauan tindak lanjut hasil pemeriksaan",
               "pengawasan kinerja perangkat daerah", "penanganan pengaduan internal"),
              (0.4, 0.42), OFFICE_CHANNELS, central=0.5),
    Archetype("KEU-PERENCANAAN-DAERAH", "Badan Perencanaan Pembangunan Daerah",
              ("e-Planning {place}", "e-Budgeting {place}", "Sistem Informasi Perencanaan Pembangunan Daerah {place}",
               "e-Musrenbang {place}", "SIMRENDA {place}"),
              ("penyusunan rencana kerja pemerintah daerah", "penganggaran berbasis kinerja",
               "usulan musyawarah perencanaan pembangunan", "pengendalian dan evaluasi rencana pembangunan"),
              (0.55, 0.52), OFFICE_CHANNELS, extra=(("KEU-PENATAUSAHAAN", 0.1),)),
    Archetype("KEU-PENATAUSAHAAN", "Badan Pengelolaan Keuangan dan Aset Daerah",
              ("Sistem Informasi Keuangan Daerah {place}", "e-Keuangan {place}", "SIMKEUDA {place}", "e-SP2D {place}",
               "Sistem Informasi Pengelolaan Keuangan Daerah {place}"),
              ("penerbitan surat perintah pencairan dana", "penatausahaan belanja perangkat daerah",
               "akuntansi dan pelaporan keuangan daerah", "pengelolaan kas daerah"),
              (0.58, 0.58), OFFICE_CHANNELS),
    Archetype("LYN-PENGADUAN", "Dinas Komunikasi dan Informatika",
              ("Lapor {head} {short}", "Aduan Warga {place}", "Sistem Pengaduan Masyarakat {place}", "Suara Warga {place}",
               "e-Pengaduan {place}", "Layanan Aspirasi dan Pengaduan {place}"),
              ("penyampaian pengaduan dan aspirasi masyarakat", "tindak lanjut laporan warga oleh perangkat daerah",
               "pelaporan kerusakan fasilitas umum", "pemantauan status pengaduan oleh pelapor"),
              (0.82, 0.8), PUBLIC_CHANNELS, central=0.7,
              central_names=("Pengaduan Masyarakat {place}", "Whistleblowing System {place}", "Layanan Pengaduan {place}",
                             "Halo {place}")),
    Archetype("LYN-SUPERAPP", "Dinas Komunikasi dan Informatika",
              ("{place} Super App", "Sapa Warga {place}", "{place} dalam Genggaman", "Satu Aplikasi {place}",
               "{place} Smart City"),
              ("akses terpadu layanan publik daerah", "informasi dan layanan warga dalam satu aplikasi",
               "pengajuan layanan perangkat daerah secara daring", "notifikasi informasi penting bagi warga"),
              (0.4, 0.35), (WEB_MOBILE, MOBILE), extra=(("LYN-PENGADUAN", 0.3), ("IDN-SSO", 0.2)), dup=0.05),
    Archetype("LYN-PORTAL", "Dinas Komunikasi dan Informatika",
              ("Portal Resmi Pemerintah {full}", "Website Resmi {place}", "Portal Berita {place}", "Portal Layanan Publik {place}"),
              ("informasi dan berita resmi pemerintah daerah", "profil daerah dan perangkat daerah",
               "pengumuman dan agenda kegiatan pemerintah", "publikasi program pembangunan daerah"),
              (0.96, 0.96), (WEB, WEB, WEB_MOBILE), extra=(("LYN-INFORMASI-PUBLIK", 0.15),), central=0.95, dup=0.3,
              central_names=("Portal Resmi {place}", "Website Resmi {place}", "Portal Berita {place}", "Portal Layanan Publik {place}")),
    Archetype("LYN-INFORMASI-PUBLIK", "Dinas Komunikasi dan Informatika",
              ("PPID {place}", "Portal PPID {place}", "e-PPID {place}", "Layanan Informasi Publik {place}"),
              ("permohonan informasi publik", "daftar informasi publik yang dikecualikan dan tersedia",
               "pengajuan keberatan atas permohonan informasi"),
              (0.75, 0.75), (WEB, WEB_MOBILE), central=0.8),
    Archetype("LYN-PERIZINAN", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
              ("Sistem Perizinan Online {place}", "e-Perizinan {place}", "Sistem Informasi Pelayanan Perizinan Terpadu {place}",
               "Perizinan Usaha {place}", "Mal Pelayanan Publik Digital {place}"),
              ("pengajuan izin usaha daerah", "penerbitan izin dan nonperizinan", "pelacakan status permohonan izin",
               "perizinan mendirikan bangunan"),
              (0.8, 0.85), PUBLIC_CHANNELS, extra=(("SIG-TTE", 0.1),)),
    Archetype("LYN-PAJAK-DAERAH", "Badan Pendapatan Daerah",
              ("e-PBB {place}", "e-BPHTB {place}", "Pajak Daerah Online {place}", "e-SPTPD {place}",
               "Sistem Informasi Pajak Daerah {place}", "e-Retribusi {place}", "e-Samsat {place}"),
              ("pelaporan dan pembayaran pajak daerah", "pembayaran pajak bumi dan bangunan",
               "penghitungan bea perolehan hak atas tanah dan bangunan", "penagihan retribusi daerah",
               "pembayaran pajak kendaraan bermotor"),
              (0.7, 0.88), PUBLIC_CHANNELS, dup=0.3),
    Archetype("LYN-PARKIR", "Dinas Perhubungan",
              ("Sistem Informasi Parkir {place}", "e-Parkir {place}", "Parkir Online {place}", "Retribusi Parkir {place}",
               "Smart Parkir {place}"),
              ("pengelolaan retribusi parkir tepi jalan umum", "pembayaran parkir non tunai", "pendataan juru parkir dan titik parkir",
               "pemantauan pendapatan parkir harian"),
              (0.05, 0.55), (WEB_MOBILE, MOBILE, WEB, WEB_API), dup=0.15),
    Archetype("LYN-ADMINDUK", "Dinas Kependudukan dan Pencatatan Sipil",
              ("Dukcapil Online {place}", "Sistem Layanan Administrasi Kependudukan {place}", "Antrean Dukcapil {place}",
               "Layanan Adminduk {place}"),
              ("pengajuan dokumen kependudukan secara daring", "pencetakan akta kelahiran dan kartu keluarga",
               "antrean layanan perekaman KTP elektronik", "pelacakan permohonan dokumen kependudukan"),
              (0.1, 0.86), PUBLIC_CHANNELS, extra=(("IDN-KEPENDUDUKAN", 0.2),)),
    Archetype("LYN-PERPUSTAKAAN", "Dinas Perpustakaan dan Kearsipan",
              ("Perpustakaan Digital {place}", "e-Library {place}", "Katalog Perpustakaan Online {place}"),
              ("peminjaman buku elektronik", "katalog koleksi perpustakaan daerah", "keanggotaan perpustakaan secara daring"),
              (0.6, 0.5), PUBLIC_CHANNELS, central=0.25),
    Archetype("HKM-JDIH", "Bagian Hukum Sekretariat Daerah",
              ("JDIH {place}", "Jaringan Dokumentasi dan Informasi Hukum {place}", "Produk Hukum {place}", "e-Perda {place}"),
              ("publikasi peraturan daerah dan peraturan kepala daerah", "dokumentasi produk hukum daerah",
               "penelusuran dokumen hukum"),
              (0.85, 0.8), (WEB, WEB, WEB_MOBILE), central=0.6),
    Archetype("DAT-SATUDATA", "Dinas Komunikasi dan Informatika",
              ("Satu Data {place}", "Portal Open Data {place}", "Open Data {place}", "Portal Data {place}"),
              ("publikasi data sektoral perangkat daerah", "katalog data terbuka", "penyebarluasan dataset pemerintah daerah"),
              (0.75, 0.68), (WEB, WEB_API), central=0.4),
    Archetype("DAT-STATISTIK", "Dinas Komunikasi dan Informatika",
              ("Statistik Sektoral {place}", "Dasbor Data {place}", "Sistem Informasi Pembangunan Daerah {place}",
               "Command Center {place}", "{place} dalam Angka Digital"),
              ("penyajian indikator pembangunan daerah", "dasbor data untuk pimpinan daerah", "pengumpulan statistik sektoral"),
              (0.55, 0.5), OFFICE_CHANNELS, central=0.4),
    Archetype("DAT-GEOSPASIAL", "Badan Perencanaan Pembangunan Daerah",
              ("Geoportal {place}", "Sistem Informasi Geografis {place}", "WebGIS {place}", "Simpul Jaringan {place}"),
              ("penyajian peta tematik daerah", "berbagi pakai data geospasial", "pemetaan infrastruktur dan potensi daerah"),
              (0.5, 0.45), (WEB, WEB_API)),
    Archetype("INT-PERTUKARAN-DATA", "Dinas Komunikasi dan Informatika",
              ("Integrasi Data {place}", "API Gateway {place}", "Sistem Penghubung Layanan {place}", "Bus Layanan {place}"),
              ("pertukaran data antarperangkat daerah", "integrasi aplikasi perangkat daerah melalui API",
               "penghubung layanan dengan instansi pusat"),
              (0.3, 0.22), (WEB_API, ("api",)), central=0.2),
    Archetype("IDN-SSO", "Dinas Komunikasi dan Informatika",
              ("SSO {place}", "Satu Akun {place}", "Single Sign-On Pemerintah {place}", "Akun Warga {place}"),
              ("satu akun untuk seluruh aplikasi daerah", "autentikasi pegawai dan warga", "pengelolaan identitas pengguna"),
              (0.35, 0.28), (WEB_API, WEB_MOBILE), central=0.3),
    Archetype("SIG-TTE", "Dinas Komunikasi dan Informatika",
              ("Tanda Tangan Elektronik {place}", "e-Sign {place}", "Sistem TTE {place}"),
              ("penandatanganan dokumen secara elektronik", "verifikasi keaslian dokumen bertanda tangan elektronik"),
              (0.25, 0.18), (WEB, WEB_API), central=0.15),
    Archetype("KES-PUSKESMAS", "Dinas Kesehatan",
              ("SIMPUS {place}", "Sistem Informasi Manajemen Puskesmas {place}", "e-Puskesmas {place}",
               "Antrean Online Puskesmas {place}"),
              ("pendaftaran pasien puskesmas", "rekam medis pelayanan kesehatan dasar", "pelaporan kasus penyakit menular",
               "antrean layanan puskesmas"),
              (0.15, 0.84), (WEB, WEB_MOBILE, WEB_DESKTOP), dup=0.2),
    Archetype("KES-RUMAH-SAKIT", "Rumah Sakit Umum Daerah",
              ("SIMRS RSUD {place}", "Antrean Online RSUD {place}", "Sistem Informasi Rumah Sakit Daerah {place}",
               "Rekam Medis Elektronik RSUD {place}"),
              ("pendaftaran pasien rawat jalan", "rekam medis elektronik rumah sakit", "informasi ketersediaan tempat tidur",
               "penagihan klaim layanan kesehatan"),
              (0.6, 0.65), (WEB, WEB_MOBILE, WEB_DESKTOP), dup=0.2),
    Archetype("KES-GIZI", "Dinas Kesehatan",
              ("e-Stunting {place}", "Sistem Informasi Gizi {place}", "Aksi Cegah Stunting {place}", "Posyandu Digital {place}"),
              ("pemantauan status gizi balita", "pencatatan kegiatan posyandu", "intervensi penurunan stunting"),
              (0.4, 0.5), (WEB, WEB_MOBILE, MOBILE)),
    Archetype("PDD-PPDB", "Dinas Pendidikan",
              ("PPDB Online {place}", "SPMB {place}", "Penerimaan Peserta Didik Baru {place}"),
              ("pendaftaran peserta didik baru", "seleksi zonasi dan afirmasi sekolah negeri", "pengumuman hasil seleksi sekolah"),
              (0.85, 0.82), (WEB, WEB_MOBILE)),
    Archetype("PDD-SEKOLAH", "Dinas Pendidikan",
              ("Sistem Informasi Sekolah {place}", "Rapor Digital {place}", "Data Pendidikan {place}", "Sekolah Digital {place}"),
              ("pengelolaan data sekolah dan guru", "penyusunan rapor peserta didik", "pemantauan mutu pendidikan daerah"),
              (0.45, 0.45), OFFICE_CHANNELS),
    Archetype("PDD-BEASISWA", "Dinas Pendidikan",
              ("Beasiswa {place}", "Sistem Informasi Beasiswa Daerah {place}", "e-Beasiswa {place}"),
              ("pendaftaran beasiswa daerah", "seleksi penerima beasiswa", "penyaluran bantuan pendidikan"),
              (0.55, 0.35), (WEB, WEB_MOBILE)),
    Archetype("SOS-BANSOS", "Dinas Sosial",
              ("Sistem Informasi Bantuan Sosial {place}", "e-Bansos {place}", "Bansos Online {place}",
               "Sistem Informasi Penyaluran Bantuan {place}"),
              ("pendaftaran calon penerima bantuan sosial", "penyaluran bantuan sosial daerah", "verifikasi penerima bantuan"),
              (0.7, 0.75), PUBLIC_CHANNELS, extra=(("SOS-KESEJAHTERAAN", 0.15),)),
    Archetype("SOS-KESEJAHTERAAN", "Dinas Sosial",
              ("Sistem Informasi Kesejahteraan Sosial {place}", "Data Terpadu Kesejahteraan Sosial {place}",
               "Data Kemiskinan {place}"),
              ("pemutakhiran data warga miskin", "pendataan penyandang masalah kesejahteraan sosial"),
              (0.45, 0.5), OFFICE_CHANNELS),
    Archetype("PAR-PARIWISATA", "Dinas Pariwisata",
              ("Pesona {place}", "Explore {place}", "Sistem Informasi Pariwisata {place}", "e-Tiket Wisata {place}",
               "Wisata {place}"),
              ("informasi destinasi wisata", "kalender acara budaya dan pariwisata", "pemesanan tiket objek wisata"),
              (0.75, 0.7), PUBLIC_CHANNELS),
    Archetype("PAR-KEBUDAYAAN", "Dinas Kebudayaan",
              ("Cagar Budaya {place}", "Sistem Informasi Kebudayaan {place}", "Galeri Budaya {place}"),
              ("pendataan cagar budaya", "dokumentasi seni dan tradisi daerah"),
              (0.45, 0.3), (WEB, WEB_MOBILE)),
    Archetype("TRN-ANGKUTAN", "Dinas Perhubungan",
              ("Trans {short}", "Angkutan Umum {place}", "Sistem Informasi Angkutan {place}", "e-Tiket Bus {place}",
               "Manajemen Lalu Lintas {place}"),
              ("jadwal dan rute angkutan umum", "posisi armada secara langsung", "tiket elektronik angkutan umum",
               "pemantauan lalu lintas melalui kamera"),
              (0.45, 0.45), PUBLIC_CHANNELS),
    Archetype("TRN-PENGUJIAN-KENDARAAN", "Dinas Perhubungan",
              ("e-Uji KIR {place}", "Pengujian Kendaraan Bermotor {place}", "KIR Online {place}"),
              ("pendaftaran uji berkala kendaraan", "penerbitan bukti lulus uji elektronik"),
              (0.05, 0.5), (WEB, WEB_MOBILE)),
    Archetype("PTN-PERTANIAN", "Dinas Pertanian",
              ("Sistem Informasi Pertanian {place}", "e-Tani {place}", "Pupuk Bersubsidi {place}", "Petani Digital {place}"),
              ("pendataan kelompok tani", "alokasi pupuk bersubsidi", "informasi harga dan produksi komoditas pertanian"),
              (0.55, 0.6), PUBLIC_CHANNELS),
    Archetype("PTN-PERIKANAN", "Dinas Kelautan dan Perikanan",
              ("Sistem Informasi Perikanan {place}", "e-Nelayan {place}", "Pasar Ikan Online {place}"),
              ("pendataan nelayan dan pembudidaya ikan", "informasi produksi perikanan", "pemasaran hasil perikanan"),
              (0.5, 0.35), PUBLIC_CHANNELS),
    Archetype("LHK-PERSAMPAHAN", "Dinas Lingkungan Hidup",
              ("Bank Sampah Digital {place}", "e-Sampah {place}", "Sistem Informasi Pengelolaan Sampah {place}"),
              ("pencatatan tabungan bank sampah", "jadwal pengangkutan sampah", "retribusi persampahan"),
              (0.3, 0.5), PUBLIC_CHANNELS),
    Archetype("LHK-LINGKUNGAN", "Dinas Lingkungan Hidup",
              ("Sistem Informasi Lingkungan Hidup {place}", "e-Amdal {place}", "Pemantauan Kualitas Udara {place}"),
              ("pemantauan kualitas lingkungan", "pengajuan dokumen lingkungan", "pengawasan pembuangan limbah"),
              (0.45, 0.35), (WEB, WEB_MOBILE)),
    Archetype("PUR-TATA-RUANG", "Dinas Pekerjaan Umum dan Penataan Ruang",
              ("Sistem Informasi Tata Ruang {place}", "SIMTARU {place}", "e-RDTR {place}", "Rumah Layak Huni {place}"),
              ("informasi rencana tata ruang wilayah", "kesesuaian pemanfaatan ruang", "pendataan rumah tidak layak huni"),
              (0.45, 0.45), (WEB, WEB_MOBILE)),
    Archetype("PUR-INFRASTRUKTUR", "Dinas Pekerjaan Umum dan Penataan Ruang",
              ("Sistem Informasi Jalan {place}", "Data Jalan dan Jembatan {place}", "Lapor Jalan Rusak {place}",
               "Sistem Informasi Irigasi {place}"),
              ("pendataan kondisi jalan dan jembatan", "pemantauan proyek infrastruktur", "pengelolaan jaringan irigasi"),
              (0.5, 0.45), (WEB, WEB_MOBILE)),
    Archetype("EKO-UMKM", "Dinas Koperasi dan Usaha Kecil Menengah",
              ("UMKM {place}", "Sistem Informasi UMKM {place}", "Pasar UMKM Digital {place}", "e-Koperasi {place}"),
              ("pendataan usaha mikro kecil dan menengah", "pemasaran produk UMKM lokal", "pembinaan koperasi"),
              (0.7, 0.65), PUBLIC_CHANNELS, extra=(("EKO-PASAR", 0.1),)),
    Archetype("EKO-PASAR", "Dinas Perindustrian dan Perdagangan",
              ("Harga Pangan {place}", "Sistem Informasi Harga Bahan Pokok {place}", "e-Pasar {place}"),
              ("informasi harga bahan pokok harian", "pengelolaan pasar rakyat", "pemantauan stok pangan"),
              (0.55, 0.5), PUBLIC_CHANNELS),
    Archetype("NAK-TENAGA-KERJA", "Dinas Tenaga Kerja",
              ("Bursa Kerja {place}", "Job Fair Online {place}", "Sistem Informasi Ketenagakerjaan {place}",
               "Kartu Kuning Online {place}"),
              ("informasi lowongan kerja", "pendaftaran pencari kerja", "pelatihan kerja dan pemagangan"),
              (0.5, 0.5), PUBLIC_CHANNELS),
    Archetype("BNC-KEBENCANAAN", "Badan Penanggulangan Bencana Daerah",
              ("Sistem Informasi Kebencanaan {place}", "Siaga Bencana {place}", "Peringatan Dini {place}"),
              ("informasi kejadian bencana", "peringatan dini bencana", "pendataan kebutuhan logistik pengungsi"),
              (0.5, 0.45), PUBLIC_CHANNELS),
    Archetype("KAM-KETERTIBAN", "Satuan Polisi Pamong Praja",
              ("Sistem Informasi Ketertiban Umum {place}", "Patroli Digital {place}", "e-Satpol PP {place}"),
              ("pelaporan gangguan ketertiban umum", "pencatatan kegiatan patroli", "penegakan peraturan daerah"),
              (0.3, 0.3), (WEB, WEB_MOBILE)),
    Archetype("PEM-DESA", "Dinas Pemberdayaan Masyarakat dan Desa",
              ("Sistem Informasi Desa {place}", "Profil Desa {place}", "e-Desa {place}", "Desa Digital {place}"),
              ("pengelolaan data dan profil desa", "pelaporan penggunaan dana desa", "pelayanan administrasi desa"),
              (0.25, 0.55), (WEB, WEB_MOBILE)),
    # Central agencies only: their own copies of the finance shared services.
    Archetype("KEU-ANGGARAN-PUSAT", "Biro Perencanaan",
              ("e-Budgeting {place}", "Sistem Perencanaan dan Penganggaran {place}", "Monitoring Anggaran {place}",
               "e-Planning {place}"),
              ("penyusunan rencana kerja dan anggaran", "pemantauan realisasi anggaran satuan kerja",
               "revisi anggaran dan pagu indikatif"),
              (0.0, 0.0), OFFICE_CHANNELS, central=0.55),
    Archetype("KEU-AKUNTANSI-PUSAT", "Biro Keuangan",
              ("Aplikasi Keuangan {place}", "Sistem Akuntansi {place}", "e-Keuangan {place}", "Sistem Informasi Keuangan {place}"),
              ("akuntansi dan pelaporan keuangan satuan kerja", "pengelolaan uang persediaan", "rekonsiliasi laporan keuangan"),
              (0.0, 0.0), OFFICE_CHANNELS, central=0.4),
    Archetype("KEU-PNBP", "Biro Keuangan",
              ("PNBP Online {place}", "e-Billing {place}", "Sistem Informasi PNBP {place}", "Pembayaran Layanan {place}"),
              ("pembayaran tarif layanan", "penerbitan kode billing penerimaan negara bukan pajak",
               "rekonsiliasi penerimaan layanan"),
              (0.0, 0.0), PUBLIC_CHANNELS, central=0.3),
    # Second-tier apps: more of the same functions, built by other units of the same government.
    Archetype("LYN-PORTAL", "Dinas Komunikasi dan Informatika",
              ("Website Dinas Kesehatan {full}", "Website Dinas Pendidikan {full}", "Website Dinas Perhubungan {full}",
               "Website Badan Pendapatan Daerah {full}", "Website Dinas Sosial {full}", "Website Dinas Pariwisata {full}",
               "Website Dinas Pertanian {full}", "Website Dinas Lingkungan Hidup {full}", "Website Inspektorat {full}",
               "Website Sekretariat DPRD {full}", "Website Badan Kepegawaian {full}", "Website Kecamatan {full}"),
              ("profil dan informasi perangkat daerah", "berita kegiatan perangkat daerah", "pengumuman layanan perangkat daerah"),
              (0.8, 0.85), (WEB,), count=(1, 5)),
    Archetype("ADM-KINERJA", "Bagian Organisasi Sekretariat Daerah",
              ("e-SAKIP {place}", "Sistem Akuntabilitas Kinerja Instansi {place}", "e-Monev Kinerja {place}"),
              ("penyusunan perjanjian kinerja perangkat daerah", "evaluasi akuntabilitas kinerja instansi",
               "pelaporan capaian indikator kinerja"),
              (0.55, 0.55), OFFICE_CHANNELS),
    Archetype("KEU-PERENCANAAN-DAERAH", "Badan Perencanaan Pembangunan Daerah",
              ("e-Monev {place}", "Sistem Monitoring dan Evaluasi Pembangunan {place}", "Pengendalian Pembangunan {place}"),
              ("pemantauan realisasi fisik dan keuangan kegiatan", "evaluasi pelaksanaan rencana pembangunan daerah"),
              (0.5, 0.5), OFFICE_CHANNELS),
    Archetype("ADM-KEPEGAWAIAN", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
              ("e-Learning ASN {place}", "Seleksi Terbuka Jabatan {place}", "Diklat Online {place}",
               "Sistem Informasi Pengembangan Kompetensi {place}"),
              ("pelatihan daring aparatur", "seleksi terbuka jabatan pimpinan tinggi", "pengembangan kompetensi ASN"),
              (0.4, 0.4), OFFICE_CHANNELS),
    Archetype("ADM-ARSIP", "Bagian Umum Sekretariat Daerah",
              ("Agenda Pimpinan {place}", "Rapat Online {place}", "Sistem Informasi Agenda Kegiatan {place}"),
              ("pengelolaan agenda dan undangan pimpinan daerah", "penjadwalan rapat dan notulen"),
              (0.4, 0.38), OFFICE_CHANNELS),
    Archetype("LYN-PAJAK-DAERAH", "Badan Pendapatan Daerah",
              ("Sistem Informasi Reklame {place}", "e-Retribusi Pasar {place}", "Pajak Restoran Online {place}",
               "e-Tapping Pajak {place}"),
              ("pendataan objek pajak reklame", "perekaman transaksi wajib pajak hotel dan restoran",
               "penagihan retribusi pasar"),
              (0.2, 0.5), (WEB, WEB_MOBILE, WEB_API)),
    Archetype("LYN-PERIZINAN", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
              ("Peluang Investasi {place}", "Persetujuan Bangunan Gedung {place}", "Sistem Informasi Penanaman Modal {place}"),
              ("informasi peluang investasi daerah", "permohonan persetujuan bangunan gedung", "pelaporan kegiatan penanaman modal"),
              (0.4, 0.45), (WEB, WEB_MOBILE)),
    Archetype("LYN-ADMINDUK", "Kecamatan",
              ("e-Kecamatan {place}", "Pelayanan Kecamatan Online {place}", "Surat Pengantar Online {place}"),
              ("pelayanan surat keterangan di kecamatan dan kelurahan", "pengajuan surat pengantar secara daring"),
              (0.0, 0.4), PUBLIC_CHANNELS),
    Archetype("KES-PUSKESMAS", "Dinas Kesehatan",
              ("Sistem Informasi Kesehatan Daerah {place}", "Sistem Informasi Imunisasi {place}",
               "Surveilans Penyakit {place}", "Kesehatan Ibu dan Anak {place}"),
              ("pencatatan imunisasi anak", "pelaporan kasus demam berdarah dan penyakit menular",
               "pemantauan kesehatan ibu hamil", "profil kesehatan daerah"),
              (0.5, 0.55), (WEB, WEB_MOBILE)),
    Archetype("KES-RUMAH-SAKIT", "Dinas Kesehatan",
              ("Panggil Ambulans {place}", "Sistem Rujukan Terintegrasi {place}", "Informasi Tempat Tidur {place}"),
              ("pemanggilan ambulans gawat darurat", "rujukan pasien antarfasilitas kesehatan",
               "informasi ketersediaan tempat tidur rumah sakit"),
              (0.35, 0.4), PUBLIC_CHANNELS),
    Archetype("BNC-KEBENCANAAN", "Dinas Komunikasi dan Informatika",
              ("Call Center 112 {place}", "Layanan Darurat {place}", "Damkar {place}"),
              ("penerimaan panggilan darurat", "penanganan kebakaran dan penyelamatan", "koordinasi respons kedaruratan"),
              (0.4, 0.5), PUBLIC_CHANNELS),
    Archetype("EKO-PASAR", "Dinas Perindustrian dan Perdagangan",
              ("Pengendalian Inflasi Daerah {place}", "Neraca Pangan {place}", "Pasar Murah {place}"),
              ("pemantauan inflasi dan harga komoditas", "neraca ketersediaan pangan daerah"),
              (0.45, 0.35), OFFICE_CHANNELS),
    Archetype("PTN-PERTANIAN", "Dinas Pertanian",
              ("Sistem Informasi Peternakan {place}", "Kesehatan Hewan {place}", "Ketahanan Pangan {place}"),
              ("pendataan populasi ternak", "pelayanan kesehatan hewan", "pemantauan ketahanan pangan"),
              (0.4, 0.45), (WEB, WEB_MOBILE)),
    Archetype("SOS-KESEJAHTERAAN", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
              ("Perlindungan Perempuan dan Anak {place}", "Sistem Informasi Gender dan Anak {place}",
               "Keluarga Berencana {place}"),
              ("pelaporan kekerasan terhadap perempuan dan anak", "pendataan gender dan anak", "pelayanan keluarga berencana"),
              (0.45, 0.45), (WEB, WEB_MOBILE)),
    Archetype("PUR-INFRASTRUKTUR", "Dinas Perumahan dan Kawasan Permukiman",
              ("Penerangan Jalan Umum {place}", "Sistem Informasi Air Bersih {place}", "Drainase {place}"),
              ("pengelolaan lampu penerangan jalan umum", "pelayanan air bersih", "pemeliharaan saluran drainase"),
              (0.25, 0.4), (WEB, WEB_MOBILE)),
    Archetype("PDD-SEKOLAH", "Dinas Pendidikan",
              ("Tunjangan Guru {place}", "Pembelajaran Daring {place}", "Guru Online {place}"),
              ("pengelolaan tunjangan dan data guru", "pembelajaran jarak jauh", "bahan ajar digital"),
              (0.45, 0.45), (WEB, WEB_MOBILE)),
    Archetype("DAT-STATISTIK", "Sekretariat DPRD",
              ("Sistem Informasi DPRD {place}", "e-DPRD {place}", "Aspirasi DPRD {place}"),
              ("informasi kegiatan dan produk DPRD", "pengelolaan pokok pikiran DPRD", "jadwal sidang dan rapat dewan"),
              (0.5, 0.45), (WEB, WEB_MOBILE)),
)
# Where a central agency's own unit runs the generic apps (descriptions, server rooms).
CENTRAL_UNIT = "Pusat Data dan Informasi"

# The 15 shared services (SPEC §2, shared/DOMAIN.md): id, name, owner, functions,
# audience, channels, url, APIs published on the bus, description.
SHARED_SERVICES: tuple[dict[str, Any], ...] = (
    {"id": "SHARED-SRIKANDI", "name": "SRIKANDI", "agency": "anri", "functions": ["ADM-ARSIP"],
     "audience": "government", "channels": ["web", "mobile"], "url": "https://srikandi.arsip.go.id",
     "apis": ["naskah-dinas", "arsip-dinamis"],
     "description": "Sistem Informasi Kearsipan Dinamis Terintegrasi: aplikasi umum berbagi pakai untuk tata naskah "
                    "dinas elektronik, persuratan, disposisi, dan pengelolaan arsip dinamis di seluruh instansi pusat "
                    "dan pemerintah daerah."},
    {"id": "SHARED-SIASN", "name": "SIASN", "agency": "bkn", "functions": ["ADM-KEPEGAWAIAN"],
     "audience": "government", "channels": ["web", "mobile", "api"], "url": "https://asndigital.bkn.go.id",
     "apis": ["data-asn", "riwayat-jabatan"],
     "description": "Sistem Informasi Aparatur Sipil Negara: pengelolaan data dan layanan kepegawaian ASN secara "
                    "nasional, mulai dari pengadaan, kenaikan pangkat, mutasi, hingga pensiun, bagi seluruh instansi."},
    {"id": "SHARED-EKINERJA", "name": "e-Kinerja BKN", "agency": "bkn", "functions": ["ADM-KINERJA"],
     "audience": "government", "channels": ["web", "mobile"], "url": "https://kinerja.bkn.go.id",
     "apis": ["sasaran-kinerja"],
     "description": "Aplikasi umum pengelolaan kinerja ASN: perencanaan sasaran kinerja pegawai, pemantauan, "
                    "penilaian, dan pelaporan kinerja yang terhubung dengan data kepegawaian nasional."},
    {"id": "SHARED-SPSE", "name": "SPSE", "agency": "lkpp", "functions": ["ADM-PENGADAAN"],
     "audience": "government", "channels": ["web"], "url": "https://spse.inaproc.id",
     "apis": ["paket-pengadaan", "penyedia"],
     "description": "Sistem Pengadaan Secara Elektronik: tender, seleksi, pengadaan langsung, dan e-purchasing "
                    "barang/jasa pemerintah yang dipakai bersama oleh seluruh kementerian, lembaga, dan pemerintah daerah."},
    {"id": "SHARED-SIPD", "name": "SIPD", "agency": "kemendagri", "functions": ["KEU-PERENCANAAN-DAERAH"],
     "audience": "government", "channels": ["web"], "url": "https://sipd.kemendagri.go.id",
     "apis": ["rencana-kerja", "anggaran-daerah"],
     "description": "Sistem Informasi Pemerintahan Daerah: perencanaan pembangunan, penganggaran, dan penatausahaan "
                    "keuangan daerah yang terintegrasi untuk seluruh pemerintah provinsi, kabupaten, dan kota."},
    {"id": "SHARED-SAKTI", "name": "SAKTI", "agency": "kemenkeu", "functions": ["KEU-AKUNTANSI-PUSAT"],
     "audience": "government", "channels": ["web"], "url": "https://sakti.kemenkeu.go.id",
     "apis": ["realisasi-anggaran"],
     "description": "Sistem Aplikasi Keuangan Tingkat Instansi: perencanaan, pelaksanaan, dan pertanggungjawaban "
                    "anggaran serta akuntansi dan pelaporan keuangan seluruh satuan kerja pemerintah pusat."},
    {"id": "SHARED-SIMPONI", "name": "SIMPONI", "agency": "kemenkeu", "functions": ["KEU-PNBP"],
     "audience": "public", "channels": ["web", "api"], "url": "https://simponi.kemenkeu.go.id",
     "apis": ["billing-pnbp", "status-pembayaran"],
     "description": "Sistem Informasi PNBP Online: pembuatan kode billing, pembayaran, dan rekonsiliasi penerimaan "
                    "negara bukan pajak bagi masyarakat, badan usaha, dan seluruh kementerian/lembaga."},
    {"id": "SHARED-LAPOR", "name": "SP4N-LAPOR!", "agency": "kemenpanrb", "functions": ["LYN-PENGADUAN"],
     "audience": "public", "channels": ["web", "mobile", "api"], "url": "https://lapor.go.id",
     "apis": ["laporan", "disposisi"],
     "description": "Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional - Layanan Aspirasi dan Pengaduan Online "
                    "Rakyat: satu kanal pengaduan dan aspirasi masyarakat yang diteruskan ke instansi pusat dan daerah "
                    "yang berwenang."},
    {"id": "SHARED-JDIHN", "name": "JDIHN", "agency": "kemenkum", "functions": ["HKM-JDIH"],
     "audience": "public", "channels": ["web", "mobile", "api"], "url": "https://jdihn.go.id",
     "apis": ["dokumen-hukum"],
     "description": "Jaringan Dokumentasi dan Informasi Hukum Nasional yang dikelola Badan Pembinaan Hukum Nasional: "
                    "pusat penelusuran peraturan perundang-undangan dan dokumen hukum dari seluruh anggota jaringan."},
    {"id": "SHARED-SATUDATA", "name": "Portal Satu Data Indonesia", "agency": "bappenas", "functions": ["DAT-SATUDATA"],
     "audience": "public", "channels": ["web", "api"], "url": "https://data.go.id",
     "apis": ["katalog-dataset"],
     "description": "Portal Satu Data Indonesia: katalog dan publikasi data pemerintah yang memenuhi standar data, "
                    "metadata, dan interoperabilitas, sebagai rujukan tunggal data pusat dan daerah."},
    {"id": "SHARED-SPLP", "name": "SPLP", "agency": "komdigi", "functions": ["INT-PERTUKARAN-DATA"],
     "audience": "government", "channels": ["api"],
     "apis": [],
     "description": "Sistem Penghubung Layanan Pemerintah: bus layanan dan gerbang API nasional untuk pertukaran data "
                    "dan integrasi layanan antarinstansi pusat dan daerah secara aman dan terstandar."},
    {"id": "SHARED-IKD", "name": "Identitas Kependudukan Digital (IKD)", "agency": "kemendagri",
     "functions": ["IDN-KEPENDUDUKAN"], "audience": "public", "channels": ["mobile", "api"],
     "url": "https://dukcapil.kemendagri.go.id", "apis": ["verifikasi-nik", "data-kependudukan"],
     "description": "Identitas Kependudukan Digital yang diterbitkan Ditjen Dukcapil: KTP dalam bentuk digital dan "
                    "layanan verifikasi data kependudukan berbasis NIK bagi instansi pengguna."},
    {"id": "SHARED-INAPAS", "name": "INApas", "agency": "peruri", "functions": ["IDN-SSO"],
     "audience": "public", "channels": ["web", "mobile", "api"], "apis": ["autentikasi", "profil-pengguna"],
     "description": "Layanan masuk tunggal nasional INA Digital: satu akun terverifikasi bagi warga dan aparatur untuk "
                    "mengakses seluruh layanan digital pemerintah."},
    {"id": "SHARED-BSRE", "name": "BSrE", "agency": "bssn", "functions": ["SIG-TTE"],
     "audience": "government", "channels": ["web", "api"], "url": "https://bsre.bssn.go.id",
     "apis": ["tanda-tangan", "verifikasi-dokumen"],
     "description": "Balai Besar Sertifikasi Elektronik: penerbitan sertifikat elektronik dan layanan tanda tangan "
                    "elektronik tersertifikasi bagi aparatur dan sistem elektronik instansi pemerintah."},
    {"id": "SHARED-INAKU", "name": "INAku", "agency": "peruri", "functions": ["LYN-SUPERAPP"],
     "audience": "public", "channels": ["web", "mobile"], "apis": ["modul-layanan"],
     "description": "Aplikasi super layanan warga dari INA Digital: satu pintu layanan publik pusat dan daerah; layanan "
                    "baru instansi dihadirkan sebagai modul di dalamnya, bukan sebagai aplikasi tersendiri."},
)

# Function -> the app an agency must keep running (pinned minimum of active apps) and
# the (agency, function) pairs kept free of active apps so the shipped example
# manifests in manifests/ keep exactly the verdicts their headers state (SPBE-MOR-003
# would otherwise report an app the agency already runs).
PINNED_ACTIVE: dict[tuple[str, str], int] = {("32.15", "LYN-PARKIR"): 2, ("32.15", "LYN-PENGADUAN"): 1}
NO_ACTIVE: frozenset[tuple[str, str]] = frozenset({
    ("32.15", "LYN-PERIZINAN"), ("32.73", "SOS-BANSOS"), ("51.71", "PAR-PARIWISATA"),
    ("33.74", "TRN-ANGKUTAN"), ("35.78", "LYN-PAJAK-DAERAH"),
})

LEADS = ("Aplikasi untuk", "Sistem informasi untuk", "Layanan daring untuk", "Platform digital untuk",
         "Sarana", "Aplikasi pendukung")
PUBLIC_SCOPES = ("bagi masyarakat {full}", "bagi warga {full}", "di wilayah {full}", "yang dapat diakses warga {full}")
OFFICE_SCOPES = ("di lingkungan {agency}", "pada perangkat daerah {full}", "bagi aparatur {full}")
CENTRAL_PUBLIC_SCOPES = ("bagi masyarakat di seluruh Indonesia", "secara nasional", "bagi pemangku kepentingan",
                         "bagi masyarakat dan pelaku usaha")
CENTRAL_OFFICE_SCOPES = ("di lingkungan {agency}", "bagi unit kerja {agency}", "pada satuan kerja {agency} di pusat dan daerah")
BUILT = ("Dikembangkan secara mandiri oleh {unit} pada tahun {year}.",
         "Dibangun oleh pihak ketiga pada tahun {year} dan dikelola oleh {unit}.",
         "Dikelola oleh {unit} sejak {year}.",
         "Merupakan pengembangan dari aplikasi sebelumnya, diluncurkan ulang pada tahun {year}.",
         "Inovasi {unit} yang diluncurkan pada tahun {year}.")
CHANNEL_WORDS = {"web": "versi web", "mobile": "aplikasi seluler", "api": "API", "desktop": "aplikasi desktop"}


# --- regions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """A regional government: agency code, agency name, names used in app names."""

    code: str
    level: str          # province | regency
    agency: str         # "Pemerintah Kabupaten Karawang"
    full: str           # "Kabupaten Karawang"
    place: str          # "Karawang"; "Kota Bogor" when the bare name is ambiguous
    short: str          # "Karawang", "Bogor" (used after a head title: "Lapor Walikota Bogor")
    head: str           # Gubernur | Bupati | Walikota
    province: str       # short name of the province ("Jawa Barat")


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
        raw.append((row["code"], "regency", f"Pemerintah {full}", full, short, "Bupati" if title == "Kabupaten" else "Walikota"))
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


# --- generation -------------------------------------------------------------------------


class _Builder:
    """Accumulates apps with sequential ids APP-000001, APP-000002, ..."""

    def __init__(self) -> None:
        self.apps: list[dict[str, Any]] = []
        self.counter = 0

    def add(self, app: dict[str, Any]) -> None:
        if "id" not in app:
            self.counter += 1
            app = {"id": f"APP-{self.counter:06d}", **app}
        self.apps.append(app)


def _channels(rng: random.Random, options: Sequence[tuple[str, ...]]) -> list[str]:
    chosen = set(rng.choice(options))
    if rng.random() < 0.06:
        chosen.add("api")
    return [c for c in CHANNEL_ORDER if c in chosen]


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _hosting(rng: random.Random, unit: str, full: str, province: str, central: bool) -> dict[str, str]:
    weights = ((("agency-dc", 53), ("pdn", 24), ("gov-cloud", 11), ("commercial-cloud", 12)) if central
               else (("agency-dc", 58), ("pdn", 17.5), ("gov-cloud", 10), ("commercial-cloud", 14.5)))
    provider = _weighted(rng, weights)
    hosting: dict[str, str]
    if provider == "agency-dc":
        if central:
            site = rng.choice((f"Pusat Data {full}", f"Ruang server {CENTRAL_UNIT} {full}", f"Data center {full}"))
        else:
            site = _weighted(rng, ((f"Ruang server Diskominfo {full}", 6), (f"Ruang server {unit} {full}", 3),
                                   (f"Data center Pemerintah {full}", 1)))
        hosting = {"provider": provider, "site": site, "country": "ID"}
        if rng.random() < 0.08:
            hosting["drSite"] = f"Ruang server cadangan {full}"
    elif provider == "pdn":
        site = _weighted(rng, tuple(zip(PDN_SITES, (50, 25, 15, 10))))
        hosting = {"provider": provider, "site": site, "country": "ID"}
        if rng.random() < 0.45:
            hosting["drSite"] = rng.choice([s for s in PDN_SITES if s != site])
    elif provider == "gov-cloud":
        site = "Cloud Pemerintah Nasional (Jakarta)" if central or rng.random() < 0.5 else f"Cloud Pemerintah {province}"
        hosting = {"provider": provider, "site": site, "country": "ID"}
        if rng.random() < 0.3:
            hosting["drSite"] = "Cloud Pemerintah Nasional (Batam)"
    else:
        site, country = _weighted(rng, ((("Cloud komersial, region Jakarta", "ID"), 75),
                                        (("Cloud komersial, region Batam", "ID"), 8),
                                        (("Hosting komersial, Surabaya", "ID"), 10),
                                        (("Cloud komersial, region Singapura", "SG"), 7)))
        hosting = {"provider": provider, "site": site, "country": country}
    return hosting


def _description(rng: random.Random, objects: Sequence[str], scopes: Sequence[str], unit: str,
                 public: bool, channels: list[str], retired: bool) -> str:
    """Indonesian description from templates: what it does, for whom, who built it, where."""
    first, *rest = rng.sample(list(objects), k=min(len(objects), rng.choice((1, 2, 2))))
    what = f"{first} dan {rest[0]}" if rest else first
    text = f"{rng.choice(LEADS)} {what} {rng.choice(scopes)}."
    year = rng.randint(2012, 2024)
    if retired:
        text += f" Sudah tidak dioperasikan sejak {min(year + rng.randint(1, 4), 2026)}."
    elif rng.random() < 0.75:
        text += " " + rng.choice(BUILT).format(unit=unit, year=year)
    if public and not retired and rng.random() < 0.4:
        words = [CHANNEL_WORDS[c] for c in channels]
        text += " Tersedia dalam " + (" dan ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + ", dan " + words[-1]) + "."
    return text[0].upper() + text[1:]


def _app(name: str, description: str, agency: dict[str, str], functions: list[str], retired: bool,
         audience: str, channels: list[str], hosting: dict[str, str]) -> dict[str, Any]:
    return {"name": name, "description": description, "agency": agency, "functions": functions,
            "status": "retired" if retired else "active", "shared": False, "audience": audience,
            "channels": channels, "hosting": hosting}


def _audience(rng: random.Random, default: str) -> str:
    if rng.random() < 0.9:
        return default
    return rng.choice([a for a in ("public", "government", "internal") if a != default])


def _regional_apps(region: Region, builder: _Builder) -> None:
    rng = random.Random(f"{SEED}:{region.code}")
    agency = {"code": region.code, "name": region.agency, "level": region.level}
    fmt = {"place": region.place, "short": region.short, "head": region.head, "full": region.full}
    for arch in ARCHETYPES:
        pinned = PINNED_ACTIVE.get((region.code, arch.function), 0)
        prevalence = arch.prevalence[0 if region.level == "province" else 1]
        if rng.random() >= prevalence and not pinned:
            continue
        count = rng.randint(*arch.count)
        duplicated = rng.random() < arch.dup  # the same government built it twice (or three times)
        if duplicated:
            count += 2 if rng.random() < 0.08 else 1
        count = max(count, pinned)
        names = rng.sample(arch.names, k=min(count, len(arch.names)))
        legacy = duplicated and rng.random() < 0.3  # the older one was retired when the newer came
        unit = arch.unit if region.level == "regency" else arch.unit.replace("Bagian ", "Biro ")
        default_audience = arch.audience or FUNCTION_AUDIENCE[arch.function]
        for index, template in enumerate(names):
            retired = (legacy and index == 0) or rng.random() < 0.03
            if index < pinned:
                retired = False
            functions = [arch.function] + [code for code, p in arch.extra if rng.random() < p]
            if any((region.code, code) in NO_ACTIVE for code in functions):
                retired = True
            audience = _audience(rng, default_audience)
            channels = _channels(rng, arch.channels)
            scopes = [s.format(full=region.full, agency=region.agency)
                      for s in (PUBLIC_SCOPES if audience == "public" else OFFICE_SCOPES)]
            description = _description(rng, arch.objects, scopes, unit, audience == "public", channels, retired)
            builder.add(_app(template.format(**fmt), description, agency, functions, retired, audience, channels,
                             _hosting(rng, unit, region.full, region.province, central=False)))


def _acronym(topic: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z0-9]+", topic) if w.lower() not in {"dan", "di", "ke", "dari", "yang", "untuk"}]
    if len(words) == 1:
        return "SI" + words[0][:5].upper()
    return "SI" + (words[0][:3] + "".join(w[:2] for w in words[1:3])).upper()


_PROPER_WORDS = frozenset({"Indonesia", "Nusantara", "Presiden", "Pancasila", "Kuliah"})


def _lower_topic(topic: str) -> str:
    """'Rekam Medis Elektronik' -> 'rekam medis elektronik'; keeps 'KIP', 'WNI', 'Indonesia'."""
    return " ".join(w if (w.isupper() and len(w) > 1) or any(c.isdigit() for c in w) or w in _PROPER_WORDS
                    else w.lower() for w in topic.split())


def _central_apps(code: str, name: str, short: str, sectors: Sequence[str], owned: set[str], builder: _Builder) -> None:
    rng = random.Random(f"{SEED}:{code}")
    agency = {"code": code, "name": name, "level": "central"}
    target = rng.randint(20, 40)
    names_used: set[str] = set()
    planned: list[tuple[str, str, Sequence[str], str]] = []  # name, function, objects, audience
    for arch in ARCHETYPES:
        if not arch.central or arch.function in owned or rng.random() >= arch.central:
            continue
        template = rng.choice(arch.central_names or arch.names)
        app_name = template.format(place=short, short=short, head="", full=name).strip()
        names_used.add(app_name)
        objects = tuple(o for o in arch.objects if "daerah" not in o) or arch.objects
        planned.append((app_name, arch.function, objects, arch.audience or FUNCTION_AUDIENCE[arch.function]))
    topics = [entry.split("|") for sector in sectors for entry in SECTORS[sector]]
    topics = [t for t in topics if t[1] not in owned]
    order = rng.sample(topics, k=len(topics))
    total = max(target, len(planned) + 8)
    attempt = 0
    while len(planned) < total and attempt < 400:
        topic, function = order[attempt % len(order)]
        attempt += 1
        pattern = rng.choice(CENTRAL_PATTERNS)
        if pattern == "e-{t}" and len(topic.split()) > 2:
            pattern = "Sistem Informasi {t}"
        app_name = pattern.format(t=topic, a=_acronym(topic), s=short)
        if app_name in names_used:
            continue
        names_used.add(app_name)
        verbs = rng.sample(CENTRAL_VERBS, 2)
        objects = (f"{verbs[0]} dan {verbs[1]} {_lower_topic(topic)}" if rng.random() < 0.5
                   else f"{verbs[0]} {_lower_topic(topic)}",)
        planned.append((app_name, function, objects, FUNCTION_AUDIENCE[function]))
    for app_name, function, objects, default_audience in planned:
        retired = rng.random() < 0.07
        audience = _audience(rng, default_audience)
        channels = _channels(rng, PUBLIC_CHANNELS if audience == "public" else OFFICE_CHANNELS)
        scopes = CENTRAL_PUBLIC_SCOPES if audience == "public" else [s.format(agency=name) for s in CENTRAL_OFFICE_SCOPES]
        description = _description(rng, objects, scopes, CENTRAL_UNIT, audience == "public", channels, retired)
        builder.add(_app(app_name, description, agency, [function], retired, audience, channels,
                         _hosting(rng, CENTRAL_UNIT, name, "", central=True)))


def _shared_apps(builder: _Builder, central_names: dict[str, str]) -> None:
    for spec in SHARED_SERVICES:
        app: dict[str, Any] = {
            "id": spec["id"], "name": spec["name"], "description": spec["description"],
            "agency": {"code": spec["agency"], "name": central_names[spec["agency"]], "level": "central"},
            "functions": list(spec["functions"]), "status": "active", "shared": True,
            "audience": spec["audience"], "channels": list(spec["channels"]), "hosting": dict(SHARED_HOSTING),
        }
        if spec.get("url"):
            app["url"] = spec["url"]
        if spec["apis"]:
            app["apis"] = [{"name": api, "gateway": INTEGRATION["bus"]} for api in spec["apis"]]
        builder.add(app)


# What an app holds and which capabilities it built itself: the audit judges these
# (SHR, HST) the way a proposal's `uses` and `data` are judged.
PERSONAL_DATA_FUNCTIONS = ("ADM-KEPEGAWAIAN", "ADM-KINERJA", "KES-", "SOS-", "PDD-", "LYN-ADMINDUK", "IDN-")
HIGH_CRITICALITY_PREFIXES = ("KEU-", "IDN-", "KES-", "LYN-PAJAK", "LYN-ADMINDUK")
SIGNING_FUNCTIONS = ("ADM-ARSIP", "LYN-PERIZINAN", "ADM-KEPEGAWAIAN", "HKM-", "LYN-ADMINDUK")
PAYING_FUNCTIONS = ("LYN-PAJAK-DAERAH", "LYN-PARKIR", "LYN-PERIZINAN", "KEU-PNBP", "LYN-RETRIBUSI")


def _traits(app: dict[str, Any]) -> dict[str, Any]:
    """`data` and `uses` of a registered app, from its own seed so other fields never shift."""
    rng = random.Random(f"{SEED}:traits:{app['id']}")
    functions = app["functions"]
    has = lambda prefixes: any(f.startswith(prefixes) for f in functions)  # noqa: E731
    high = has(HIGH_CRITICALITY_PREFIXES)
    criticality = _weighted(rng, (("strategic", 8), ("high", 52), ("low", 40)) if high
                            else (("strategic", 2), ("high", 23), ("low", 75)))
    personal = has(PERSONAL_DATA_FUNCTIONS) or app["audience"] == "public" or rng.random() < 0.2
    uses: dict[str, str] = {}
    if app["audience"] != "internal" or rng.random() < 0.5:  # sign-in: most agencies built their own
        uses["identity"] = _weighted(rng, (("self", 62), ("SHARED-INAPAS", 23), ("SHARED-IKD", 15)))
    if has(SIGNING_FUNCTIONS) and rng.random() < 0.8:
        uses["signature"] = _weighted(rng, (("self", 45), ("SHARED-BSRE", 55)))
    if has(PAYING_FUNCTIONS) and rng.random() < 0.85:
        uses["payment"] = _weighted(rng, (("self", 70), ("SHARED-SIMPONI", 30)))
    return {"uses": uses, "data": {"criticality": criticality, "personalData": personal}} if uses else \
        {"data": {"criticality": criticality, "personalData": personal}}


# How registered apps integrate, so the audit's INT counts are real: most agencies
# expose APIs directly and take population data over direct links.
CONSUMED_BY_PREFIX = (("LYN-ADMINDUK", "SHARED-IKD"), ("SOS-", "SHARED-IKD"), ("KES-", "SHARED-IKD"),
                      ("PDD-", "SHARED-IKD"), ("ADM-KEPEGAWAIAN", "SHARED-SIASN"), ("ADM-KINERJA", "SHARED-SIASN"),
                      ("KEU-PERENCANAAN-DAERAH", "SHARED-SIPD"), ("KEU-PENATAUSAHAAN", "SHARED-SIPD"))
OPENAPI_HOSTS = "https://api.{slug}.go.id/openapi.yaml"


def _interoperability(app: dict[str, Any]) -> dict[str, Any]:
    """`interoperability` of a registered app ({apis, consumes, datasets}, as in a manifest), from its own seed."""
    rng = random.Random(f"{SEED}:interoperability:{app['id']}")
    functions = app["functions"]
    apis: list[dict[str, str]] = []
    wanted = 1 + (rng.random() < 0.3) if "api" in app["channels"] else int(rng.random() < 0.12)
    for n in range(wanted):
        api: dict[str, str] = {"name": f"{functions[0].lower()}-{n + 1}"}
        if rng.random() < 0.55:  # documented: an https URL (accepted as declared; never fetched)
            api["openapi"] = OPENAPI_HOSTS.format(slug=app["id"].lower())
        api["gateway"] = _weighted(rng, ((INTEGRATION["bus"], 30), ("direct", 70)))
        apis.append(api)
    consumes = []
    for prefix, provider in CONSUMED_BY_PREFIX:
        if any(f.startswith(prefix) for f in functions) and rng.random() < 0.5 and \
                provider not in {c["provider"] for c in consumes}:
            consumes.append({"provider": provider, "via": _weighted(rng, ((INTEGRATION["bus"], 25), ("direct", 75)))})
    datasets = []
    if any(f.startswith("DAT-") for f in functions) or rng.random() < 0.1:
        datasets.append({"name": f"data-{functions[0].lower()}", "satuData": rng.random() < 0.35})
    out = {key: value for key, value in (("apis", apis), ("consumes", consumes), ("datasets", datasets)) if value}
    return {"interoperability": out} if out else {}


def build_sample_registry(areas_dir: Path) -> dict:
    """Build the synthetic national registry (SPEC §2 form) from the idn-area CSVs in `areas_dir`.

    Pure and deterministic: the same CSVs always give an equal document.
    """
    regions = load_regions(Path(areas_dir))
    central_names = {code: name for code, name, _, _ in CENTRAL_AGENCIES}
    owned: dict[str, set[str]] = {}
    for spec in SHARED_SERVICES:
        owned.setdefault(spec["agency"], set()).update(spec["functions"])
    builder = _Builder()
    _shared_apps(builder, central_names)
    for code, name, short, sectors in CENTRAL_AGENCIES:
        _central_apps(code, name, short, sectors, owned.get(code, set()), builder)
    for region in regions:
        _regional_apps(region, builder)
    for app in builder.apps:
        if not app["shared"]:
            app.update(_traits(app))
            app.update(_interoperability(app))
    doc = {
        "apiVersion": "spbe.go.id/v1",
        "kind": "Registry",
        "metadata": {"revision": REVISION, "synthetic": True, "description": DESCRIPTION, "attribution": ATTRIBUTION},
        "taxonomy": [{"code": code, "name": {"en": en, "id": id_}} for code, en, id_, _ in TAXONOMY],
        "capabilities": {key: {"providers": list(value["providers"]), "name": dict(value["name"])}
                         for key, value in CAPABILITIES.items()},
        "integration": dict(INTEGRATION),
        "apps": builder.apps,
    }
    _check(doc)
    return doc


def _check(doc: dict[str, Any]) -> None:
    """Fail loudly if a catalogue edit broke what the product and its tests rely on."""
    apps = doc["apps"]
    codes = {t["code"] for t in doc["taxonomy"]}
    ids = [a["id"] for a in apps]
    known = set(ids)
    providers = {p for cap in doc["capabilities"].values() for p in cap["providers"]}
    problems = [
        (len(apps) < MIN_APPS, f"only {len(apps)} apps; the sample must have at least {MIN_APPS}"),
        (not 40 <= len(codes) <= 60 or len(codes) != len(doc["taxonomy"]), "the taxonomy must have 40-60 unique codes"),
        (len(known) != len(ids), "duplicate app ids"),
        (not all(APP_ID.match(i) for i in ids), "an app id does not match ^[A-Z0-9][A-Z0-9-]{2,62}$"),
        (not all(set(a["functions"]) <= codes for a in apps), "an app uses a function code outside the taxonomy"),
        (not providers <= known or not set(doc["integration"].values()) <= known, "a provider id is not an app"),
    ]
    for failed, why in problems:
        if failed:
            raise ValueError(f"sample registry: {why}")


def write_registry(doc: dict, path: Path) -> None:
    """Write `doc` as compact UTF-8 JSON, gzip-compressed when `path` ends with `.gz`.

    Byte-for-byte reproducible (no timestamp or file name in the gzip header), so the
    committed sample can be checked against a fresh build; written atomically.
    """
    path = Path(path)
    write_atomically(path, registry_bytes(doc, gzipped=path.name.endswith(".gz")))


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the sample registry: `python -m checker.registry_sample [--output FILE]`."""
    from checker.paths import DEFAULT_REGISTRY, REGISTRY_DIR

    parser = argparse.ArgumentParser(prog="python -m checker.registry_sample", description=main.__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_REGISTRY, help="where to write (.json or .json.gz)")
    parser.add_argument("--sources", type=Path, default=REGISTRY_DIR / "sources" / "idn-area",
                        help="folder with provinces.csv and regencies.csv (idn-area-data)")
    args = parser.parse_args(argv)
    started = time.perf_counter()  # reporting only; never part of the output
    doc = build_sample_registry(args.sources)
    write_registry(doc, args.output)
    print(f"wrote {len(doc['apps'])} applications to {args.output} "
          f"({args.output.stat().st_size:,} bytes, {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
