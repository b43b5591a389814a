# MOR: the moratorium on new applications.
#
# New needs are met by shared services, by the agency's own applications and by
# modules of the citizen super app; a new standalone application is the exception.
# Per proposed function at most one of MOR-002 (a shared service owns it),
# MOR-003 (the agency already runs it) and MOR-004 (other agencies run it) is
# reported, in that order: the strongest finding names what to reuse.
package spbe.mor

import rego.v1

import data.spbe.config
import data.spbe.lib.manifest
import data.spbe.lib.registry

# METADATA
# title: New applications need a justification
# description: >-
#   Under the moratorium on new government applications a new standalone application
#   is an exception that has to be argued. The justification explains why no
#   registered application or shared service can meet the need, so that reviewers
#   can judge the exception. A reviewer expects to read, in sentences, which
#   registered applications and shared services were considered and why each of
#   them cannot serve the need (a missing function, a legal mandate, a scale or a
#   data constraint). Text that only fills the space is refused: it must be at
#   least justification_min_length characters, contain letters, and use at least
#   justification_min_distinct_words different words of two or more letters, each
#   of which is not one letter repeated (so "xxxx", "lorem lorem lorem" or
#   "1234567890..." do not count).
# custom:
#   id: SPBE-MOR-001
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Aplikasi baru wajib disertai justifikasi
#       description: >-
#         Dalam moratorium pembangunan aplikasi baru, aplikasi mandiri yang baru
#         merupakan pengecualian yang harus dijelaskan alasannya. Justifikasi
#         menerangkan mengapa tidak ada aplikasi terdaftar atau layanan bersama yang
#         dapat memenuhi kebutuhan, sehingga peninjau dapat menilai pengecualian tersebut.
#         Peninjau berharap membaca, dalam kalimat, aplikasi terdaftar dan layanan
#         bersama mana yang telah dipertimbangkan dan mengapa masing-masing tidak dapat
#         memenuhi kebutuhan (fungsi yang tidak tersedia, mandat hukum, skala, atau
#         batasan data). Teks yang hanya mengisi ruang ditolak: panjangnya sekurang-kurangnya
#         justification_min_length karakter, memuat huruf, dan memakai sekurang-kurangnya
#         justification_min_distinct_words kata berbeda yang terdiri atas dua huruf atau
#         lebih dan bukan satu huruf yang diulang.
#   remediation:
#     en: >-
#       Write in spec.justification which registered applications and shared services
#       were considered and why none of them can serve the need, or propose a module
#       or an extension of an existing application instead.
#     id: >-
#       Tuliskan dalam spec.justification aplikasi terdaftar dan layanan bersama yang
#       telah dipertimbangkan serta alasan tidak satu pun dapat memenuhi kebutuhan,
#       atau ajukan modul atau pengembangan aplikasi yang sudah ada.
#   reference: >-
#     Perpres 82/2023 tentang Percepatan Transformasi Digital dan Keterpaduan Layanan
#     Digital Nasional; Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik
deny contains violation if {
	manifest.kind == "new"
	problem := justification_problem
	violation := data.spbe.lib.report.violation("SPBE-MOR-001", "spec.justification", problem.en, problem.id, [])
}

# METADATA
# title: No function already provided by a shared service
# description: >-
#   Functions that a shared general application (aplikasi umum berbagi pakai)
#   provides must be taken from it, not rebuilt by each agency. Only a module or an
#   extension of that shared service itself may carry its function.
# custom:
#   id: SPBE-MOR-002
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Fungsi yang sudah dilayani layanan bersama tidak boleh dibangun ulang
#       description: >-
#         Fungsi yang sudah disediakan oleh aplikasi umum berbagi pakai wajib
#         digunakan dari layanan tersebut dan tidak dibangun ulang oleh setiap instansi.
#         Hanya modul atau pengembangan dari layanan bersama itu sendiri yang boleh
#         memuat fungsinya.
#   remediation:
#     en: >-
#       Remove the function from spec.functions and use the shared service named in
#       the message, or propose the work as a module or an extension of that service.
#     id: >-
#       Hapus fungsi tersebut dari spec.functions dan gunakan layanan bersama yang
#       disebut dalam pesan, atau ajukan pekerjaan ini sebagai modul atau pengembangan
#       layanan tersebut.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (aplikasi umum
#     berbagi pakai); Perpres 82/2023 tentang Percepatan Transformasi Digital dan
#     Keterpaduan Layanan Digital Nasional
deny contains violation if {
	some i, code in manifest.functions
	owners := competing_owners[code]
	owner_labels := data.spbe.lib.registry.labels(owners)
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-002",
		sprintf("spec.functions[%d]", [i]),
		sprintf(
			"Function %s is already provided by %s %s. Use that service instead of building your own application.",
			[data.spbe.lib.registry.function_label(code, "en"), shared_service_noun(owners), owner_labels],
		),
		sprintf(
			"Fungsi %s sudah dilayani oleh layanan bersama %s. Gunakan layanan tersebut alih-alih membangun aplikasi sendiri.",
			[data.spbe.lib.registry.function_label(code, "id"), owner_labels],
		),
		data.spbe.lib.report.suggest(owners),
	)
}

