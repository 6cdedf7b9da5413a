// Errors as values: a stable `code` a client can act on, a message a person can
// read in Indonesian or English. Deep code throws ApiError; one place
// (worker/http.ts) turns it into a JSON response, and the snapshot CLI prints
// the English message with the line number.

import type { Lang } from './lang.ts';

export const ERROR_MESSAGES = {
  invalid_type: {
    status: 400,
    id: 'Jenis tidak dikenal. Pilih salah satu: bank, ewallet, phone, instagram, facebook, tiktok, telegram, website, qris.',
    en: 'Unknown type. Choose one of: bank, ewallet, phone, instagram, facebook, tiktok, telegram, website, qris.',
  },
  missing_value: {
    status: 400,
    id: 'Isi nomor atau akun yang ingin dicek.',
    en: 'Enter the number or account you want to check.',
  },
  value_too_long: {
    status: 400,
    id: 'Isian terlalu panjang (maksimal 200 karakter; kode QRIS utuh sampai 512).',
    en: 'The value is too long (at most 200 characters; a whole QRIS code up to 512).',
  },
  invalid_phone: {
    status: 400,
    id: 'Nomor telepon tidak valid. Contoh: 0812-3456-7890 atau +62 812 3456 7890.',
    en: 'Not a valid phone number. Example: 0812-3456-7890 or +62 812 3456 7890.',
  },
  ewallet_not_mobile: {
    status: 400,
    id: 'Dompet digital memakai nomor HP, bukan nomor telepon rumah atau kantor. Tulis nomor HP-nya, misalnya 0812-3456-7890.',
    en: 'An e-wallet is on a mobile number, not a landline. Type the mobile number, for example 0812-3456-7890.',
  },
  bank_required: {
    status: 400,
    id: 'Pilih bank untuk nomor rekening ini.',
    en: 'Choose the bank for this account number.',
  },
  unknown_bank: {
    status: 400,
    id: 'Kode bank tidak dikenal. Gunakan kode bank 3 digit dari Bank Indonesia, misalnya 014 untuk BCA.',
    en: 'Unknown bank code. Use the 3-digit Bank Indonesia code, for example 014 for BCA.',
  },
  invalid_bank_account: {
    status: 400,
    id: 'Nomor rekening berisi 5 sampai 20 angka. Tulis angkanya saja, tanpa huruf; banknya dipilih terpisah.',
    en: 'An account number has 5 to 20 digits. Type the digits only, no letters; the bank is chosen separately.',
  },
  // The message names the bank and its lengths (BankAccountLengthError below);
  // these are its words when no bank is known, e.g. a client reading the table.
  bank_account_length: {
    status: 400,
    id: 'Panjang nomor rekening ini tidak sesuai dengan bank yang dipilih. Periksa lagi nomor dan banknya.',
    en: 'This account number’s length does not fit the chosen bank. Check the number and the bank.',
  },
  provider_required: {
    status: 400,
    id: 'Pilih penyedia dompet digital: gopay, ovo, dana, shopeepay atau linkaja.',
    en: 'Choose the e-wallet provider: gopay, ovo, dana, shopeepay or linkaja.',
  },
  unknown_provider: {
    status: 400,
    id: 'Penyedia dompet digital tidak dikenal. Pilih gopay, ovo, dana, shopeepay atau linkaja.',
    en: 'Unknown e-wallet provider. Choose gopay, ovo, dana, shopeepay or linkaja.',
  },
  invalid_instagram: {
    status: 400,
    id: 'Nama pengguna Instagram tidak valid: 1–30 huruf, angka, titik atau garis bawah, tanpa spasi.',
    en: 'Not a valid Instagram username: 1–30 letters, digits, periods or underscores, no spaces.',
  },
  instagram_not_profile: {
    status: 400,
    id: 'Tautan ini bukan profil Instagram (misalnya tautan postingan atau reel). Salin tautan profil penjual atau nama penggunanya.',
    en: 'This link is not an Instagram profile (for example a post or reel link). Copy the seller’s profile link or username.',
  },
  invalid_facebook: {
    status: 400,
    id: 'Nama pengguna Facebook tidak valid: minimal 5 huruf, angka atau titik, tanpa spasi; atau ID profil berupa angka.',
    en: 'Not a valid Facebook username: at least 5 letters, digits or periods, no spaces; or a numeric profile ID.',
  },
  facebook_not_profile: {
    status: 400,
    id: 'Tautan ini bukan profil Facebook (misalnya tautan postingan, grup atau Marketplace). Salin tautan profil penjual.',
    en: 'This link is not a Facebook profile (for example a post, group or Marketplace link). Copy the seller’s profile link.',
  },
  whatsapp_no_number: {
    status: 400,
    id: 'Tautan WhatsApp ini tidak memuat nomor (misalnya tautan grup atau tautan pesan bisnis). Buka tautannya, lalu salin nomor penjual.',
    en: 'This WhatsApp link shows no number (for example a group or business message link). Open the link and copy the seller’s number.',
  },
  invalid_tiktok: {
    status: 400,
    id: 'Nama pengguna TikTok tidak valid: 2–24 huruf, angka, titik atau garis bawah, tidak diakhiri titik. Contoh: @namatoko atau tiktok.com/@namatoko.',
    en: 'Not a valid TikTok username: 2–24 letters, digits, periods or underscores, not ending in a period. Example: @shopname or tiktok.com/@shopname.',
  },
  tiktok_short_link: {
    status: 400,
    id: 'Tautan pendek TikTok (vt.tiktok.com, vm.tiktok.com) tidak menunjukkan akunnya. Buka tautannya, lalu salin tautan profil penjual atau nama penggunanya (@…).',
    en: 'A TikTok short link (vt.tiktok.com, vm.tiktok.com) does not show the account. Open the link, then copy the seller’s profile link or username (@…).',
  },
  tiktok_not_profile: {
    status: 400,
    id: 'Tautan ini bukan profil atau video TikTok seorang penjual. Salin tautan profil penjual (tiktok.com/@…) atau nama penggunanya.',
    en: 'This link is not a TikTok seller’s profile or video. Copy the seller’s profile link (tiktok.com/@…) or username.',
  },
  invalid_telegram: {
    status: 400,
    id: 'Nama pengguna Telegram tidak valid: 5–32 huruf, angka atau garis bawah, diawali huruf, tanpa garis bawah di akhir atau dua berturut-turut. Contoh: @namatoko atau t.me/namatoko.',
    en: 'Not a valid Telegram username: 5–32 letters, digits or underscores, starting with a letter, with no underscore at the end or two in a row. Example: @shopname or t.me/shopname.',
  },
  telegram_invite_link: {
    status: 400,
    id: 'Ini tautan undangan grup Telegram (t.me/+…, t.me/joinchat/…), bukan akun penjual. Buka grupnya, lalu salin nama pengguna penjual (@…) atau tautan t.me/namapengguna.',
    en: 'This is a Telegram group invite link (t.me/+…, t.me/joinchat/…), not the seller’s account. Open the group, then copy the seller’s username (@…) or t.me/username link.',
  },
  telegram_not_profile: {
    status: 400,
    id: 'Tautan ini bukan akun atau kanal Telegram. Salin nama pengguna penjual (@…) atau tautan t.me/namapengguna.',
    en: 'This link is not a Telegram account or channel. Copy the seller’s username (@…) or t.me/username link.',
  },
  invalid_website: {
    status: 400,
    id: 'Alamat situs tidak valid. Tulis alamat situs web publik, misalnya tokomurah.com atau www.tokomurah.com/produk.',
    en: 'Not a valid website address. Enter a public website’s address, for example tokomurah.com or www.tokomurah.com/product.',
  },
  website_not_web: {
    status: 400,
    id: 'Ini bukan alamat situs web (http:// atau https://). Salin alamat halaman toko dari bilah alamat peramban.',
    en: 'This is not a web address (http:// or https://). Copy the shop page’s address from the browser’s address bar.',
  },
  website_ip_address: {
    status: 400,
    id: 'Alamat IP tidak bisa dicek. Tulis nama situsnya, misalnya tokomurah.com.',
    en: 'An IP address cannot be checked. Enter the site’s name, for example tokomurah.com.',
  },
  website_shortener: {
    status: 400,
    id: 'Ini tautan pendek (misalnya bit.ly atau s.id) yang dipakai banyak orang. Buka tautannya, lalu tempel alamat situs yang dituju.',
    en: 'This is a short link (for example bit.ly or s.id) that many people share. Open the link, then paste the address it leads to.',
  },
  website_use_instagram: {
    status: 400,
    id: 'Ini alamat Instagram. Pilih jenis Instagram, lalu tempel tautan profil penjual.',
    en: 'This is an Instagram address. Choose the Instagram kind, then paste the seller’s profile link.',
  },
  website_use_facebook: {
    status: 400,
    id: 'Ini alamat Facebook. Pilih jenis Facebook, lalu tempel tautan profil penjual.',
    en: 'This is a Facebook address. Choose the Facebook kind, then paste the seller’s profile link.',
  },
  website_use_tiktok: {
    status: 400,
    id: 'Ini alamat TikTok. Pilih jenis TikTok, lalu tempel tautan profil penjual.',
    en: 'This is a TikTok address. Choose the TikTok kind, then paste the seller’s profile link.',
  },
  website_use_telegram: {
    status: 400,
    id: 'Ini alamat Telegram. Pilih jenis Telegram, lalu tempel tautan t.me penjual.',
    en: 'This is a Telegram address. Choose the Telegram kind, then paste the seller’s t.me link.',
  },
  website_use_phone: {
    status: 400,
    id: 'Ini tautan WhatsApp. Pilih jenis nomor HP/WhatsApp, lalu tempel tautan atau nomornya.',
    en: 'This is a WhatsApp link. Choose the phone/WhatsApp kind, then paste the link or the number.',
  },
  website_platform: {
    status: 400,
    id: 'Situs ini dipakai banyak penjual (marketplace atau platform), jadi alamatnya tidak menunjukkan satu penjual. Cek rekening, nomor HP, atau akun media sosial penjual.',
    en: 'Many sellers share this site (a marketplace or platform), so its address names no one seller. Check the seller’s bank account, phone number or social media account instead.',
  },
  qris_invalid: {
    status: 400,
    id: 'Ini bukan NMID atau isi kode QRIS yang bisa dibaca. NMID tertulis di bawah kode QRIS: huruf ID lalu 13 angka, misalnya ID9990000000017. Atau tempel seluruh isi kode QRIS (diawali 000201).',
    en: 'This is not an NMID or a readable QRIS code text. The NMID is printed under the QRIS code: the letters ID and 13 digits, for example ID9990000000017. Or paste the whole QRIS code text (it starts with 000201).',
  },
  // The first sentence is qrisCrcWarning's (qris-words.ts): the same warning wherever the code is read.
  qris_crc: {
    status: 400,
    id: 'Kode QR ini rusak atau diubah — jangan bayar dengan kode ini. Isinya tidak cocok dengan angka pemeriksanya, jadi tidak dicek sebagai penjual mana pun.',
    en: 'This QR code is damaged or altered — do not pay with it. Its contents do not match its check digits, so it is not checked as any merchant.',
  },
  qris_no_nmid: {
    status: 400,
    id: 'Kode pembayaran ini tidak memuat NMID (nomor merchant nasional QRIS), jadi penjualnya tidak bisa dicek. Kode QRIS resmi selalu mencantumkan NMID.',
    en: 'This payment code has no NMID (QRIS national merchant ID), so its merchant cannot be checked. An official QRIS code always carries an NMID.',
  },
  invalid_range_prefix: {
    status: 400,
    id: 'Awalan harus tepat 5 digit heksadesimal dari hash SHA-256 (0–9, a–f).',
    en: 'The prefix must be exactly 5 hexadecimal digits of the SHA-256 hash (0–9, a–f).',
  },
  invalid_body: {
    status: 400,
    id: 'Isi permintaan tidak dapat dibaca. Kirim JSON atau formulir (multipart/form-data).',
    en: 'The request body could not be read. Send JSON or a form (multipart/form-data).',
  },
  invalid_category: {
    status: 400,
    id: 'Pilih kategori penipuan.',
    en: 'Choose the kind of fraud.',
  },
  invalid_channel: {
    status: 400,
    id: 'Pilih tempat Anda bertemu penjual: Instagram, Facebook, WhatsApp, marketplace, situs web atau lainnya.',
    en: 'Choose where you met the seller: Instagram, Facebook, WhatsApp, marketplace, website or other.',
  },
  loss_too_large: {
    status: 400,
    id: 'Jumlah kerugian paling banyak Rp 100.000.000.000 per laporan. Periksa lagi angkanya; kerugian sebesar itu laporkan juga ke polisi.',
    en: 'The amount lost can be at most Rp 100,000,000,000 per report. Check the figure; a loss that large should also go to the police.',
  },
  invalid_loss: {
    status: 400,
    id: 'Jumlah kerugian harus berupa angka rupiah tanpa desimal, misalnya 1500000.',
    en: 'The amount lost must be a whole number of rupiah, for example 1500000.',
  },
  invalid_profile_url: {
    status: 400,
    id: 'Tautan profil penjual tidak valid. Salin alamatnya, misalnya instagram.com/namatoko atau facebook.com/namatoko (maksimal 500 karakter).',
    en: 'Not a valid link to the seller’s profile. Copy its address, for example instagram.com/shopname or facebook.com/shopname (at most 500 characters).',
  },
  missing_text: {
    status: 400,
    id: 'Bagian ini wajib diisi.',
    en: 'This field is required.',
  },
  text_too_long: {
    status: 400,
    id: 'Teks terlalu panjang untuk bagian ini.',
    en: 'The text is too long for this field.',
  },
  text_or_queries: {
    status: 400,
    id: 'Kirim salah satu saja: "text" (pesan dari penjual) atau "queries" (daftar yang ingin dicek).',
    en: 'Send exactly one of "text" (the seller’s message) or "queries" (a list of what to check).',
  },
  invalid_queries: {
    status: 400,
    id: '"queries" harus berupa daftar objek dengan "type" dan "value" berupa teks ("bank" dan "provider" boleh ada).',
    en: '"queries" must be a list of objects whose "type" and "value" are strings ("bank" and "provider" optional).',
  },
  too_many_queries: {
    status: 400,
    id: 'Terlalu banyak yang dicek sekaligus: maksimal 20 nomor atau akun per permintaan.',
    en: 'Too much to check at once: at most 20 numbers or accounts per request.',
  },
  invalid_json: {
    status: 400,
    id: 'Isi permintaan bukan JSON yang valid. Kirim objek JSON, misalnya {"text": "…"}.',
    en: 'The request body is not valid JSON. Send a JSON object, for example {"text": "…"}.',
  },
  json_content_type: {
    status: 415,
    id: 'Kirim isi permintaan sebagai JSON (Content-Type: application/json).',
    en: 'Send the request body as JSON (Content-Type: application/json).',
  },
  request_too_large: {
    status: 413,
    id: 'Permintaan terlalu besar: maksimal 32 KB (teks maksimal 2.000 karakter, maksimal 20 isian).',
    en: 'The request is too large: at most 32 KB (text of at most 2,000 characters, at most 20 queries).',
  },
  evidence_type: {
    status: 400,
    id: 'Bukti harus berupa gambar (JPEG, PNG, WebP) atau PDF. Isi berkas ini bukan salah satunya.',
    en: 'Evidence must be an image (JPEG, PNG, WebP) or a PDF. This file’s content is none of these.',
  },
  evidence_too_large: {
    status: 400,
    id: 'Berkas bukti terlalu besar: maksimal 5 MB per berkas, 5 berkas, 20 MB seluruhnya.',
    en: 'An evidence file is too large: at most 5 MB each, 5 files, 20 MB in all.',
  },
  body_too_large: {
    status: 413,
    id: 'Kiriman terlalu besar: bukti maksimal 5 MB per berkas, 5 berkas, 20 MB seluruhnya; tanpa berkas, teksnya terlalu panjang.',
    en: 'The submission is too large: evidence at most 5 MB each, 5 files, 20 MB in all; without files, the text is too long.',
  },
  turnstile_failed: {
    status: 400,
    id: 'Pemeriksaan anti-robot gagal. Muat ulang halaman dan coba lagi.',
    en: 'The anti-bot check failed. Reload the page and try again.',
  },
  invalid_reference: {
    status: 400,
    id: 'Nomor referensi tidak valid. Contoh: CD-7KQ2-M9XA-4T3B.',
    en: 'Not a valid reference number. Example: CD-7KQ2-M9XA-4T3B.',
  },
  invalid_decision: {
    status: 400,
    id: 'Keputusan tidak valid, atau alasan belum diisi.',
    en: 'Not a valid decision, or the reason is missing.',
  },
  already_decided: {
    status: 409,
    id: 'Laporan atau sanggahan ini sudah diputuskan.',
    en: 'This report or dispute has already been decided.',
  },
  invalid_reason: {
    status: 422,
    id: 'Pilih alasan dari daftar (GET /api/v1/admin/reasons) yang sesuai dengan keputusan ini.',
    en: 'Pick a reason from the list (GET /api/v1/admin/reasons) that fits this decision.',
  },
  invalid_cursor: {
    status: 400,
    id: 'Penanda halaman antrean tidak valid. Muat ulang antrean dari awal.',
    en: 'Not a valid queue page cursor. Reload the queue from the start.',
  },
  invalid_filter: {
    status: 400,
    id: 'Saringan antrean tidak valid (kind, bank, provider, category, channel, minAgeDays atau limit).',
    en: 'Not a valid queue filter (kind, bank, provider, category, channel, minAgeDays or limit).',
  },
  group_too_large: {
    status: 422,
    id: 'Kelompok ini punya lebih dari 500 laporan tertunda: putuskan dengan daftar refs, paling banyak 500 sekaligus.',
    en: 'This group has more than 500 pending reports: decide them by listing refs, at most 500 at once.',
  },
  decision_not_found: {
    status: 404,
    id: 'Tidak ada keputusan Anda dengan nomor ini.',
    en: 'You took no decision with this number.',
  },
  undo_expired: {
    status: 409,
    id: 'Keputusan ini sudah lebih dari 5 menit: tidak bisa dibatalkan lagi.',
    en: 'This decision is more than 5 minutes old: it can no longer be undone.',
  },
  undo_conflict: {
    status: 409,
    id: 'Keputusan ini sudah dibatalkan, atau laporannya sudah diubah moderator lain.',
    en: 'This decision was already undone, or its reports were changed by another moderator.',
  },
  undo_superseded: {
    status: 409,
    id: 'Laporan dari keputusan ini sudah diputuskan lagi sesudahnya (atau sanggahannya diterima): batalkan dulu keputusan yang lebih baru.',
    en: 'A report of this decision was decided again since (or disputed): undo the newer decision first.',
  },
  undo_nothing: {
    status: 409,
    id: 'Keputusan ini tidak mengubah apa pun: tidak ada yang perlu dibatalkan.',
    en: 'This decision changed nothing: there is nothing to undo.',
  },
  not_seen: {
    status: 409,
    id: 'Buka dulu laporan ini (kronologi dan setiap berkas buktinya) sebelum memverifikasi: yang belum dilihat tidak bisa dicantumkan.',
    en: 'Open this report first (its chronology and every evidence file) before verifying: nothing unseen can be listed.',
  },
  awaiting_another_moderator: {
    status: 409,
    id: 'Anda sudah memverifikasi laporan ini sekali: menunggu moderator lain. Verifikasi kedua harus dari moderator yang berbeda.',
    en: 'You already verified these reports once: they wait for another moderator. The second verification must come from a different moderator.',
  },
  evidence_unusable: {
    status: 404,
    id: 'Berkas bukti ini tidak tersimpan atau isinya bukan jenis yang tercatat: tidak dihitung sebagai bukti, laporannya perlu moderator kedua.',
    en: 'This evidence file is not stored, or its content is not the recorded type: it does not count as evidence, and the report needs a second moderator.',
  },
  dispute_needs_proof: {
    status: 409,
    id: 'Sanggahan ini belum punya bukti kepemilikan: tidak bisa diterima.',
    en: 'This dispute has no proof of ownership: it cannot be accepted.',
  },
  unauthorized: {
    status: 401,
    id: 'Perlu masuk sebagai moderator.',
    en: 'Moderator sign-in required.',
  },
  bot_unauthorized: {
    status: 401,
    id: 'Kiriman webhook ini tidak membawa rahasia atau tanda tangan yang benar.',
    en: 'This webhook delivery does not carry the right secret or signature.',
  },
  bot_verification_failed: {
    status: 403,
    id: 'Verifikasi webhook ditolak: token verifikasi tidak cocok.',
    en: 'Webhook verification refused: the verify token does not match.',
  },
  cross_site_request: {
    status: 403,
    id: 'Permintaan moderasi hanya diterima dari halaman admin CekDulu sendiri.',
    en: 'Moderation requests are accepted only from CekDulu’s own admin page.',
  },
  not_a_moderator: {
    status: 403,
    id: 'Anda masuk, tetapi tidak ada di daftar moderator (MODERATORS).',
    en: 'You are signed in, but not on the list of moderators (MODERATORS).',
  },
  json_required: {
    status: 403,
    id: 'Perubahan moderasi harus dikirim sebagai JSON (Content-Type: application/json).',
    en: 'Moderation changes must be sent as JSON (Content-Type: application/json).',
  },
  invalid_email: {
    status: 400,
    id: 'Alamat e-mail tidak valid. Tulis satu alamat saja, seperti nama@contoh.com: huruf Latin tanpa aksen, angka, dan tanda biasa seperti . _ - +, tanpa spasi, koma, tanda kutip, atau tanda < >. Kosongkan jika tidak ingin diberi kabar.',
    en: 'Not a valid e-mail address. Type one address only, like name@example.com: Latin letters without accents, digits and ordinary signs such as . _ - +, with no spaces, commas, quotation marks or < >. Leave it empty if you do not want to be told.',
  },
  proof_required: {
    status: 400,
    id: 'Lampirkan bukti kepemilikan: misalnya halaman rekening koran atau tangkapan layar profil dompet digital Anda.',
    en: 'Attach a proof of ownership: for example a bank statement page or a screenshot of your e-wallet profile.',
  },
  not_reported: {
    status: 422,
    id: 'Akun ini tidak punya laporan terverifikasi, jadi tidak ada yang perlu disanggah.',
    en: 'This account has no verified reports, so there is nothing to dispute.',
  },
  invalid_submission_token: {
    status: 400,
    id: 'Kunci pengiriman (Idempotency-Key atau submissionToken) tidak valid: 16–128 huruf, angka, - atau _.',
    en: 'Not a valid submission key (Idempotency-Key or submissionToken): 16–128 letters, digits, - or _.',
  },
  submission_token_reused: {
    status: 409,
    id: 'Kunci pengiriman ini sudah dipakai untuk jenis kiriman lain. Buat kunci baru untuk setiap kiriman.',
    en: 'This submission key was already used for another kind of submission. Use a new key for each submission.',
  },
  report_not_found: {
    status: 404,
    id: 'Tidak ada laporan atau sanggahan dengan nomor referensi ini.',
    en: 'No report or dispute has this reference number.',
  },
  not_found: {
    status: 404,
    id: 'Alamat API ini tidak ada.',
    en: 'No such API path.',
  },
  method_not_allowed: {
    status: 405,
    id: 'Metode HTTP ini tidak didukung di alamat ini.',
    en: 'This HTTP method is not supported on this path.',
  },
  rate_limited: {
    status: 429,
    id: 'Terlalu banyak permintaan dari alamat Anda. Tunggu sebentar, lalu coba lagi.',
    en: 'Too many requests from your address. Wait a moment, then try again.',
  },
  internal_error: {
    status: 500,
    id: 'Terjadi kesalahan di server kami. Coba lagi sebentar lagi.',
    en: 'Something went wrong on our side. Try again shortly.',
  },
  snapshot_unavailable: {
    status: 503,
    id: 'Data laporan sedang tidak tersedia. Coba lagi sebentar lagi.',
    en: 'Report data is unavailable right now. Try again shortly.',
  },
  submissions_unavailable: {
    status: 503,
    id: 'Laporan dan sanggahan sedang tidak dapat diterima. Coba lagi nanti.',
    en: 'Reports and disputes cannot be accepted right now. Try again later.',
  },
} as const satisfies Record<string, { status: number; id: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The fields of a lookup or report that an error can point at. */
export type ErrorField =
  | 'type' | 'value' | 'bank' | 'provider'
  | 'category' | 'lossIdr' | 'channel' | 'profileUrl' | 'chronology' | 'contact' | 'evidence'
  | 'statement' | 'turnstile' | 'decision' | 'reason' | 'ref'
  | 'cursor' | 'refs' | 'filter'
  | 'email' | 'proof' | 'submissionToken'
  | 'text' | 'queries';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: ErrorField | undefined;

  constructor(code: ErrorCode, field?: ErrorField) {
    super(ERROR_MESSAGES[code].en);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_MESSAGES[code].status;
    this.field = field;
  }

  messageIn(lang: Lang): string {
    return ERROR_MESSAGES[this.code][lang];
  }
}

