"""Writes bench/duplicates/cases.yaml: the labelled evaluation set for duplicate detection.

Deterministic: the proposals are written by hand below, in the way Indonesian agencies
name applications (acronyms and their expansions, English and Indonesian mixed, typos,
plausible but wrong function codes, super-app modules); only the agency they come from
is picked from the sample registry, by a fixed rotation over its regional governments.

Labels (see bench/duplicates.py for how they are scored):
- `expect.group: FUNCTION#N` - the proposal is the same thing as the apps built from
  the N-th archetype of FUNCTION in checker/registry/samplegen/data/archetypes.yaml (e.g. every "SIMPUS ...",
  "Sistem Informasi Manajemen Puskesmas ...", "e-Puskesmas ...", "Antrean Online
  Puskesmas ..." app); any active one of them, or the shared service owning FUNCTION,
  is a right answer;
- `expect.apps` - explicit right answers (registry ids);
- `expect.shared` - the shared service the proposal duplicates; it must be named;
- `expect: new` - a legitimately new application: any duplicate finding is a false alarm.

Run: .venv/bin/python bench/duplicates/make_cases.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "cases.yaml"

# (category, name, description, declared functions, label); {place} is the agency's place name.
# label: "FUNCTION#N" (archetype group), "SHARED-X" (shared service), or "new".
DUPLICATES_RIGHT_CODE = [
    (
        "Sistem Antrean Puskesmas {place}",
        "Pendaftaran dan antrean pasien puskesmas secara daring.",
        ["KES-PUSKESMAS"],
        "KES-PUSKESMAS#0",
    ),
    (
        "Aplikasi Presensi Pegawai {place}",
        "Presensi harian ASN dengan swafoto dan lokasi, rekap kehadiran pegawai.",
        ["ADM-KEPEGAWAIAN"],
        "ADM-KEPEGAWAIAN#0",
    ),
    (
        "Parkir Non Tunai {place}",
        "Pembayaran retribusi parkir tepi jalan secara non tunai dan pendataan juru parkir.",
        ["LYN-PARKIR"],
        "LYN-PARKIR#0",
    ),
    (
        "Layanan Pengaduan Warga {place}",
        "Warga menyampaikan aduan dan aspirasi; perangkat daerah menindaklanjuti laporan.",
        ["LYN-PENGADUAN"],
        "LYN-PENGADUAN#0",
    ),
    (
        "Perizinan Terpadu Online {place}",
        "Pengajuan izin usaha dan pelacakan status permohonan izin secara daring.",
        ["LYN-PERIZINAN"],
        "LYN-PERIZINAN#0",
    ),
    (
        "Pajak Bumi dan Bangunan Online {place}",
        "Pembayaran PBB dan pelaporan pajak daerah oleh wajib pajak.",
        ["LYN-PAJAK-DAERAH"],
        "LYN-PAJAK-DAERAH#0",
    ),
    (
        "Penerimaan Siswa Baru Online {place}",
        "Pendaftaran peserta didik baru dan seleksi zonasi sekolah negeri.",
        ["PDD-PPDB"],
        "PDD-PPDB#0",
    ),
    (
        "Perpustakaan Online {place}",
        "Katalog koleksi dan peminjaman buku elektronik perpustakaan daerah.",
        ["LYN-PERPUSTAKAAN"],
        "LYN-PERPUSTAKAAN#0",
    ),
    (
        "Pendataan Penerima Bansos {place}",
        "Pendaftaran dan verifikasi calon penerima bantuan sosial daerah.",
        ["SOS-BANSOS"],
        "SOS-BANSOS#0",
    ),
    (
        "Informasi Lowongan Kerja {place}",
        "Bursa lowongan kerja dan pendaftaran pencari kerja.",
        ["NAK-TENAGA-KERJA"],
        "NAK-TENAGA-KERJA#0",
    ),
    (
        "Pemantauan Stunting Balita {place}",
        "Pemantauan status gizi balita dan pencatatan kegiatan posyandu.",
        ["KES-GIZI"],
        "KES-GIZI#0",
    ),
    (
        "Informasi Harga Sembako {place}",
        "Informasi harga bahan pokok harian di pasar rakyat.",
        ["EKO-PASAR"],
        "EKO-PASAR#0",
    ),
    (
        "Bank Sampah Online {place}",
        "Pencatatan tabungan bank sampah warga dan jadwal pengangkutan sampah.",
        ["LHK-PERSAMPAHAN"],
        "LHK-PERSAMPAHAN#0",
    ),
    (
        "Uji Berkala Kendaraan Online {place}",
        "Pendaftaran uji KIR kendaraan dan bukti lulus uji elektronik.",
        ["TRN-PENGUJIAN-KENDARAAN"],
        "TRN-PENGUJIAN-KENDARAAN#0",
    ),
    (
        "Peta Tematik Daerah {place}",
        "Geoportal penyajian peta tematik dan berbagi pakai data geospasial.",
        ["DAT-GEOSPASIAL"],
        "DAT-GEOSPASIAL#0",
    ),
    (
        "Jaringan Dokumentasi Hukum {place}",
        "Publikasi peraturan daerah dan penelusuran produk hukum.",
        ["HKM-JDIH"],
        "HKM-JDIH#0",
    ),
    (
        "Sistem Informasi Pengelolaan Aset Daerah {place}",
        "Inventarisasi barang milik daerah dan penatausahaan aset tetap.",
        ["ADM-ASET"],
        "ADM-ASET#0",
    ),
    (
        "Audit Internal Inspektorat {place}",
        "Perencanaan audit internal dan pemantauan tindak lanjut hasil pemeriksaan.",
        ["ADM-PENGAWASAN"],
        "ADM-PENGAWASAN#0",
    ),
    (
        "Penyaluran Beasiswa Daerah {place}",
        "Pendaftaran dan seleksi penerima beasiswa daerah.",
        ["PDD-BEASISWA"],
        "PDD-BEASISWA#0",
    ),
    (
        "Informasi Destinasi Wisata {place}",
        "Informasi destinasi wisata dan pemesanan tiket objek wisata.",
        ["PAR-PARIWISATA"],
        "PAR-PARIWISATA#0",
    ),
    (
        "Data Kondisi Jalan dan Jembatan {place}",
        "Pendataan kondisi jalan dan jembatan kabupaten.",
        ["PUR-INFRASTRUKTUR"],
        "PUR-INFRASTRUKTUR#0",
    ),
    (
        "Rapor Online Sekolah {place}",
        "Penyusunan rapor peserta didik dan data sekolah.",
        ["PDD-SEKOLAH"],
        "PDD-SEKOLAH#0",
    ),
    (
        "Pendataan Kelompok Tani {place}",
        "Pendataan kelompok tani dan alokasi pupuk bersubsidi.",
        ["PTN-PERTANIAN"],
        "PTN-PERTANIAN#0",
    ),
    (
        "Informasi Kebencanaan {place}",
        "Informasi kejadian bencana dan peringatan dini kepada warga.",
        ["BNC-KEBENCANAAN"],
        "BNC-KEBENCANAAN#0",
    ),
    (
        "Layanan Dokumen Kependudukan Online {place}",
        "Pengajuan akta kelahiran dan kartu keluarga secara daring.",
        ["LYN-ADMINDUK"],
        "LYN-ADMINDUK#0",
    ),
    (
        "Rekam Medis Elektronik Rumah Sakit {place}",
        "Rekam medis elektronik dan pendaftaran pasien rawat jalan RSUD.",
        ["KES-RUMAH-SAKIT"],
        "KES-RUMAH-SAKIT#0",
    ),
    (
        "Panggilan Darurat 112 {place}",
        "Penerimaan panggilan darurat dan koordinasi respons kedaruratan.",
        ["BNC-KEBENCANAAN"],
        "BNC-KEBENCANAAN#1",
    ),
    (
        "Penerangan Jalan Umum Online {place}",
        "Pengelolaan dan pelaporan lampu penerangan jalan umum.",
        ["PUR-INFRASTRUKTUR"],
        "PUR-INFRASTRUKTUR#1",
    ),
    (
        "Sistem Informasi Desa Terpadu {place}",
        "Pengelolaan data dan profil desa serta pelayanan administrasi desa.",
        ["PEM-DESA"],
        "PEM-DESA#0",
    ),
    (
        "Pengujian Kendaraan Bermotor Digital {place}",
        "Pendaftaran uji berkala kendaraan bermotor.",
        ["TRN-PENGUJIAN-KENDARAAN"],
        "TRN-PENGUJIAN-KENDARAAN#0",
    ),
]
DUPLICATES_WRONG_CODE = [
    (
        "Antrean Pasien Puskesmas {place}",
        "Pendaftaran pasien puskesmas dan antrean daring.",
        ["KES-RUMAH-SAKIT"],
        "KES-PUSKESMAS#0",
    ),
    (
        "Parkir Elektronik {place}",
        "Pembayaran parkir non tunai di tepi jalan umum.",
        ["LYN-PAJAK-DAERAH"],
        "LYN-PARKIR#0",
    ),
    (
        "Aplikasi Bansos Terpadu {place}",
        "Penyaluran bantuan sosial daerah kepada warga miskin.",
        ["SOS-KESEJAHTERAAN"],
        "SOS-BANSOS#0",
    ),
    (
        "Portal Lowongan Kerja {place}",
        "Informasi lowongan kerja dan job fair daring.",
        ["EKO-UMKM"],
        "NAK-TENAGA-KERJA#0",
    ),
    (
        "Posyandu Online {place}",
        "Pencatatan kegiatan posyandu dan pemantauan gizi balita.",
        ["KES-PUSKESMAS"],
        "KES-GIZI#0",
    ),
    (
        "Katalog Buku Perpustakaan {place}",
        "Katalog koleksi perpustakaan daerah dan keanggotaan daring.",
        ["PDD-SEKOLAH"],
        "LYN-PERPUSTAKAAN#0",
    ),
    ("Sistem Informasi Harga Pangan {place}", "Informasi harga bahan pokok harian.", ["PTN-PERTANIAN"], "EKO-PASAR#0"),
    (
        "e-Sampah Warga {place}",
        "Jadwal pengangkutan sampah dan retribusi persampahan.",
        ["LHK-LINGKUNGAN"],
        "LHK-PERSAMPAHAN#0",
    ),
    ("Geoportal Daerah {place}", "Penyajian peta tematik daerah.", ["PUR-TATA-RUANG"], "DAT-GEOSPASIAL#0"),
    (
        "Beasiswa Mahasiswa Daerah {place}",
        "Pendaftaran beasiswa daerah bagi mahasiswa berprestasi.",
        ["PDD-SEKOLAH"],
        "PDD-BEASISWA#0",
    ),
    (
        "PPDB Zonasi {place}",
        "Seleksi zonasi dan afirmasi penerimaan peserta didik baru.",
        ["PDD-SEKOLAH"],
        "PDD-PPDB#0",
    ),
    ("Sistem Inventaris Aset {place}", "Inventarisasi barang milik daerah.", ["KEU-PENATAUSAHAAN"], "ADM-ASET#0"),
    (
        "Dukcapil Digital {place}",
        "Pengajuan dokumen kependudukan secara daring.",
        ["IDN-KEPENDUDUKAN"],
        "LYN-ADMINDUK#0",
    ),
    (
        "Desa Digital Terpadu {place}",
        "Profil desa dan pelaporan penggunaan dana desa.",
        ["DAT-STATISTIK"],
        "PEM-DESA#0",
    ),
    (
        "Wisata Online {place}",
        "Pemesanan tiket objek wisata dan kalender acara budaya.",
        ["PAR-KEBUDAYAAN"],
        "PAR-PARIWISATA#0",
    ),
    (
        "Sistem Pengawasan Inspektorat {place}",
        "Audit internal dan tindak lanjut hasil pemeriksaan.",
        ["ADM-KINERJA"],
        "ADM-PENGAWASAN#0",
    ),
]
ACRONYMS = [
    (
        "Sistem Informasi Manajemen Puskesmas Terpadu {place}",
        "Pelayanan pasien di puskesmas.",
        ["KES-PUSKESMAS"],
        "KES-PUSKESMAS#0",
    ),
    ("SIMPUS Online {place}", "Pendaftaran pasien dan rekam medis puskesmas.", ["KES-PUSKESMAS"], "KES-PUSKESMAS#0"),
    (
        "Sistem Informasi Manajemen Barang Daerah {place}",
        "Pengelolaan barang milik daerah.",
        ["ADM-ASET"],
        "ADM-ASET#0",
    ),
    ("SIMRS {place}", "Sistem informasi manajemen rumah sakit daerah.", ["KES-RUMAH-SAKIT"], "KES-RUMAH-SAKIT#0"),
    (
        "Sistem Informasi Manajemen Rumah Sakit RSUD {place}",
        "Pendaftaran pasien rawat jalan.",
        ["KES-RUMAH-SAKIT"],
        "KES-RUMAH-SAKIT#0",
    ),
    (
        "Sistem Informasi Manajemen Pengawasan {place}",
        "Pengawasan internal inspektorat.",
        ["ADM-PENGAWASAN"],
        "ADM-PENGAWASAN#0",
    ),
    ("SIMKEUDA Terpadu {place}", "Penatausahaan keuangan daerah.", ["KEU-PENATAUSAHAAN"], "KEU-PENATAUSAHAAN#0"),
    (
        "Sistem Informasi Manajemen Keuangan Daerah {place}",
        "Penerbitan SP2D dan pengelolaan kas daerah.",
        ["KEU-PENATAUSAHAAN"],
        "KEU-PENATAUSAHAAN#0",
    ),
    ("SIMTARU {place}", "Informasi rencana tata ruang wilayah.", ["PUR-TATA-RUANG"], "PUR-TATA-RUANG#0"),
    (
        "Sistem Informasi Tata Ruang Terpadu {place}",
        "Kesesuaian pemanfaatan ruang.",
        ["PUR-TATA-RUANG"],
        "PUR-TATA-RUANG#0",
    ),
    ("JDIH Online {place}", "Produk hukum daerah.", ["HKM-JDIH"], "HKM-JDIH#0"),
    ("PPID Digital {place}", "Permohonan informasi publik.", ["LYN-INFORMASI-PUBLIK"], "LYN-INFORMASI-PUBLIK#0"),
    (
        "Pejabat Pengelola Informasi dan Dokumentasi {place}",
        "Permohonan informasi publik dan keberatan.",
        ["LYN-INFORMASI-PUBLIK"],
        "LYN-INFORMASI-PUBLIK#0",
    ),
    (
        "Sistem Informasi Kearsipan Dinamis Terintegrasi {place}",
        "Surat menyurat dan arsip dinamis perangkat daerah.",
        ["DAT-STATISTIK"],
        "SHARED-SRIKANDI",
    ),
    (
        "Sistem Informasi Manajemen Kepegawaian Daerah {place}",
        "Data pegawai, mutasi dan kenaikan pangkat.",
        ["ADM-KEPEGAWAIAN"],
        "ADM-KEPEGAWAIAN#0",
    ),
]
ENGLISH = [
    ("Smart Parking {place}", "Cashless parking payment and parking spot data.", ["LYN-PARKIR"], "LYN-PARKIR#0"),
    (
        "Citizen Complaint Handling System {place}",
        "Citizens report problems and track the follow-up.",
        ["LYN-INFORMASI-PUBLIK"],
        "SHARED-LAPOR",
    ),
    (
        "Primary Health Center Queue {place}",
        "Online patient registration for puskesmas.",
        ["KES-PUSKESMAS"],
        "KES-PUSKESMAS#0",
    ),
    ("Digital Library {place}", "E-book lending and library catalogue.", ["LYN-PERPUSTAKAAN"], "LYN-PERPUSTAKAAN#0"),
    ("Job Portal {place}", "Job vacancies and job seeker registration.", ["NAK-TENAGA-KERJA"], "NAK-TENAGA-KERJA#0"),
    (
        "Tourism Information System {place}",
        "Tourist destinations and ticket booking.",
        ["PAR-PARIWISATA"],
        "PAR-PARIWISATA#0",
    ),
    (
        "Waste Bank App {place}",
        "Household waste bank savings and garbage collection schedule.",
        ["LHK-PERSAMPAHAN"],
        "LHK-PERSAMPAHAN#0",
    ),
    (
        "Social Assistance Information System {place}",
        "Registration and distribution of social aid.",
        ["SOS-BANSOS"],
        "SOS-BANSOS#0",
    ),
    ("Regional Tax Online {place}", "Regional tax reporting and payment.", ["LYN-PAJAK-DAERAH"], "LYN-PAJAK-DAERAH#0"),
    (
        "Employee Attendance System {place}",
        "Daily attendance of civil servants.",
        ["ADM-KEPEGAWAIAN"],
        "ADM-KEPEGAWAIAN#0",
    ),
    (
        "Electronic Procurement System {place}",
        "Tender and procurement of goods and services.",
        ["ADM-PENGADAAN"],
        "ADM-PENGADAAN#0",
    ),
    ("Open Data Portal {place}", "Publishing open government datasets.", ["DAT-SATUDATA"], "DAT-SATUDATA#0"),
    (
        "Disaster Early Warning {place}",
        "Disaster early warning for residents.",
        ["BNC-KEBENCANAAN"],
        "BNC-KEBENCANAAN#0",
    ),
    ("School Admission Online {place}", "New student admission and zoning selection.", ["PDD-PPDB"], "PDD-PPDB#0"),
    ("Business Licensing Online {place}", "Business permit applications.", ["LYN-PERIZINAN"], "LYN-PERIZINAN#0"),
]
TYPOS = [
    ("Sistem Infromasi Kepegawain {place}", "Pengelolaan data pegawai.", ["ADM-KEPEGAWAIAN"], "ADM-KEPEGAWAIAN#0"),
    ("Antrian Puskesmass Online {place}", "Antrean pasien puskesmas.", ["KES-PUSKESMAS"], "KES-PUSKESMAS#0"),
    ("e-Perijinan {place}", "Pengajuan izin usaha.", ["LYN-PERIZINAN"], "LYN-PERIZINAN#0"),
    ("Sistem Informasi Parkr {place}", "Retribusi parkir.", ["LYN-PARKIR"], "LYN-PARKIR#0"),
    ("Perpustkaan Digital {place}", "Peminjaman buku elektronik.", ["LYN-PERPUSTAKAAN"], "LYN-PERPUSTAKAAN#0"),
    ("Bantuan Sosal Online {place}", "Penyaluran bantuan sosial.", ["SOS-BANSOS"], "SOS-BANSOS#0"),
    ("Pengaduan Masyarkat {place}", "Aduan warga.", ["LYN-PENGADUAN"], "LYN-PENGADUAN#0"),
    ("Sistim Informasi Pariwisata {place}", "Destinasi wisata.", ["PAR-PARIWISATA"], "PAR-PARIWISATA#0"),
    ("Bursa Kerj Online {place}", "Lowongan kerja.", ["NAK-TENAGA-KERJA"], "NAK-TENAGA-KERJA#0"),
    ("Geoportl {place}", "Peta tematik daerah.", ["DAT-GEOSPASIAL"], "DAT-GEOSPASIAL#0"),
    ("Sistem Infomasi Gizi Balita {place}", "Status gizi balita dan stunting.", ["KES-GIZI"], "KES-GIZI#0"),
    ("Pajak Daerh Online {place}", "Pembayaran pajak daerah.", ["LYN-PAJAK-DAERAH"], "LYN-PAJAK-DAERAH#0"),
]
# kind module (extends the super app) or extension; host excluded from suggestions.
MODULES = [
    (
        "module",
        "Modul Parkir {place}",
        "Pembayaran parkir non tunai di dalam aplikasi super.",
        ["LYN-PARKIR"],
        "LYN-PARKIR#0",
    ),
    (
        "module",
        "Modul Antrean Puskesmas {place}",
        "Antrean pasien puskesmas di aplikasi super warga.",
        ["KES-PUSKESMAS"],
        "KES-PUSKESMAS#0",
    ),
    (
        "module",
        "Modul Perpustakaan Digital {place}",
        "Peminjaman buku elektronik.",
        ["LYN-PERPUSTAKAAN"],
        "LYN-PERPUSTAKAAN#0",
    ),
    (
        "module",
        "Modul Lowongan Kerja {place}",
        "Informasi lowongan kerja bagi warga.",
        ["NAK-TENAGA-KERJA"],
        "NAK-TENAGA-KERJA#0",
    ),
    ("module", "Modul PPDB {place}", "Pendaftaran peserta didik baru.", ["PDD-PPDB"], "PDD-PPDB#0"),
    ("module", "Modul Wisata {place}", "Informasi destinasi dan tiket wisata.", ["PAR-PARIWISATA"], "PAR-PARIWISATA#0"),
    ("module", "Modul Bansos {place}", "Pendaftaran penerima bantuan sosial.", ["SOS-BANSOS"], "SOS-BANSOS#0"),
    (
        "module",
        "Modul Pajak Daerah {place}",
        "Pembayaran pajak daerah dan PBB.",
        ["LYN-PAJAK-DAERAH"],
        "LYN-PAJAK-DAERAH#0",
    ),
    ("module", "Modul Perizinan Usaha {place}", "Pengajuan izin usaha daerah.", ["LYN-PERIZINAN"], "LYN-PERIZINAN#0"),
    ("module", "Modul Informasi Harga Pangan {place}", "Harga bahan pokok harian.", ["EKO-PASAR"], "EKO-PASAR#0"),
    ("module", "Modul Kependudukan {place}", "Pengajuan dokumen kependudukan.", ["LYN-ADMINDUK"], "LYN-ADMINDUK#0"),
    ("module", "Modul Bank Sampah {place}", "Tabungan bank sampah warga.", ["LHK-PERSAMPAHAN"], "LHK-PERSAMPAHAN#0"),
]
SHARED_WRONG_CODE = [
    (
        "e-Office {place}",
        "Tata naskah dinas elektronik, surat masuk dan keluar, disposisi.",
        ["DAT-STATISTIK"],
        "SHARED-SRIKANDI",
    ),
    ("Persuratan Digital {place}", "Pengelolaan surat dinas dan arsip dinamis.", ["ADM-KINERJA"], "SHARED-SRIKANDI"),
    (
        "Aplikasi Pengaduan Masyarakat {place}",
        "Penyampaian pengaduan dan aspirasi warga.",
        ["LYN-PORTAL"],
        "SHARED-LAPOR",
    ),
    (
        "Tanda Tangan Digital Dokumen Dinas {place}",
        "Penandatanganan dokumen secara elektronik tersertifikasi.",
        ["ADM-ARSIP"],
        "SHARED-BSRE",
    ),
    (
        "Single Sign On Pegawai dan Warga {place}",
        "Satu akun untuk masuk ke seluruh aplikasi daerah.",
        ["LYN-PORTAL"],
        "SHARED-INAPAS",
    ),
    (
        "Sistem Informasi Manajemen Kepegawaian {place}",
        "Data pegawai, kenaikan pangkat, mutasi.",
        ["DAT-STATISTIK"],
        "SHARED-SIASN",
    ),
    (
        "e-Procurement Barang dan Jasa {place}",
        "Tender dan pengadaan barang jasa secara elektronik.",
        ["ADM-ASET"],
        "SHARED-SPSE",
    ),
    ("e-Budgeting APBD {place}", "Perencanaan dan penganggaran daerah.", ["KEU-PENATAUSAHAAN"], "SHARED-SIPD"),
    ("Portal Open Data {place}", "Katalog data terbuka dan publikasi dataset.", ["DAT-STATISTIK"], "SHARED-SATUDATA"),
    (
        "API Gateway Daerah {place}",
        "Pertukaran data antarperangkat daerah melalui API.",
        ["DAT-STATISTIK"],
        "SHARED-SPLP",
    ),
    ("KTP Digital {place}", "Identitas kependudukan digital dan verifikasi NIK.", ["LYN-ADMINDUK"], "SHARED-IKD"),
    (
        "Penilaian Kinerja Pegawai {place}",
        "Sasaran kinerja pegawai dan penilaian kinerja ASN.",
        ["ADM-KEPEGAWAIAN"],
        "SHARED-EKINERJA",
    ),
    (
        "Produk Hukum dan Peraturan Daerah {place}",
        "Dokumentasi dan informasi hukum daerah.",
        ["LYN-PORTAL"],
        "SHARED-JDIHN",
    ),
    ("Lapor Bupati {place}", "Kanal aduan warga kepada kepala daerah.", ["LYN-INFORMASI-PUBLIK"], "SHARED-LAPOR"),
    (
        "Layanan Pengadaan Secara Elektronik {place}",
        "Lelang dan tender pengadaan pemerintah daerah.",
        ["LYN-PERIZINAN"],
        "SHARED-SPSE",
    ),
    (
        "Sistem Informasi Pemerintahan Daerah {place}",
        "Perencanaan pembangunan, penganggaran, dan penatausahaan keuangan daerah.",
        ["KEU-PENATAUSAHAAN"],
        "SHARED-SIPD",
    ),
]
NEW = [
    (
        "Sistem Informasi Pengadaan Tanah {place}",
        "Inventarisasi bidang tanah, musyawarah ganti kerugian dan pelepasan hak untuk pembangunan jalan.",
        ["PUR-TATA-RUANG"],
    ),
    (
        "Monitoring Kinerja BUMD {place}",
        "Pemantauan laporan keuangan dan dividen badan usaha milik daerah.",
        ["KEU-PENATAUSAHAAN"],
    ),
    ("Pemantauan Gunung Api {place}", "Sensor seismik dan status aktivitas gunung api bagi BPBD.", ["BNC-KEBENCANAAN"]),
    (
        "Pengelolaan Tempat Pemakaman Umum {place}",
        "Pendataan petak makam dan izin penggunaan lahan makam.",
        ["PUR-TATA-RUANG"],
    ),
    (
        "Pendaftaran Hewan Kurban {place}",
        "Pendataan dan pemeriksaan kesehatan hewan kurban menjelang Iduladha.",
        ["AGM-KEAGAMAAN"],
    ),
    (
        "Pemantauan Tinggi Muka Air Sungai {place}",
        "Sensor ketinggian air sungai untuk peringatan banjir di daerah aliran sungai.",
        ["PUR-INFRASTRUKTUR"],
    ),
    (
        "Monitoring Daya Listrik Gedung Pemerintah {place}",
        "Pemantauan konsumsi energi listrik gedung kantor pemerintah.",
        ["ENR-ENERGI"],
    ),
    (
        "Pemetaan Potensi Panas Bumi {place}",
        "Data survei panas bumi dan wilayah kerja energi terbarukan.",
        ["ENR-ENERGI"],
    ),
    (
        "Penyewaan Alat Berat {place}",
        "Jadwal dan tarif sewa alat berat milik Dinas Pekerjaan Umum.",
        ["PUR-INFRASTRUKTUR"],
    ),
    (
        "Pengelolaan Rumah Susun Sewa {place}",
        "Pendaftaran penghuni, tagihan sewa dan perawatan rusunawa.",
        ["PUR-TATA-RUANG"],
    ),
    (
        "Antrean Kapal Penyeberangan {place}",
        "Pemesanan tiket dan antrean kendaraan di pelabuhan penyeberangan.",
        ["TRN-ANGKUTAN"],
    ),
    (
        "Pengukuran Kepuasan Masyarakat {place}",
        "Survei indeks kepuasan masyarakat atas unit layanan publik.",
        ["LYN-INFORMASI-PUBLIK"],
    ),
    (
        "Laboratorium Kesehatan Daerah {place}",
        "Pendaftaran sampel dan hasil uji laboratorium kesehatan daerah.",
        ["KES-PUSKESMAS"],
    ),
    (
        "Pengawasan Menara Telekomunikasi {place}",
        "Pendataan menara telekomunikasi dan retribusi pengendaliannya.",
        ["PUR-TATA-RUANG"],
    ),
    (
        "Kalibrasi Alat Kesehatan {place}",
        "Jadwal kalibrasi dan sertifikat alat kesehatan fasilitas kesehatan.",
        ["KES-RUMAH-SAKIT"],
    ),
    ("Sistem Pakar Hama Tanaman {place}", "Diagnosis hama dan penyakit tanaman padi bagi penyuluh.", ["PTN-PERTANIAN"]),
    (
        "Pendaftaran Atlet Pekan Olahraga Daerah {place}",
        "Pendaftaran atlet, cabang olahraga dan jadwal pertandingan porda.",
        ["PAR-KEBUDAYAAN"],
    ),
    (
        "Pemantauan Abrasi Pantai {place}",
        "Pengukuran garis pantai dan laporan abrasi di wilayah pesisir.",
        ["LHK-LINGKUNGAN"],
    ),
    (
        "Pencatatan Hibah kepada Organisasi Kemasyarakatan {place}",
        "Usulan, verifikasi dan pertanggungjawaban hibah daerah kepada ormas.",
        ["KEU-PENATAUSAHAAN"],
    ),
    (
        "Bank Darah Rumah Sakit {place}",
        "Stok kantong darah dan permintaan darah antarrumah sakit.",
        ["KES-RUMAH-SAKIT"],
    ),
    (
        "Inventarisasi Pohon Pelindung Kota {place}",
        "Pendataan pohon peneduh jalan dan jadwal pemangkasan.",
        ["LHK-LINGKUNGAN"],
    ),
    (
        "Pengelolaan Air Limbah Domestik {place}",
        "Jadwal penyedotan tangki septik dan instalasi pengolahan lumpur tinja.",
        ["PUR-INFRASTRUKTUR"],
    ),
    (
        "Simulasi Evakuasi Tsunami {place}",
        "Latihan evakuasi tsunami dengan realitas virtual bagi sekolah pesisir.",
        ["BNC-KEBENCANAAN"],
    ),
    (
        "Registrasi Tanah Ulayat {place}",
        "Pendataan wilayah adat dan tanah ulayat masyarakat hukum adat.",
        ["PUR-TATA-RUANG"],
    ),
    (
        "Kebun Bibit Rakyat {place}",
        "Pembagian bibit pohon kepada kelompok masyarakat untuk penghijauan.",
        ["LHK-LINGKUNGAN"],
    ),
    (
        "Pemantauan Kualitas Air Laut {place}",
        "Pengambilan sampel air laut di pelabuhan dan kawasan budidaya.",
        ["PTN-PERIKANAN"],
    ),
    (
        "Sistem Informasi Tera Ulang Timbangan {place}",
        "Jadwal tera ulang alat ukur, takar, timbang pedagang.",
        ["EKO-PASAR"],
    ),
    ("Penilaian Lomba Desa {place}", "Penilaian juri dan rekap nilai lomba desa tingkat kabupaten.", ["PEM-DESA"]),
    (
        "Perhitungan Zakat Profesi ASN {place}",
        "Potongan zakat profesi aparatur dan penyaluran melalui BAZNAS daerah.",
        ["AGM-KEAGAMAAN"],
    ),
    (
        "Manajemen Kebun Raya Daerah {place}",
        "Koleksi tumbuhan, tiket masuk dan penelitian kebun raya.",
        ["LHK-LINGKUNGAN"],
    ),
    ("Pengelolaan Gedung Olahraga {place}", "Reservasi lapangan dan gedung olahraga milik daerah.", ["PAR-KEBUDAYAAN"]),
    (
        "Sistem Informasi Pusat Kebugaran Lansia {place}",
        "Jadwal senam dan pemeriksaan kebugaran warga lanjut usia.",
        ["SOS-KESEJAHTERAAN"],
    ),
    (
        "Rehabilitasi Terumbu Karang {place}",
        "Pendataan transplantasi karang dan pemantauan ekosistem laut.",
        ["PTN-PERIKANAN"],
    ),
    (
        "Pengawasan Peredaran Minuman Beralkohol {place}",
        "Izin edar dan pengawasan penjual minuman beralkohol.",
        ["KAM-KETERTIBAN"],
    ),
    (
        "Penanganan Hewan Rabies {place}",
        "Laporan gigitan hewan penular rabies dan vaksinasi anjing.",
        ["PTN-PERTANIAN"],
    ),
    (
        "Pengelolaan Taman Kota {place}",
        "Jadwal perawatan dan reservasi ruang terbuka hijau taman kota.",
        ["LHK-LINGKUNGAN"],
    ),
    ("Pendataan Rumah Ibadah {place}", "Data rumah ibadah dan bantuan operasional tempat ibadah.", ["AGM-KEAGAMAAN"]),
    (
        "Pengelolaan Pelabuhan Perikanan {place}",
        "Tambat labuh kapal dan retribusi pelabuhan perikanan.",
        ["PTN-PERIKANAN"],
    ),
    ("Pemantauan Pembangunan Smelter {place}", "Progres pembangunan fasilitas pemurnian mineral.", ["ENR-ENERGI"]),
    (
        "Sistem Informasi Pemadam Hutan {place}",
        "Titik panas dan patroli pencegahan kebakaran hutan dan lahan.",
        ["LHK-LINGKUNGAN"],
    ),
    (
        "Manajemen Rumah Potong Hewan {place}",
        "Jadwal pemotongan dan pemeriksaan daging di rumah potong hewan.",
        ["PTN-PERTANIAN"],
    ),
    (
        "Layanan Konseling Remaja {place}",
        "Konseling kesehatan jiwa remaja secara daring oleh psikolog puskesmas.",
        ["KES-PUSKESMAS"],
    ),
    (
        "Sistem Informasi Pemilihan Kepala Desa {place}",
        "Pendaftaran calon, daftar pemilih dan rekap suara pilkades.",
        ["PEM-DESA"],
    ),
    (
        "Pengelolaan Dana Bergulir Koperasi {place}",
        "Pinjaman dana bergulir dan angsuran koperasi simpan pinjam.",
        ["EKO-UMKM"],
    ),
    ("Sertifikasi Laik Fungsi Bangunan {place}", "Pemeriksaan kelaikan fungsi bangunan gedung.", ["PUR-TATA-RUANG"]),
]


def regions() -> list[dict[str, str]]:
    """Regional governments of the sample registry, in code order (the rotation is fixed)."""
    doc = json.loads(gzip.decompress((ROOT / "registry" / "national-registry.json.gz").read_bytes()))
    agencies = {a["agency"]["code"]: a["agency"] for a in doc["apps"] if a["agency"].get("level") != "central"}
    return [agencies[code] for code in sorted(agencies)]


def place(agency: dict[str, str]) -> str:
    name = agency["name"]
    for title in ("Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Provinsi ", "Pemerintah "):
        if name.startswith(title):
            return ("Kota " if title == "Pemerintah Kota " else "") + name[len(title) :]
    return name


def main() -> None:
    pool = regions()
    step = 37  # coprime with 552: every region is visited before any repeats
    cases = []

    def agency_for(n: int) -> dict[str, str]:
        return pool[(n * step) % len(pool)]

    def add(
        category: str,
        name: str,
        description: str,
        functions: list[str],
        label: str,
        kind: str = "new",
        extends: str = "",
    ) -> None:
        agency = agency_for(len(cases))
        where = place(agency)
        case = {
            "id": f"c{len(cases) + 1:03d}-{category}",
            "category": category,
            "agency": {"code": agency["code"], "name": agency["name"]},
            "name": name.format(place=where),
            "description": description,
            "kind": kind,
            "functions": functions,
        }
        if extends:
            case["extends"] = extends
        if label == "new":
            case["expect"] = "new"
        elif label.startswith("SHARED-"):
            case["expect"] = {"shared": label, "apps": [label]}
        else:
            case["expect"] = {"group": label}
        cases.append(case)

    for row in DUPLICATES_RIGHT_CODE:
        add("right-code", *row)
    for row in DUPLICATES_WRONG_CODE:
        add("wrong-code", *row)
    for row in ACRONYMS:
        add("acronym", *row)
    for row in ENGLISH:
        add("english", *row)
    for row in TYPOS:
        add("typo", *row)
    for kind, name, description, functions, label in MODULES:
        add("module", name, description, functions, label, kind=kind, extends="SHARED-INAKU")
    for row in SHARED_WRONG_CODE:
        add("shared-wrong-code", *row)
    for name, description, functions in NEW:
        add("new", name, description, functions, "new")
    header = (
        "# Labelled evaluation set for duplicate detection (issue 10). Generated by\n"
        "# bench/duplicates/make_cases.py; scored by bench/duplicates.py. Synthetic proposals.\n"
    )
    OUT.write_text(
        header + yaml.safe_dump({"cases": cases}, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
    )
    print(f"{len(cases)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