# METADATA
# title: No second application for what the agency already runs
# description: >-
#   An agency that already runs an active application for the same need extends or
#   replaces it instead of building a second one. The deny needs evidence: one of the
#   agency's own active applications is the same thing by meaning (a similarity of at
#   least similarity.same_thing in policies/spbe/config/data.json), not only the same
#   coarse function code. An own application with the same code and a weaker but real
#   similarity (at least similarity.reuse, or the proposal's description alone at least
#   similarity.reuse_description with the whole text at least similarity.reuse_floor, as
#   for MOR-004's candidates: an English or branded name must not hide the agency's own
#   application) is a warning, and so is one with the function the proposal reads like
#   (facts.inferred) when it declares another code: a wrong code must not hide the
#   agency's own application. When other agencies' applications of the declared code, or
#   of the function read, resemble the proposal (MOR-004's candidates), an own application
#   of that code is named from similarity.own_code: the need is that function's, and the
#   app to extend is the agency's own, not another region's, so the text need only
#   resemble it faintly ("Pakpak Bharat Rural Bus Tracker" and the regency's "Trans Pakpak
#   Bharat"); under own_code the agency's other applications of a broad code are no
#   evidence. A region's own application of that code (declared or read) is also named
#   when it is as close to the proposal as the registry's nearest application
#   (similarity.own_nearest_share of its score, and at least similarity.own_nearest): a
#   region runs one or two applications of a function, so its own being the nearest is
#   the evidence ("Akta Lahir dari Rumah Jember" and the regency's "Dukcapil Online
#   Jember"); a ministry runs tens, and a new one is always nearest to a sibling.
#   Applications the proposal replaces or extends do not count.
# custom:
#   id: SPBE-MOR-003
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Tidak ada aplikasi kedua untuk kebutuhan yang sudah dijalankan instansi
#       description: >-
#         Instansi yang sudah mengoperasikan aplikasi aktif untuk kebutuhan yang sama
#         mengembangkan atau menggantikan aplikasi tersebut, bukan membangun aplikasi
#         kedua. Penolakan memerlukan bukti: salah satu aplikasi aktif instansi sendiri
#         memiliki makna yang sama (kemiripan sekurang-kurangnya similarity.same_thing),
#         bukan hanya kode fungsi yang sama. Aplikasi sendiri dengan kode yang sama dan
#         kemiripan yang lebih lemah (sekurang-kurangnya similarity.reuse, atau deskripsi
#         usulan saja sekurang-kurangnya similarity.reuse_description dengan keseluruhan teks
#         sekurang-kurangnya similarity.reuse_floor, seperti kandidat MOR-004: nama berbahasa
#         Inggris atau nama merek tidak boleh menyembunyikan aplikasi instansi sendiri) menjadi
#         peringatan, demikian pula aplikasi sendiri dengan fungsi yang terbaca dari usulan
#         (facts.inferred) bila usulan mencantumkan kode lain: kode yang keliru tidak boleh
#         menyembunyikan aplikasi instansi sendiri. Bila aplikasi instansi lain dengan kode
#         yang dicantumkan, atau dengan fungsi yang terbaca, mirip dengan usulan (kandidat
#         MOR-004), aplikasi sendiri dengan kode itu disebutkan mulai similarity.own_code:
#         kebutuhannya adalah fungsi itu, dan yang dikembangkan adalah aplikasi instansi
#         sendiri, bukan milik daerah lain, sehingga teks usulan cukup sedikit mirip
#         dengannya; di bawah own_code, aplikasi lain instansi dengan kode yang luas bukan
#         bukti. Aplikasi sendiri milik daerah dengan kode itu (dicantumkan atau terbaca)
#         juga disebutkan bila sama dekatnya dengan usulan seperti aplikasi terdekat di
#         registri (sekurang-kurangnya similarity.own_nearest_share dari skornya, dan
#         sekurang-kurangnya similarity.own_nearest): daerah menjalankan satu atau dua
#         aplikasi per fungsi, sehingga aplikasinya sendiri yang terdekat adalah buktinya
#         ("Akta Lahir dari Rumah Jember" dan "Dukcapil Online Jember" milik kabupaten
#         itu); kementerian menjalankan puluhan, dan aplikasi baru selalu terdekat dengan
#         salah satunya.
#         Aplikasi yang digantikan atau dikembangkan oleh usulan ini tidak dihitung.
#   remediation:
#     en: >-
#       Propose an extension of the existing application (spec.kind extension with
#       spec.extends), or list it in spec.replaces when this proposal retires it (for
#       example a super-app module that takes over a standalone application). If it is
#       a different thing, say how in the name and description.
#     id: >-
#       Ajukan pengembangan aplikasi yang sudah ada (spec.kind extension dengan
#       spec.extends), atau cantumkan aplikasi tersebut dalam spec.replaces apabila
#       usulan ini menggantikannya (misalnya modul aplikasi super yang mengambil alih
#       aplikasi mandiri). Jika berbeda, jelaskan perbedaannya dalam nama dan deskripsi.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik; Perpres 132/2022
#     tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional
deny contains violation if {
	count(own_same_thing) > 0
	listing := concat(", ", [similar_label(s, "en") | some s in own_same_thing])
	listing_id := concat(", ", [similar_label(s, "id") | some s in own_same_thing])
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-003",
		own_same_thing_field,
		sprintf(
			"%s already runs an active application that is the same thing as this proposal: %s. Extend that application instead of building another one, or list it in spec.replaces if this proposal retires it.",
			[manifest.agency_label, listing],
		),
		sprintf(
			"%s sudah mengoperasikan aplikasi aktif yang sama dengan usulan ini: %s. Kembangkan aplikasi tersebut alih-alih membangun aplikasi lain, atau cantumkan dalam spec.replaces apabila usulan ini menggantikannya.",
			[manifest.agency_label, listing_id],
		),
		similar_suggestions(own_same_thing),
	)
}

warn contains violation if {
	count(own_same_thing) == 0
	some i, code in manifest.functions
	weak := own_named_with_code(code)
	count(weak) > 0
	listing := concat(", ", [similar_label(s, "en") | some s in weak])
	listing_id := concat(", ", [similar_label(s, "id") | some s in weak])
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-003",
		sprintf("spec.functions[%d]", [i]),
		sprintf(
			"%s already runs an active application with function %s that resembles this proposal: %s. If it serves the same need, extend it or list it in spec.replaces; if not, say in the description how this one differs.",
			[manifest.agency_label, data.spbe.lib.registry.function_label(code, "en"), listing],
		),
		sprintf(
			"%s sudah mengoperasikan aplikasi aktif dengan fungsi %s yang mirip dengan usulan ini: %s. Jika melayani kebutuhan yang sama, kembangkan atau cantumkan dalam spec.replaces; jika tidak, jelaskan perbedaannya dalam deskripsi.",
			[manifest.agency_label, data.spbe.lib.registry.function_label(code, "id"), listing_id],
		),
		similar_suggestions(weak),
	)
}

warn contains violation if {
	count(own_same_thing) == 0
	count(own_similar_under_declared_codes) == 0 # the warning above already names them
	some inferred in manifest.inferred
	code := inferred.code
	not code in manifest.functions
	weak := own_named_with_code(code)
	count(weak) > 0
	listing := concat(", ", [similar_label(s, "en") | some s in weak])
	listing_id := concat(", ", [similar_label(s, "id") | some s in weak])
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-003",
		"spec.functions",
		sprintf(
			"This proposal reads like function %s (%s), but it declares %s, and %s already runs an active application with that function that resembles it: %s. If it serves the same need, extend it or list it in spec.replaces; if not, say in the description how this one differs.",
			[data.spbe.lib.registry.function_label(code, "en"), reads_like_evidence_en(inferred), concat(", ", manifest.functions), manifest.agency_label, listing],
		),
		sprintf(
			"Usulan ini terbaca sebagai fungsi %s (%s), tetapi mencantumkan %s, dan %s sudah mengoperasikan aplikasi aktif dengan fungsi tersebut yang mirip dengan usulan ini: %s. Jika melayani kebutuhan yang sama, kembangkan atau cantumkan dalam spec.replaces; jika tidak, jelaskan perbedaannya dalam deskripsi.",
			[data.spbe.lib.registry.function_label(code, "id"), reads_like_evidence_id(inferred), concat(", ", manifest.functions), manifest.agency_label, listing_id],
		),
		similar_suggestions(weak),
	)
}

