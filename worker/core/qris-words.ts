// What a buyer reads about a QRIS code before paying, in both languages: the
// picture reader on the phone, the Worker's qris_crc refusal and /cek/ all say
// it the same way. Apart from the parser (qris.ts) so the words can change
// without touching the reading.

import type { Lang } from './lang.ts';
import type { QrisParse } from './qris.ts';

type Parsed = Extract<QrisParse, { kind: 'qris' }>;

const CRC_WARNING: Record<Lang, string> = {
  id: 'Kode QR ini rusak atau diubah — jangan bayar dengan kode ini.',
  en: 'This QR code is damaged or altered — do not pay with it.',
};

/** Said when tag 63 does not match: the code was damaged or someone changed it. */
export function qrisCrcWarning(lang: Lang): string {
  return CRC_WARNING[lang];
}

const LABELS = {
  id: {
    merchantName: 'Nama penjual',
    city: 'Kota',
    postalCode: 'Kode pos',
    nmid: 'NMID (nomor merchant nasional)',
    providers: 'Penyedia pembayaran',
    kind: 'Jenis kode',
    static: 'Statis — Anda mengetik sendiri jumlah yang dibayar',
    dynamic: 'Dinamis — dibuat untuk satu pembayaran',
    amount: 'Jumlah',
    country: 'Negara',
    missing: '(tidak tertulis)',
  },
  en: {
    merchantName: 'Merchant name',
    city: 'City',
    postalCode: 'Postal code',
    nmid: 'NMID (national merchant ID)',
    providers: 'Payment provider',
    kind: 'Kind of code',
    static: 'Static — you type the amount yourself',
    dynamic: 'Dynamic — made for one payment',
    amount: 'Amount',
    country: 'Country',
    missing: '(not given)',
  },
} as const;

/**
 * The fields a buyer checks before paying, as label/value rows: merchant name,
 * city, NMID first (what the official advice says to compare), then the rest.
 */
export function qrisSummary(p: Parsed, lang: Lang): { label: string; value: string }[] {
  const w = LABELS[lang];
  const rows: { label: string; value: string }[] = [
    { label: w.merchantName, value: p.merchantName ?? w.missing },
    { label: w.city, value: p.city ?? w.missing },
    { label: w.nmid, value: p.nmid ?? w.missing },
  ];
  if (p.providers.length > 0) rows.push({ label: w.providers, value: p.providers.join(', ') });
  rows.push({ label: w.kind, value: p.dynamic ? w.dynamic : w.static });
  if (p.amount !== undefined) rows.push({ label: w.amount, value: formatAmount(p.amount, p.currency, lang) });
  if (p.postalCode !== undefined) rows.push({ label: w.postalCode, value: p.postalCode });
  if (p.country !== undefined && p.country.toUpperCase() !== 'ID') rows.push({ label: w.country, value: p.country });
  return rows;
}

// ISO 4217 numeric 360 is the rupiah; any other currency is shown as its code.
function formatAmount(amount: string, currency: string | undefined, lang: Lang): string {
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(amount);
  if (!m) return amount;
  const whole = (m[1] ?? '').replace(/^0+(?=\d)/, '');
  const cents = (m[2] ?? '').replace(/0+$/, '');
  const thousands = lang === 'id' ? '.' : ',';
  const decimal = lang === 'id' ? ',' : '.';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) + (cents ? decimal + cents : '');
  return currency === undefined || currency === '360' ? `Rp ${grouped}` : `${grouped} (${currency})`;
}