/**
 * An account number whose length the bank never issues (banks.json
 * `accountDigits`): "Nomor rekening BCA terdiri dari 10 angka." The code, status,
 * field and JSON shape are ApiError's; only the message is rendered from the
 * bank's name and lengths.
 */
export class BankAccountLengthError extends ApiError {
  readonly bank: string;
  readonly lengths: readonly number[];

  constructor(bank: string, lengths: readonly number[]) {
    super('bank_account_length', 'value');
    this.bank = bank;
    this.lengths = lengths;
    this.message = this.messageIn('en');
  }

  override messageIn(lang: Lang): string {
    const digits = listed(this.lengths, lang === 'id' ? 'atau' : 'or');
    return lang === 'id'
      ? `Nomor rekening ${this.bank} terdiri dari ${digits} angka. Periksa lagi nomor dan banknya.`
      : `${this.bank} account numbers have ${digits} digits. Check the number and the bank.`;
  }
}

/** "10", "10 atau 13", "10, 12 atau 13". */
function listed(numbers: readonly number[], or: string): string {
  const all = numbers.map(String);
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} ${or} ${all.at(-1)}`;
}

/**
 * Every field error of a submission at once (worker/reports/field-errors.ts):
 * the first is the error's own code, message and field, as before; all of them
 * go in `error.fields`, so a form can show each beside its field.
 */
export class FieldErrors extends ApiError {
  readonly errors: readonly ApiError[];

  constructor(errors: readonly [ApiError, ...ApiError[]]) {
    super(errors[0].code, errors[0].field);
    this.errors = errors;
  }
}

/** One field's error in `error.fields`. */
interface FieldErrorBody {
  field: ErrorField | null;
  code: ErrorCode;
  message: string;
}

/** The JSON body of every error response: `{"error":{"code","message"}}`, `fields` for a submission's field errors. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: ErrorField; fields?: FieldErrorBody[] };
}

export function errorBody(err: ApiError, lang: Lang): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: err.messageIn(lang) } };
  if (err.field) body.error.field = err.field;
  if (err instanceof FieldErrors) {
    body.error.fields = err.errors.map((e) => ({ field: e.field ?? null, code: e.code, message: e.messageIn(lang) }));
  }
  return body;
}