# METADATA
# title: Other agencies already run this function
# description: >-
#   When other agencies already run applications for the same function and some of
#   them resemble the proposal (a similarity of at least similarity.reuse, or the
#   proposal's description alone at least similarity.reuse_description with the whole
#   text at least similarity.reuse_floor: a branded or English name must not hide the
#   app; or the registry's nearest app at least similarity.reuse_profile when the whole
#   text also reads like its function's profile: two readings that agree), one of them
#   can often be reused or shared instead of building yet another. This is a warning
#   for every kind listed in reuse_warning_kinds (by default all four: a module of the
#   super app that rebuilds what 300 regions already run is as much a duplicate as a
#   standalone app) that names those candidates, most similar first, the host itself
#   excluded; a function code alone, with nothing similar, raises no warning (a warning
#   that always fires is noise reviewers learn to ignore). The declared code is the
#   agency's label, so the same warning names the candidates of a function the proposal
#   reads like but does not declare, when at least similarity.infer_support of its
#   nearest applications serve that function (or the text reads like its profile and
#   the registry's nearest app serves it) and no shared service owns it (MOR-011
#   reports those). It is silent when MOR-005 already names every candidate.
# custom:
#   id: SPBE-MOR-004
#   severity: warn
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Instansi lain sudah menjalankan fungsi ini
#       description: >-
#         Apabila instansi lain sudah mengoperasikan aplikasi untuk fungsi yang sama
#         dan sebagian mirip dengan usulan (kemiripan sekurang-kurangnya
#         similarity.reuse, atau deskripsi usulan saja sekurang-kurangnya
#         similarity.reuse_description dengan keseluruhan teks sekurang-kurangnya
#         similarity.reuse_floor: nama merek atau nama berbahasa Inggris tidak boleh
#         menyembunyikan aplikasinya; atau aplikasi terdekat di registri sekurang-kurangnya
#         similarity.reuse_profile bila seluruh teks juga terbaca seperti profil fungsinya:
#         dua pembacaan yang sepakat), salah satunya sering dapat dipakai ulang atau
#         dibagipakaikan. Peringatan ini berlaku untuk setiap jenis dalam
#         reuse_warning_kinds (bawaannya keempat jenis: modul aplikasi super yang
#         membangun ulang apa yang sudah dijalankan 300 daerah sama gandanya dengan
#         aplikasi mandiri) serta menyebutkan kandidat tersebut, yang paling mirip lebih
#         dulu, tanpa aplikasi induknya;
#         kode fungsi saja tanpa aplikasi yang mirip tidak menimbulkan peringatan.
#         Kode yang dicantumkan adalah label dari instansi, sehingga peringatan yang sama
#         juga menyebutkan kandidat untuk fungsi yang tersirat dari uraian usulan tetapi
#         tidak dicantumkan, apabila sekurang-kurangnya similarity.infer_support aplikasi
#         terdekat melayani fungsi itu (atau teksnya terbaca seperti profil fungsi itu dan
#         aplikasi terdekat di registri melayaninya) dan tidak ada layanan bersama pemiliknya (MOR-011
#         melaporkan yang itu). Peringatan ini tidak muncul bila MOR-005 sudah menyebut
#         semua kandidatnya.
#   remediation:
#     en: >-
#       Contact the owners of the suggested applications about reusing them, and record
#       in spec.justification why none of them can serve the need.
#     id: >-
#       Hubungi pemilik aplikasi yang disarankan mengenai pemakaian ulang, dan catat
#       dalam spec.justification alasan tidak satu pun dapat memenuhi kebutuhan.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (aplikasi berbagi
#     pakai); Perpres 82/2023 tentang Percepatan Transformasi Digital dan Keterpaduan
#     Layanan Digital Nasional
warn contains violation if {
	manifest.kind in config.reuse_warning_kinds
	some i, code in manifest.functions
	not competing_owners[code]
	count(own_similar_with_code(code)) == 0
	agencies := count(object.remove(object.get(registry.function_agencies, code, {}), [manifest.agency_code]))
	agencies > 0
	candidates := reuse_candidates(code)
	count(candidates) > 0
	adds_to_near_duplicates(candidates)
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-004",
		sprintf("spec.functions[%d]", [i]),
		sprintf(
			"Function %s is already run by active applications of %s, and some resemble this proposal. %s",
			[data.spbe.lib.registry.function_label(code, "en"), other_agencies_en(agencies), reuse_hint_en(candidates)],
		),
		sprintf(
			"Fungsi %s sudah dijalankan oleh aplikasi aktif milik %d instansi lain, dan sebagian mirip dengan usulan ini. %s",
			[data.spbe.lib.registry.function_label(code, "id"), agencies, reuse_hint_id(candidates)],
		),
		similar_suggestions(candidates),
	)
}

# The same warning when the proposal reads like a function it does not declare: the
# declared code is the agency's label, the text is the evidence (a wrong code must not
# hide the apps to reuse). Functions a shared service owns are MOR-011's to report. It
# also speaks when MOR-002 sends the proposal to the owner of its declared code: that
# judges the label, this the text, and when they disagree (a DPRD "pokir" app filed
# under a shared service's code) the apps the text reads like are the likelier answer.
warn contains violation if {
	manifest.kind in config.reuse_warning_kinds
	some inferred in manifest.inferred
	code := inferred.code
	not code in manifest.functions
	count(object.get(registry.function_owners, code, [])) == 0
	agencies := count(object.remove(object.get(registry.function_agencies, code, {}), [manifest.agency_code]))
	agencies > 0
	candidates := reuse_candidates(code)
	count(candidates) > 0
	read_firmly(inferred, candidates)
	adds_to_near_duplicates(candidates)
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-004",
		"spec.functions",
		sprintf(
			"This proposal reads like function %s (%s), which is already run by active applications of %s, but it declares %s. %s",
			[data.spbe.lib.registry.function_label(code, "en"), reads_like_evidence_en(inferred), other_agencies_en(agencies), concat(", ", manifest.functions), reuse_hint_en(candidates)],
		),
		sprintf(
			"Usulan ini terbaca sebagai fungsi %s (%s), yang sudah dijalankan oleh aplikasi aktif milik %d instansi lain, tetapi mencantumkan %s. %s",
			[data.spbe.lib.registry.function_label(code, "id"), reads_like_evidence_id(inferred), agencies, concat(", ", manifest.functions), reuse_hint_id(candidates)],
		),
		similar_suggestions(candidates),
	)
}

# METADATA
# title: Near-duplicate of an active application
# description: >-
#   A proposal that means nearly the same as an active registered application (a
#   similarity of at least similarity.near, by words, bilingual synonyms and acronyms,
#   see checker/matching) is likely to duplicate it. This is a warning for every kind,
#   modules and extensions included (their host excluded), that names the closest
#   applications: the agency's own first, then shared services, then others, one line
#   per name that many agencies share.
# custom:
#   id: SPBE-MOR-005
#   severity: warn
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Hampir sama dengan aplikasi aktif
#       description: >-
#         Usulan yang maknanya hampir sama dengan aplikasi aktif yang terdaftar
#         (kemiripan sekurang-kurangnya similarity.near, menurut kata, sinonim dua
#         bahasa, dan singkatan) kemungkinan besar menduplikasi aplikasi tersebut.
#         Peringatan ini berlaku untuk semua jenis usulan, termasuk modul dan
#         pengembangan (aplikasi induknya dikecualikan), dan menyebutkan aplikasi yang
#         paling mirip: milik instansi sendiri lebih dulu, lalu layanan bersama, lalu
#         lainnya, satu baris untuk nama yang dipakai banyak instansi.
#   remediation:
#     en: >-
#       Check whether one of the suggested applications can be reused or extended; if
#       not, explain the difference in spec.justification.
#     id: >-
#       Periksa apakah salah satu aplikasi yang disarankan dapat dipakai ulang atau
#       dikembangkan; jika tidak, jelaskan perbedaannya dalam spec.justification.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik; Perpres 82/2023
#     tentang Percepatan Transformasi Digital dan Keterpaduan Layanan Digital Nasional
warn contains violation if {
	count(near_duplicates) > 0
	best := near_duplicates[0]
	matches := data.spbe.lib.report.top(near_duplicates)
	listing := concat(", ", [similar_label(s, "en") | some s in matches])
	listing_id := concat(", ", [similar_label(s, "id") | some s in matches])
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-005",
		similar_field(best),
		sprintf(
			"The %s of this proposal closely matches active registered applications: %s. Check whether one of them can be reused or extended instead of building a duplicate.",
			[similar_on_en(best), listing],
		),
		sprintf(
			"%s usulan ini sangat mirip dengan aplikasi aktif yang terdaftar: %s. Periksa apakah salah satunya dapat dipakai ulang atau dikembangkan alih-alih membangun aplikasi ganda.",
			[similar_on_id(best), listing_id],
		),
		similar_suggestions(matches),
	)
}

