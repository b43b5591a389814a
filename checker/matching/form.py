"""Form words: what kind of software an application is, never which need it serves.

Why: the registry's names are written from a few templates, so a software word its
templates never use ("database", "kanal", "tracker", "checker") has the idf of the rarest
word there is, and in a proposal ("Database Peraturan Daerah", "Kanal Aduan Nelayan") it
outweighs the words that say what the application is for. So does "cek" (check): BPOM's
"Cek Produk" apps made it a rare registry word, and "Cek Tagihan Tanah" read like them on
that word alone; in "Cek Bansos", "Cek Harga", "Cek Zonasi" the need is the object. So does
a way to pay ("QRIS", "nontunai", "cashless": "Bayar Angkot Pakai QRIS" is a transport fare
app), and so does a channel, as "mobile" and "web" do: "KTP di HP" is the digital identity
card and "Aspirasi Warga via WhatsApp" the complaints service, whatever the phone or the
messenger. Such a word weighs at most FORM_IDF in a proposal: about what a word in one app of
a hundred weighs. The words that name a need when they are the object ("bank" sampah,
"antrean", "katalog" of procurement, "super app", "single sign-on", "command center") are
not form words.

Praise words are the same case for how an agency brands an application rather than what
it is for: "AKTA KILAT", "NUNUKAN IZIN CEPAT", "Beasiswa ... Cerdas", "Beasiswa ... Idaman",
"Tanggapi", "24 Jam" (round the clock), "Lelang ... Transparan", "Jalan Mulus" (a smooth road
is what road repairs are for). The
registry's templates never use them, so they too would weigh like the rarest word there
is. They weigh at most FORM_IDF as well. Words that name a need ("siaga" for disaster
alerts, "sehat", "aman", "unggulan" of local products) are not praise words. So are the
words of a new version ("e-Court Generasi Dua", "SISKOHAT Versi 2"): the next release of an
app is the same need.
"""

from __future__ import annotations

FORM_IDF = 4.5
FORM_WORDS = frozenset(
    """
database databases basis kanal channel channels kumpulan collection portal portals platform platforms
dashboard dashboards dasbor hub gateway tracker tracking checker tool tools toolkit suite engine
app apps mobile smart website web situs laman repositori repository direktori directory
online daring virtual cloud terpadu terintegrasi integrated service services himpunan compilation
nontunai cashless qris
cek check
hp handphone ponsel smartphone gawai android ios whatsapp sms email surel qr barcode
""".split()
)
PRAISE_WORDS = frozenset(
    """
cepat kilat ekspres express instan instant quick fast cerdas pintar hebat prima juara mantap keren
gemilang bersinar berkah tanggap tanggapi sigap responsif responsive mudah gampang praktis simpel simple
easy nyaman explorer sahabat gratis free murah idaman jam transparan transparent mulus
generasi generation versi version edisi edition
""".split()
)