# METADATA
# title: Reads like a function a shared service provides
# description: >-
#   The declared function code is the agency's own label; what the proposal says it
#   does is the evidence. When the registry applications nearest to the proposal by
#   meaning mostly serve a function that a shared service owns (or, worded unlike any
#   single application, the proposal's name and its description alike read clearly
#   closest to what that function's applications say between them, or to what the
#   shared service itself says it provides, by more than one word or by one word the
#   function's applications also read like, or its description
#   alone reads like most of the applications it resembles that way, or its name says the
#   function outright, whatever sector follows: "Kanal Aduan Pedagang Pasar" is a
#   complaint channel; a region's text that reads like central government's own function
#   is read as the region's counterpart of it), and the proposal
#   does not declare that function, it is probably that service's function under
#   another code. When MOR-002 already denies a declared code, weaker evidence is
#   enough (the nearest applications, though under every other threshold, mostly serve
#   another shared service's function), so that the deny names the service the text
#   reads like and not only the owner of a possibly wrong code. This is a warning, not a
#   deny, because it is inferred from text: the reviewer decides, and the agency either
#   uses the named shared service or says in the description how its need differs.
# custom:
#   id: SPBE-MOR-011
#   severity: warn
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Terbaca sebagai fungsi yang disediakan layanan bersama
#       description: >-
#         Kode fungsi yang dicantumkan adalah label dari instansi; uraian usulan
#         adalah buktinya. Apabila aplikasi terdaftar yang paling mirip maknanya
#         sebagian besar melayani fungsi milik layanan bersama (atau, bila kata-katanya
#         tidak mirip satu aplikasi pun, nama maupun deskripsi usulan paling jelas dekat
#         dengan uraian aplikasi-aplikasi fungsi tersebut, atau dengan uraian layanan
#         bersama itu sendiri tentang apa yang disediakannya, lebih dari satu kata atau satu
#         kata yang juga dibaca demikian oleh aplikasi-aplikasi fungsi tersebut, atau
#         deskripsinya saja mirip dengan aplikasi-aplikasi fungsi tersebut, atau namanya
#         sendiri menyebut fungsi itu, apa pun sektor sesudahnya: "Kanal Aduan Pedagang
#         Pasar" adalah kanal pengaduan; teks usulan daerah yang terbaca sebagai fungsi
#         pemerintah pusat dibaca sebagai padanannya untuk daerah), dan usulan tidak
#         mencantumkan fungsi tersebut, kemungkinan besar usulan ini adalah fungsi
#         layanan bersama itu dengan kode lain. Apabila MOR-002 sudah menolak kode yang
#         dicantumkan, bukti yang lebih lemah sudah cukup (aplikasi terdekat, meski di bawah
#         ambang lainnya, sebagian besar melayani fungsi layanan bersama yang lain), agar
#         penolakan itu juga menyebut layanan yang sesuai dengan teksnya, bukan hanya pemilik
#         kode yang mungkin keliru. Ini peringatan, bukan penolakan,
#         karena disimpulkan dari teks: peninjau yang memutuskan.
#   remediation:
#     en: >-
#       Use the shared service named in the message (or propose a module or an
#       extension of it); if the need is different, correct spec.functions and say in
#       spec.description how it differs.
#     id: >-
#       Gunakan layanan bersama yang disebut dalam pesan (atau ajukan modul atau
#       pengembangannya); jika kebutuhannya berbeda, perbaiki spec.functions dan
#       jelaskan perbedaannya dalam spec.description.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik (aplikasi umum
#     berbagi pakai); Perpres 82/2023 tentang Percepatan Transformasi Digital dan
#     Keterpaduan Layanan Digital Nasional
warn contains violation if {
	some inferred in shared_readings
	owners := [id | some id in object.get(inferred, "owners", []); data.spbe.lib.registry.active(id)]
	count(owners) > 0
	not inferred.code in manifest.functions
	not built_on_any(owners)
	not owner_already_named(owners)
	owner_labels := data.spbe.lib.registry.labels(owners)
	declared := concat(", ", manifest.functions)
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-011",
		"spec.functions",
		sprintf(
			"This proposal reads like function %s (%s), which %s %s provides, but it declares %s. Use that service instead of building your own application, or say in the description how the need differs.",
			[data.spbe.lib.registry.function_label(inferred.code, "en"), reads_like_evidence_en(inferred), shared_service_noun(owners), owner_labels, declared],
		),
		sprintf(
			"Usulan ini terbaca sebagai fungsi %s (%s), yang disediakan oleh layanan bersama %s, tetapi mencantumkan %s. Gunakan layanan tersebut alih-alih membangun aplikasi sendiri, atau jelaskan dalam deskripsi perbedaan kebutuhannya.",
			[data.spbe.lib.registry.function_label(inferred.code, "id"), reads_like_evidence_id(inferred), owner_labels, declared],
		),
		[{"id": id, "name": data.spbe.lib.registry.name_of(id), "score": object.get(inferred, "score", 1.0)} | some id in owners],
	)
}

# METADATA
# title: Public services for citizens ship as modules of the super app
# description: >-
#   Citizens should reach public services through one national super app instead of
#   downloading and registering in one app per agency. A public web or mobile
#   service is therefore a module of the citizen super app, or a module of the
#   shared service that owns its function (a complaints module of SP4N-LAPOR!);
#   changing an existing application (an extension) is allowed. MOR-009 checks
#   that the host really carries the function.
# custom:
#   id: SPBE-MOR-006
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Layanan publik bagi warga dihadirkan sebagai modul aplikasi super
#       description: >-
#         Warga semestinya mengakses layanan publik melalui satu aplikasi super nasional,
#         bukan mengunduh dan mendaftar di satu aplikasi untuk setiap instansi. Karena
#         itu layanan publik berbasis web atau seluler dihadirkan sebagai modul aplikasi
#         super warga, atau modul layanan bersama pemilik fungsinya (modul pengaduan
#         SP4N-LAPOR!); pengembangan aplikasi yang sudah ada (extension) tetap
#         diperbolehkan. MOR-009 memeriksa bahwa aplikasi induknya benar-benar memuat
#         fungsi tersebut.
#   remediation:
#     en: >-
#       Set spec.kind to module and spec.extends to the citizen super app named in the
#       message, or to the shared service that owns the function, and build the
#       service as a module of it.
#     id: >-
#       Ubah spec.kind menjadi module dan spec.extends menjadi aplikasi super warga yang
#       disebut dalam pesan, atau layanan bersama pemilik fungsinya, lalu bangun layanan
#       sebagai modul aplikasi tersebut.
#   reference: >-
#     Perpres 82/2023 tentang Percepatan Transformasi Digital dan Keterpaduan Layanan
#     Digital Nasional; Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik
deny contains violation if {
	citizen_channels := {channel | some channel in manifest.channels; channel in config.citizen_channels}
	manifest.audience in config.citizen_audiences
	count(citizen_channels) > 0
	super_app := registry.super_app
	not delivered_through_super_app
	channel_text := concat(", ", sort(citizen_channels))
	problem := super_app_problem(super_app)
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-006",
		problem.field,
		sprintf(
			"This is a public service for citizens (channels: %s), %s Citizen-facing web and mobile services ship as modules of the citizen super app %s%s: set spec.kind to module and spec.extends to %s%s.",
			[channel_text, problem.en, data.spbe.lib.registry.label(super_app), owners_text_en, super_app, owner_ids_text_en],
		),
		sprintf(
			"Usulan ini merupakan layanan publik bagi warga (kanal: %s), %s Layanan web dan seluler bagi warga dihadirkan sebagai modul aplikasi super warga %s%s: ubah spec.kind menjadi module dan spec.extends menjadi %s%s.",
			[channel_text, problem.id, data.spbe.lib.registry.label(super_app), owners_text_id, super_app, owner_ids_text_id],
		),
		data.spbe.lib.report.suggest(array.concat([super_app], function_owner_ids)),
	)
}

# METADATA
# title: Extended and replaced applications are active registry applications
# description: >-
#   A proposal can only build on, or retire, an application that the national
#   registry knows and that is still active; an unknown id is usually a typo and a
#   retired application can no longer be changed.
# custom:
#   id: SPBE-MOR-007
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Aplikasi yang dikembangkan atau digantikan harus aktif di registri
#       description: >-
#         Usulan hanya dapat mengembangkan atau menggantikan aplikasi yang tercatat di
#         registri nasional dan masih aktif; id yang tidak dikenal biasanya salah ketik
#         dan aplikasi yang sudah tidak aktif tidak dapat diubah lagi.
#   remediation:
#     en: >-
#       Correct the id in spec.extends or spec.replaces to the registry id of an
#       active application.
#     id: >-
#       Perbaiki id dalam spec.extends atau spec.replaces menjadi id registri dari
#       aplikasi yang masih aktif.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik; Perpres 132/2022
#     tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional
deny contains violation if {
	some ref in registry_references
	not data.spbe.lib.registry.active(ref.id)
	problem := reference_problem(ref.id)
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-007",
		ref.field,
		sprintf("Application %s named in %s %s", [ref.id, ref.field, problem.en]),
		sprintf("Aplikasi %s yang disebut dalam %s %s", [ref.id, ref.field, problem.id]),
		[],
	)
}

# METADATA
# title: Function codes come from the registry taxonomy
# description: >-
#   Business functions are compared across the whole government by their taxonomy
#   code; a code outside the taxonomy cannot be checked for duplication.
# custom:
#   id: SPBE-MOR-008
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Kode fungsi berasal dari taksonomi registri
#       description: >-
#         Fungsi bisnis dibandingkan di seluruh pemerintahan berdasarkan kode
#         taksonominya; kode di luar taksonomi tidak dapat diperiksa duplikasinya.
#   remediation:
#     en: >-
#       Replace the code with one from the registry taxonomy (spbe-check registry
#       stats lists them).
#     id: >-
#       Ganti kode tersebut dengan kode dari taksonomi registri (daftarnya ditampilkan
#       oleh spbe-check registry stats).
#   reference: >-
#     Perpres 132/2022 tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik
#     Nasional (referensi arsitektur proses bisnis)
deny contains violation if {
	some i, code in manifest.functions
	not registry.taxonomy[code]
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-008",
		sprintf("spec.functions[%d]", [i]),
		sprintf(
			"Function code %s is not in the taxonomy of the national registry (revision %s). Use a business-function code from the registry taxonomy.",
			[code, registry.revision],
		),
		sprintf(
			"Kode fungsi %s tidak terdapat dalam taksonomi registri nasional (revisi %s). Gunakan kode fungsi bisnis dari taksonomi registri.",
			[code, registry.revision],
		),
		[],
	)
}

# METADATA
# title: The host of an extension or module carries it
# description: >-
#   An extension or a module builds on a host, and is judged as part of it: the
#   moratorium rules on duplicates and on standalone citizen apps do not apply to
#   it. So the host must be one that can carry it: an active application of the
#   same agency, a shared service or the citizen super app, and every proposed
#   function must be one the host runs or is registered to carry (the super app
#   carries any public service; config host_functions adds functions other hosts
#   are registered to carry). Otherwise any new application could call itself an
#   extension of the service bus.
# custom:
#   id: SPBE-MOR-009
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Aplikasi induk dari pengembangan atau modul dapat memuatnya
#       description: >-
#         Pengembangan atau modul dibangun di atas aplikasi induk dan dinilai sebagai
#         bagiannya: aturan moratorium tentang duplikasi dan aplikasi mandiri bagi warga
#         tidak berlaku baginya. Karena itu aplikasi induknya harus dapat memuatnya:
#         aplikasi aktif milik instansi yang sama, layanan bersama, atau aplikasi super
#         warga, dan setiap fungsi yang diusulkan adalah fungsi yang dijalankan aplikasi
#         induk atau yang terdaftar untuk dimuatnya (aplikasi super memuat layanan publik
#         apa pun; config host_functions menambahkan fungsi yang terdaftar untuk aplikasi
#         induk lain). Tanpa itu, aplikasi baru apa pun dapat menyebut dirinya
#         pengembangan sistem penghubung layanan.
#   remediation:
#     en: >-
#       Set spec.extends to the agency's own application that runs the function, to
#       the shared service that owns it, or to the citizen super app (the message
#       names them), or propose a new application (spec.kind new with a
#       justification).
#     id: >-
#       Isikan spec.extends dengan aplikasi milik instansi sendiri yang menjalankan
#       fungsi tersebut, layanan bersama pemiliknya, atau aplikasi super warga (disebut
#       dalam pesan), atau ajukan aplikasi baru (spec.kind new dengan justifikasi).
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik; Perpres 82/2023
#     tentang Percepatan Transformasi Digital dan Keterpaduan Layanan Digital Nasional
deny contains violation if {
	some problem in host_problems
	violation := data.spbe.lib.report.violation("SPBE-MOR-009", problem.field, problem.en, problem.id, problem.suggestions)
}

# METADATA
# title: A proposal retires only its own agency's applications
# description: >-
#   spec.replaces lists the applications this proposal retires. An agency can only
#   retire its own applications, and an application it builds on (spec.extends) is
#   kept, not retired; naming anything else would only hide it from the duplicate
#   checks.
# custom:
#   id: SPBE-MOR-010
#   severity: deny
#   waivable: true
#   maxWaiverDays: 365
#   translations:
#     id:
#       title: Usulan hanya menggantikan aplikasi milik instansinya sendiri
#       description: >-
#         spec.replaces memuat aplikasi yang dihentikan oleh usulan ini. Instansi hanya
#         dapat menghentikan aplikasinya sendiri, dan aplikasi yang dikembangkan
#         (spec.extends) tetap berjalan, tidak dihentikan; menyebut aplikasi lain hanya
#         menyembunyikannya dari pemeriksaan duplikasi.
#   remediation:
#     en: >-
#       Keep in spec.replaces only the agency's own applications that this proposal
#       retires; remove shared services, other agencies' applications and the host
#       named in spec.extends.
#     id: >-
#       Sisakan dalam spec.replaces hanya aplikasi milik instansi sendiri yang
#       dihentikan oleh usulan ini; hapus layanan bersama, aplikasi instansi lain, dan
#       aplikasi induk yang disebut dalam spec.extends.
#   reference: >-
#     Perpres 95/2018 tentang Sistem Pemerintahan Berbasis Elektronik; Perpres 132/2022
#     tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional
deny contains violation if {
	some i, id in manifest.replaces
	app := registry.apps[id]
	problem := replace_problem(id, app)
	violation := data.spbe.lib.report.violation(
		"SPBE-MOR-010",
		sprintf("spec.replaces[%d]", [i]),
		sprintf("spec.replaces names %s, which %s A proposal retires only its own agency's applications.", [data.spbe.lib.registry.label(id), problem.en]),
		sprintf("spec.replaces menyebut %s, yang %s Usulan hanya menghentikan aplikasi milik instansinya sendiri.", [data.spbe.lib.registry.label(id), problem.id]),
		[],
	)
}

# --- helpers ---------------------------------------------------------------

# What is wrong with the justification of a new application (undefined when nothing):
# too short, no letters, or too few distinct real words (filler).
justification_problem := {
	"en": sprintf(
		"A new application needs a justification of at least %d characters explaining why no registered application or shared service can meet the need; spec.justification has %d.",
		[config.justification_min_length, count(manifest.justification)],
	),
	"id": sprintf(
		"Aplikasi baru wajib disertai justifikasi sekurang-kurangnya %d karakter yang menjelaskan mengapa tidak ada aplikasi terdaftar atau layanan bersama yang dapat memenuhi kebutuhan; spec.justification berisi %d karakter.",
		[config.justification_min_length, count(manifest.justification)],
	),
} if {
	count(manifest.justification) < config.justification_min_length
} else := {
	"en": "spec.justification contains no letters: write in sentences which registered applications and shared services were considered and why none of them can meet the need.",
	"id": "spec.justification tidak memuat huruf: tuliskan dalam kalimat aplikasi terdaftar dan layanan bersama yang telah dipertimbangkan serta alasan tidak satu pun dapat memenuhi kebutuhan.",
} if {
	not justification_has_letter
} else := {
	"en": sprintf(
		"spec.justification looks like filler: it uses %d distinct words, fewer than %d. Write in sentences which registered applications and shared services were considered and why none of them can meet the need.",
		[count(justification_words), justification_min_words],
	),
	"id": sprintf(
		"spec.justification tampak sebagai isian kosong: hanya memakai %d kata berbeda, kurang dari %d. Tuliskan dalam kalimat aplikasi terdaftar dan layanan bersama yang telah dipertimbangkan serta alasan tidak satu pun dapat memenuhi kebutuhan.",
		[count(justification_words), justification_min_words],
	),
} if {
	count(justification_words) < justification_min_words
}

justification_min_words := object.get(config, "justification_min_distinct_words", 8)

# The distinct words of the justification (lower case, two letters or more) that are
# not one letter repeated ("xxxx" is filler, not a word).
justification_words contains word if {
	some word in justification_letter_runs
	replace(word, substring(word, 0, 1), "") != "" # one regex per manifest, not per word: it is the audit's hot path
}

# The engine compiles a regex on every call, and `\pL` (every letter of Unicode) costs
# about 0.2 ms to compile, twice per new application: a tenth of the audit's CPU. On
# ASCII text, which most justifications are, `\pL` matches exactly [A-Za-z] (and after
# lower(), [a-z]), whose patterns compile in microseconds; other text keeps `\pL`.
justification_is_ascii if regex.match(`^[\x00-\x7F]*$`, manifest.justification)

justification_has_letter if {
	justification_is_ascii
	regex.match(`[A-Za-z]`, manifest.justification)
}

justification_has_letter if {
	not justification_is_ascii
	regex.match(`\pL`, manifest.justification)
}

justification_letter_runs := regex.find_n(`[a-z]{2,}`, lower(manifest.justification), -1) if {
	justification_is_ascii
} else := regex.find_n(`\pL{2,}`, lower(manifest.justification), -1)

# Functions the text reads like (MOR-011): inferred, or only leaned to by the nearest apps
# when MOR-002 already denies a declared code, so that the deny also names the shared
# service the text reads like and not only the owner of a possibly wrong code.
shared_readings contains inferred if some inferred in manifest.inferred

shared_readings contains lean if {
	count(competing_owners) > 0
	some lean in manifest.leaning
}

# competing_owners[code]: the active shared services owning a proposed function,
# unless the proposal is a module or an extension of one of them.
competing_owners[code] := owners if {
	some code in manifest.functions
	owners := registry.function_owners[code]
	count(owners) > 0
	not built_on_any(owners)
}

built_on_any(owners) if {
	manifest.kind in config.host_kinds
	manifest.extends in owners
}

# The proposal is a module or an extension of a shared service that owns the function:
# the compliant path MOR-002 advises, so the agency's own apps with the function are
# not duplicates of it (they are what the shared service replaces).
built_on_owner(code) if built_on_any(object.get(registry.function_owners, code, []))

# Candidates to reuse for a function: other agencies' apps with that function that
# resemble the proposal (at least similarity.reuse), or whose description alone reads
# like them (at least similarity.reuse_description, the whole text at least
# similarity.reuse_floor: a branded or English name must not hide the app to reuse),
# most similar first.
# The registry's nearest app (`nearest`) is one at a lower similarity (similarity.reuse_profile)
# when the whole text reads like its function by that function's profile: two readings agree.
reuse_candidates(code) := data.spbe.lib.report.top([s |
	some s in similar_apps
	not s.own
	code in object.get(s, "functions", [])
	resembles(s, code)
])

resembles(s, _) if resembles_by_text(s)

resembles(s, code) if {
	object.get(s, "nearest", false)
	s.score >= similarity_threshold("reuse_profile", 0.425)
	read_by_profile(code)
}

read_by_profile(code) if {
	some inferred in manifest.inferred
	inferred.code == code
	inferred.basis == "profile"
}

# An undeclared function is firm enough to name its apps when most of the nearest apps
# serve it (similarity.infer_support of them), or when the text reads like its profile and
# the registry's nearest app is one of them.
read_firmly(inferred, _) if object.get(inferred, "support", 0) >= similarity_threshold("infer_support", 3)

read_firmly(inferred, candidates) if {
	inferred.basis == "profile"
	some candidate in candidates
	object.get(candidate, "nearest", false)
}

# MOR-005 lists near-duplicates of any function; MOR-004 speaks beside it only when it names
# an app MOR-005 does not: a reuse candidate of the function, short of a near-duplicate.
adds_to_near_duplicates(candidates) if {
	named := {s.id | some s in near_duplicates}
	some candidate in candidates
	not candidate.id in named
}

candidate_list(candidates) := concat(", ", [sprintf("%s (%s)", [c.name, c.id]) | some c in candidates])

shared_service_noun(owners) := "the shared service" if count(owners) == 1

default shared_service_noun(_) := "the shared services"

# Why the proposal reads like a function: its name says so (basis "name", a phrase of
# checker/data/synonyms.json's `names`), a region's text reads like central government's own
# function and this is its regional counterpart (basis "counterpart", `central` names the
# central function), most of its nearest apps serve it, or (basis
# "profile", checker/matching/profiles.py) its text is closest to what the function's
# applications say between them, by name and by description alike, or (basis "scope",
# checker/matching/scopes.py) it matches what a shared service says it provides.
reads_like_evidence_en(inferred) := sprintf(
	"its name says so: \"%s\"",
	[inferred.phrase],
) if {
	inferred.basis == "name"
} else := sprintf(
	"its text reads like %s, central government's own function, and this is a region's counterpart of it",
	[data.spbe.lib.registry.function_label(inferred.central, "en")],
) if {
	inferred.basis == "counterpart"
} else := sprintf(
	"its text is closest to what the registered applications of that function say, %d%% similar",
	[round(inferred.score * 100)],
) if {
	inferred.basis == "profile"
} else := sprintf(
	"its name and description match what the shared service itself says it provides, %d%% similar",
	[round(inferred.score * 100)],
) if {
	inferred.basis == "scope"
} else := sprintf(
	"its description alone reads like registered applications of that function, %d%% similar",
	[round(inferred.score * 100)],
) if {
	inferred.basis == "description"
} else := sprintf(
	"its closest registered applications, though only %d%% similar, mostly serve it",
	[round(inferred.score * 100)],
) if {
	inferred.basis == "leaning"
} else := sprintf("%d%% of its most similar registered applications serve it", [round(inferred.share * 100)])

reads_like_evidence_id(inferred) := sprintf(
	"namanya sendiri menyebutnya: \"%s\"",
	[inferred.phrase],
) if {
	inferred.basis == "name"
} else := sprintf(
	"teksnya terbaca sebagai %s, fungsi pemerintah pusat sendiri, dan ini padanannya untuk daerah",
	[data.spbe.lib.registry.function_label(inferred.central, "id")],
) if {
	inferred.basis == "counterpart"
} else := sprintf(
	"teksnya paling dekat dengan uraian aplikasi terdaftar untuk fungsi itu, kemiripan %d%%",
	[round(inferred.score * 100)],
) if {
	inferred.basis == "profile"
} else := sprintf(
	"nama dan deskripsinya cocok dengan uraian layanan bersama itu sendiri tentang apa yang disediakannya, kemiripan %d%%",
	[round(inferred.score * 100)],
) if {
	inferred.basis == "scope"
} else := sprintf(
	"deskripsinya saja sudah mirip dengan aplikasi terdaftar untuk fungsi itu, kemiripan %d%%",
	[round(inferred.score * 100)],
) if {
	inferred.basis == "description"
} else := sprintf(
	"aplikasi terdaftar yang paling dekat dengannya, meski hanya mirip %d%%, sebagian besar melayaninya",
	[round(inferred.score * 100)],
) if {
	inferred.basis == "leaning"
} else := sprintf("%d%% aplikasi terdaftar yang paling mirip melayaninya", [round(inferred.share * 100)])

other_agencies_en(n) := "1 other agency" if {
	n == 1
} else := sprintf("%d other agencies", [n])

reuse_hint_en(candidates) := hint if {
	count(candidates) > 0
	hint := sprintf("Before building a new application, consider reusing one of them: %s.", [candidate_list(candidates)])
}

default reuse_hint_en(_) := "Before building a new application, ask their owners whether one of them can be reused."

reuse_hint_id(candidates) := hint if {
	count(candidates) > 0
	hint := sprintf("Sebelum membangun aplikasi baru, pertimbangkan untuk memakai ulang salah satunya: %s.", [candidate_list(candidates)])
}

default reuse_hint_id(_) := "Sebelum membangun aplikasi baru, tanyakan kepada pemiliknya apakah salah satunya dapat dipakai ulang."

# Similar applications found by the Python side (checker/matching), without the
# applications this proposal extends or replaces (an extension resembles its host).
similar_apps := [match | some match in manifest.similar; not match.id in manifest.own_ids]

similarity_threshold(name, fallback) := object.get(config, ["similarity", name], fallback)

near_duplicates := [s | some s in similar_apps; s.score >= similarity_threshold("near", 0.6)]

# The agency's own apps that are the same thing by meaning (MOR-003 deny).
own_same_thing := [s |
	some s in similar_apps
	object.get(s, "own", false)
	s.score >= similarity_threshold("same_thing", 0.73)
	not built_on_owner_of(s)
]

# The proposal is built on the shared service owning one of this app's functions:
# the agency's own app is what that shared path replaces, not a duplicate of it.
built_on_owner_of(app) if {
	some code in object.get(app, "functions", [])
	built_on_owner(code)
}

# The first declared function one of them serves: two declared functions, each served by an
# own app, must not give the rule two answers (an engine error, and nothing judged).
own_same_thing_field := sprintf("spec.functions[%d]", [min(served)]) if {
	served := {i |
		some i, code in manifest.functions
		some s in own_same_thing
		code in object.get(s, "functions", [])
	}
	count(served) > 0
} else := "metadata.name"

# The agency's own apps with a declared function that resemble the proposal (MOR-003 warn).
own_similar_under_declared_codes := [s |
	some code in manifest.functions
	some s in own_named_with_code(code)
]

# The agency's own apps MOR-003 names under a code (declared or read): those that resemble
# the proposal (at least similarity.reuse) or, when there are none, the weaker ones that
# other agencies' reuse candidates of the code vouch for.
own_named_with_code(code) := similar if {
	similar := own_similar_with_code(code)
	count(similar) > 0
} else := own_weakly_named_with_code(code)

# The own apps of the code named on weaker evidence than a resemblance: the code's other
# agencies' candidates (own_related_with_code), then nearness (own_nearest_with_code).
own_weakly_named_with_code(code) := array.concat(related, nearer) if {
	related := own_related_with_code(code)
	named := {s.id | some s in related}
	nearer := [s |
		some s in own_nearest_with_code(code)
		not s.id in named
	]
}

# Own apps of the code from similarity.own_code, when other agencies' apps of the code are
# reuse candidates (MOR-004's evidence): "Pendaftaran Online Puskesmas Kecamatan Jakarta Pusat"
# reads like other regions' puskesmas apps, and the city runs "SIMPUS Jakarta Pusat" (0.40);
# "Pakpak Bharat Rural Bus Tracker" reads like other regions' bus apps, and the regency runs
# "Trans Pakpak Bharat" (0.16). The code is the evidence here, so these come last in a
# result's closest apps (config closest_weak_evidence).
own_related_with_code(code) := [s |
	count(reuse_candidates(code)) > 0
	some s in similar_apps
	object.get(s, "own", false)
	code in object.get(s, "functions", [])
	s.score >= similarity_threshold("own_code", 0.14)
	not built_on_owner(code)
]

# A region's own apps of the code that are as close to the proposal as the registry's nearest
# app (the facts mark them own_nearest, from similarity.own_nearest): "Akta Lahir dari Rumah
# Jember" and the regency's "Dukcapil Online Jember" (0.39), as close as any other region's copy.
# A region runs one or two apps of a function; that its own is the nearest is the evidence.
own_nearest_with_code(code) := [s |
	some s in similar_apps
	object.get(s, "own", false)
	object.get(s, "own_nearest", false)
	code in object.get(s, "functions", [])
	s.score >= similarity_threshold("own_nearest", 0.2)
	not built_on_owner(code)
]

own_similar_with_code(code) := [s |
	some s in similar_apps
	object.get(s, "own", false)
	code in object.get(s, "functions", [])
	resembles_by_text(s)
	not built_on_owner(code)
]

# An app resembles the proposal by its text: the whole text at least similarity.reuse, or the
# description alone at least similarity.reuse_description with the whole at least
# similarity.reuse_floor. Own apps (MOR-003) and other agencies' (MOR-004) alike; MOR-004 also
# takes the registry's nearest app read by profile (resembles/2).
resembles_by_text(s) if s.score >= similarity_threshold("reuse", 0.44)

resembles_by_text(s) if {
	s.score >= similarity_threshold("reuse_floor", 0.26)
	object.get(s, "described", 0) >= similarity_threshold("reuse_description", 0.37)
}

similar_suggestions(items) := [suggestion |
	some s in data.spbe.lib.report.top(items)
	suggestion := {
		"id": s.id, "name": object.get(s, "name", s.id), "score": object.get(s, "score", 0),
		"why": object.get(s, "why", {}), "count": object.get(s, "count", 1),
	}
]

# A shared service already named by MOR-002 for a declared function.
owner_already_named(owners) if {
	some code in manifest.functions
	some id in owners
	id in object.get(competing_owners, code, [])
}

similar_field(best) := "metadata.name" if best.on == "name"

default similar_field(_) := "spec.description"

similar_on_en(best) := "name" if best.on == "name"

default similar_on_en(_) := "description"

similar_on_id(best) := "Nama" if best.on == "name"

default similar_on_id(_) := "Deskripsi"

# "E-Parkir Karawang (APP-000101, agency 32.15, 91% similar; shares parkir)": the agency code and
# the score said by name, so a bare "61, 61%" never leaves the reader guessing which is which.
similar_label(match, "en") := sprintf(
	"%s (%s, agency %s, %d%% similar%s)",
	[object.get(match, "name", match.id), match.id, object.get(match, "agency", "?"), round(object.get(match, "score", 0) * 100), similar_why(match, "en")],
)

similar_label(match, "id") := sprintf(
	"%s (%s, instansi %s, kemiripan %d%%%s)",
	[object.get(match, "name", match.id), match.id, object.get(match, "agency", "?"), round(object.get(match, "score", 0) * 100), similar_why(match, "id")],
)

# "; shares parkir" / "; sama-sama memuat parkir": why checker/matching joined them.
similar_why(match, lang) := sprintf("; %s", [match.why[lang]]) if match.why[lang] != ""

default similar_why(_, _) := ""

delivered_through_super_app if {
	manifest.kind == "module"
	manifest.extends == registry.super_app
}

# A module of a shared service (whose functions MOR-009 checks) is the shared path too.
delivered_through_super_app if {
	manifest.kind == "module"
	registry.apps[manifest.extends].shared == true
	data.spbe.lib.registry.active(manifest.extends)
}

delivered_through_super_app if manifest.kind in config.existing_app_kinds

super_app_problem(super_app) := {
	"field": "spec.extends",
	"en": sprintf("but this module extends %s instead of the super app or a shared service.", [manifest.extends]),
	"id": sprintf("tetapi modul ini mengembangkan %s, bukan aplikasi super atau layanan bersama.", [manifest.extends]),
} if {
	manifest.kind == "module"
	manifest.extends != super_app
}

default super_app_problem(_) := {
	"field": "spec.kind",
	"en": "but it is proposed as a standalone application.",
	"id": "tetapi diusulkan sebagai aplikasi mandiri.",
}

# Active shared services owning one of the proposed functions, sorted: the other
# compliant host for a citizen-facing module (MOR-006).
function_owner_ids := sort({id | some code in manifest.functions; some id in object.get(registry.function_owners, code, [])})

owners_text_en := sprintf(" or of the shared service that owns its function, %s", [data.spbe.lib.registry.labels(function_owner_ids)]) if {
	count(function_owner_ids) > 0
} else := ""

owners_text_id := sprintf(" atau modul layanan bersama pemilik fungsinya, %s", [data.spbe.lib.registry.labels(function_owner_ids)]) if {
	count(function_owner_ids) > 0
} else := ""

owner_ids_text_en := sprintf(" (or %s)", [concat(", ", function_owner_ids)]) if {
	count(function_owner_ids) > 0
} else := ""

owner_ids_text_id := sprintf(" (atau %s)", [concat(", ", function_owner_ids)]) if {
	count(function_owner_ids) > 0
} else := ""

# Registry ids the proposal builds on or retires, with where they are written.
registry_references contains {"field": "spec.extends", "id": manifest.extends} if manifest.extends != ""

registry_references contains {"field": sprintf("spec.replaces[%d]", [i]), "id": id} if {
	some i, id in manifest.replaces
}

reference_problem(id) := {
	"en": sprintf("is retired; only an active application can be extended or replaced (registry revision %s).", [registry.revision]),
	"id": sprintf("sudah tidak aktif; hanya aplikasi aktif yang dapat dikembangkan atau digantikan (registri revisi %s).", [registry.revision]),
} if {
	data.spbe.lib.registry.known(id)
} else := {
	"en": sprintf("is not in the national registry (revision %s); use the registry id of an active application.", [registry.revision]),
	"id": sprintf("tidak terdaftar dalam registri nasional (revisi %s); gunakan id registri dari aplikasi yang masih aktif.", [registry.revision]),
}

# --- hosts (MOR-009) and retired applications (MOR-010) ----------------------------

host := manifest.extends

host_app := registry.apps[host]

# The host is one that can carry an extension or a module.
acceptable_host if host_app.agency == manifest.agency_code

acceptable_host if host_app.shared == true

acceptable_host if host == registry.super_app

# The host runs the function or is registered to carry it.
carries(code) if host in object.get(registry.function_owners, code, [])

carries(code) if host in object.get(registry.function_agencies, [code, manifest.agency_code], [])

carries(_) if {
	host == registry.super_app
	object.get(config, "super_app_hosts_any_function", true) == true
}

carries(code) if code in object.get(config, ["host_functions", host], [])

# Where the function could go instead: its shared owners, the agency's own apps running
# it, and the super app.
host_candidates(code) := array.concat(
	array.concat(
		object.get(registry.function_owners, code, []),
		object.get(registry.function_agencies, [code, manifest.agency_code], []),
	),
	[id | id := registry.super_app; object.get(config, "super_app_hosts_any_function", true) == true],
)

host_problems contains {
	"field": "spec.extends",
	"en": sprintf(
		"%s is an application of another agency (%s), so %s cannot be built on it. An extension or module builds on the agency's own application, a shared service or the citizen super app.",
		[data.spbe.lib.registry.label(host), host_app.agency, manifest.kind],
	),
	"id": sprintf(
		"%s adalah aplikasi milik instansi lain (%s), sehingga %s tidak dapat dibangun di atasnya. Pengembangan atau modul dibangun di atas aplikasi milik instansi sendiri, layanan bersama, atau aplikasi super warga.",
		[data.spbe.lib.registry.label(host), host_app.agency, manifest.kind],
	),
	"suggestions": [],
} if {
	manifest.kind in config.host_kinds
	data.spbe.lib.registry.active(host)
	not acceptable_host
}

host_problems contains {
	"field": sprintf("spec.functions[%d]", [i]),
	"en": sprintf(
		"%s does not run function %s and is not registered to carry it, so this %s is a new application under another name. Build it on a host that carries the function%s, or propose it as a new application.",
		[data.spbe.lib.registry.label(host), data.spbe.lib.registry.function_label(code, "en"), manifest.kind, candidates_en(candidates)],
	),
	"id": sprintf(
		"%s tidak menjalankan fungsi %s dan tidak terdaftar untuk memuatnya, sehingga %s ini adalah aplikasi baru dengan nama lain. Bangun di atas aplikasi induk yang memuat fungsi tersebut%s, atau ajukan sebagai aplikasi baru.",
		[data.spbe.lib.registry.label(host), data.spbe.lib.registry.function_label(code, "id"), manifest.kind, candidates_id(candidates)],
	),
	"suggestions": data.spbe.lib.report.suggest(candidates),
} if {
	manifest.kind in config.host_kinds
	data.spbe.lib.registry.active(host)
	acceptable_host
	some i, code in manifest.functions
	registry.taxonomy[code]
	not carries(code)
	candidates := [id | some id in host_candidates(code); id != host]
}

candidates_en(ids) := sprintf(" (%s)", [data.spbe.lib.registry.labels(ids)]) if count(ids) > 0

default candidates_en(_) := ""

candidates_id(ids) := sprintf(" (%s)", [data.spbe.lib.registry.labels(ids)]) if count(ids) > 0

default candidates_id(_) := ""

replace_problem(id, app) := {
	"en": "is the application this proposal builds on (spec.extends), not one it retires.",
	"id": "merupakan aplikasi induk usulan ini (spec.extends), bukan aplikasi yang dihentikannya.",
} if {
	id == manifest.extends
} else := {
	"en": "is a shared service.",
	"id": "merupakan layanan bersama.",
} if {
	app.shared == true
} else := {
	"en": sprintf("belongs to another agency (%s).", [app.agency]),
	"id": sprintf("milik instansi lain (%s).", [app.agency]),
} if {
	app.agency != manifest.agency_code
}
