// Seeded sample reports in the input contract (report-line.ts), realistic
// enough to exercise the whole pipeline: identifiers typed the messy ways
// people type them, repeat offenders, pending and rejected reports, repeated
// ids, and a `reporter` with (fake) personal data that the snapshot must drop.
// The same generator feeds `npm start`, the tests and the benchmarks (STYLE 8).
//
// Every line is a pure function of (seed, line number): no pool of earlier
// reports is kept, so a million lines stream in constant memory, and an
// earlier report can be re-emitted (a repeated id) by regenerating it.
import type { EwalletProvider, Identifier, IdentifierType } from '../../worker/core/identifiers.ts';
import type { ReportCategory, ReportChannel, ReportStatus } from '../../worker/core/report-contract.ts';
import type { ReportLineJson } from '../../worker/reports/report-line.ts';

/** Reproducible by default: a fixed clock, so a seed gives the same file on any day. */
export const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');

const DAY_MS = 86_400_000;
const SPAN_MS = 730 * DAY_MS; // reports spread over the two years before `now`

// ---------------------------------------------------------------------------
// Demo identities: always the first lines, the same for every seed.

export interface DemoIdentity {
  /** What a newcomer types into the site. */
  input: { type: IdentifierType; value: string; bank?: string; provider?: EwalletProvider };
  /** parseIdentifier(input). */
  canonical: Identifier;
  /** lookupKey(canonical). */
  key: string;
  /** The site's answer for it. */
  expect: 'reported' | 'not_reported';
  /** The owner's dispute is pending: still reported, answered `disputed: true`. */
  disputed?: true;
  note: string;
}

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  {
    input: { type: 'bank', bank: '014', value: '1234567890' },
    canonical: { type: 'bank', bank: '014', value: '1234567890' },
    key: 'bank:014:1234567890',
    expect: 'reported',
    note: 'BCA account with 5 verified reports, typed with and without dashes and spaces.',
  },
  {
    input: { type: 'phone', value: '0812-3456-7890' },
    canonical: { type: 'phone', value: '+6281234567890' },
    key: 'tel:+6281234567890',
    expect: 'reported',
    note: 'Phone number with 4 verified reports, typed as 0812…, +62 812…, 62812…; any of them finds it.',
  },
  {
    input: { type: 'ewallet', provider: 'dana', value: '0857-1111-2222' },
    canonical: { type: 'ewallet', provider: 'dana', value: '+6285711112222' },
    key: 'tel:+6285711112222',
    expect: 'reported',
    note: 'DANA e-wallet with 3 verified reports, plus 1 reporting the same number as a phone: both share one key.',
  },
  {
    input: { type: 'instagram', value: '@olshop.murah.banget' },
    canonical: { type: 'instagram', value: 'olshop.murah.banget' },
    key: 'ig:olshop.murah.banget',
    expect: 'reported',
    note: 'Instagram seller with 4 verified reports, typed as @handle, a profile link and a capitalised link.',
  },
  {
    input: { type: 'facebook', value: 'jual.hp.murah.official' },
    canonical: { type: 'facebook', value: 'jualhpmurahofficial' },
    key: 'fb:jualhpmurahofficial',
    expect: 'reported',
    note: 'Facebook seller with 3 verified reports, typed as a web.facebook.com link, facebook.com/… and the username (Facebook ignores the periods).',
  },
  {
    input: { type: 'bank', bank: '008', value: '1300012345678' },
    canonical: { type: 'bank', bank: '008', value: '1300012345678' },
    key: 'bank:008:1300012345678',
    expect: 'not_reported',
    note: 'Mandiri account whose 3 reports are all pending or rejected: unverified reports are never shown.',
  },
  {
    input: { type: 'website', value: 'https://www.tokomurah-promo.com/checkout?x=1' },
    canonical: { type: 'website', value: 'tokomurah-promo.com' },
    key: 'web:tokomurah-promo.com',
    expect: 'reported',
    note: 'Fake shop website with 3 verified reports, typed as the bare domain, a checkout link and a subdomain: one site.',
  },
  {
    input: { type: 'tiktok', value: '@hpmurah.sby' },
    canonical: { type: 'tiktok', value: 'hpmurah.sby' },
    key: 'tt:hpmurah.sby',
    expect: 'reported',
    note: 'TikTok seller with 3 verified reports, typed as @handle, a video link and a capitalised profile link.',
  },
  {
    input: { type: 'telegram', value: '@tiketkonser_murah' },
    canonical: { type: 'telegram', value: 'tiketkonser_murah' },
    key: 'tg:tiketkonser_murah',
    expect: 'reported',
    note: 'Telegram seller with 3 verified reports, typed as @handle, a t.me link and a telegram.me link.',
  },
  {
    input: { type: 'phone', value: 'https://wa.me/6281398765432' },
    canonical: { type: 'phone', value: '+6281398765432' },
    key: 'tel:+6281398765432',
    expect: 'reported',
    note: 'Phone number with 3 verified reports, two of them pasted as WhatsApp links (wa.me, api.whatsapp.com): a link finds the number.',
  },
  {
    input: { type: 'bank', bank: '009', value: '0987654321' },
    canonical: { type: 'bank', bank: '009', value: '0987654321' },
    key: 'bank:009:0987654321',
    expect: 'reported',
    disputed: true,
    note: 'BNI account with 2 verified reports whose owner disputes them (a pending dispute, `disputed: true` on its lines): still reported, said to be contested.',
  },
  {
    input: { type: 'qris', value: 'ID9990000000017' },
    canonical: { type: 'qris', value: 'ID9990000000017' },
    key: 'qris:ID9990000000017',
    expect: 'reported',
    note: 'QRIS merchant "TOKO BERKAH ELEKTRONIK" (Bandung) with 3 verified reports, typed as its NMID, as printed under the code ("NMID: ID999 0000 000017") and as the whole payload (SAMPLE_QRIS_PAYLOAD): any of them finds it.',
  },
];

/**
 * The whole QRIS payload of the reported sample merchant (NMID ID9990000000017,
 * fictional: real NMIDs begin ID1 or ID2), with a correct CRC; the browser tests
 * render it as a QR image from tests/fixtures/qris/sample-reported.txt, which
 * holds the same text (tests/unit/sample-reports.test.ts compares them).
 */
export const SAMPLE_QRIS_PAYLOAD =
  '00020101021126660014COM.GO-JEK.WWW01189360000000000000010215ID99900000000170303UMI51440014ID.CO.QRIS.WWW' +
  '0215ID99900000000170303UMI5204541153033605802ID5922TOKO BERKAH ELEKTRONIK6007BANDUNG61054011162070703A01630411D4';

type DemoRow = [
  demo: number,
  type: IdentifierType,
  value: string,
  category: ReportCategory,
  status: ReportStatus,
  daysAgo: number,
  lossIdr: number | undefined,
  channel: ReportChannel,
  /** The line carries `disputed: true` (the input contract's optional flag for a pending dispute). */
  disputed?: true,
];

const DEMO_REPORTS: readonly DemoRow[] = [
  [0, 'bank', '1234567890', 'online_shopping', 'verified', 400, 1_250_000, 'instagram'],
  [0, 'bank', '123-456-7890', 'online_shopping', 'verified', 210, 3_500_000, 'marketplace'],
  [0, 'bank', '1234 5678 90', 'investment', 'verified', 95, 15_000_000, 'whatsapp'],
  [0, 'bank', '123 456 7890', 'online_shopping', 'verified', 30, 850_000, 'instagram'],
  [0, 'bank', ' 1234567890 ', 'online_shopping', 'verified', 6, undefined, 'facebook'],
  [1, 'phone', '0812-3456-7890', 'online_shopping', 'verified', 300, 2_000_000, 'whatsapp'],
  [1, 'phone', '+62 812 3456 7890', 'phishing', 'verified', 120, 4_750_000, 'whatsapp'],
  [1, 'phone', '6281234567890', 'job', 'verified', 45, 500_000, 'website'],
  [1, 'phone', '0812 3456 7890', 'online_shopping', 'verified', 3, 1_100_000, 'instagram'],
  [2, 'ewallet', '0857-1111-2222', 'online_shopping', 'verified', 250, 750_000, 'facebook'],
  [2, 'ewallet', '+6285711112222', 'loan', 'verified', 80, 2_500_000, 'whatsapp'],
  [2, 'ewallet', '085711112222', 'online_shopping', 'verified', 12, 300_000, 'marketplace'],
  [2, 'phone', '0857 1111 2222', 'online_shopping', 'verified', 10, undefined, 'whatsapp'],
  [3, 'instagram', '@olshop.murah.banget', 'online_shopping', 'verified', 180, 650_000, 'instagram'],
  [3, 'instagram', 'https://www.instagram.com/olshop.murah.banget/?igsh=MWd5bHg0dTFoN2R2aQ==', 'online_shopping', 'verified', 60, 1_800_000, 'instagram'],
  [3, 'instagram', 'instagram.com/Olshop.Murah.Banget', 'online_shopping', 'verified', 21, 425_000, 'instagram'],
  [3, 'instagram', 'olshop.murah.banget', 'other', 'verified', 2, undefined, 'instagram'],
  [4, 'facebook', 'https://web.facebook.com/jual.hp.murah.official?mibextid=ZbWKwL', 'online_shopping', 'verified', 150, 3_200_000, 'facebook'],
  [4, 'facebook', 'facebook.com/jual.hp.murah.official', 'online_shopping', 'verified', 40, 2_750_000, 'facebook'],
  [4, 'facebook', 'jual.hp.murah.official', 'online_shopping', 'verified', 8, 5_400_000, 'marketplace'],
  [5, 'bank', '130-00-1234567-8', 'online_shopping', 'pending', 20, 900_000, 'instagram'],
  [5, 'bank', '1300012345678', 'investment', 'rejected', 70, 10_000_000, 'whatsapp'],
  [5, 'bank', '130 0012 3456 78', 'online_shopping', 'pending', 4, undefined, 'facebook'],
  // Appended, never inserted: a line's time depends on its position, and the demo lines above are pinned
  // byte for byte by tests/worker/contract-golden.test.ts.
  [6, 'website', 'tokomurah-promo.com', 'online_shopping', 'verified', 90, 2_300_000, 'website'],
  [6, 'website', 'https://www.tokomurah-promo.com/checkout?x=1', 'online_shopping', 'verified', 35, 1_450_000, 'website'],
  [6, 'website', 'http://promo.tokomurah-promo.com/', 'phishing', 'verified', 9, undefined, 'instagram'],
  [7, 'tiktok', '@hpmurah.sby', 'online_shopping', 'verified', 140, 4_100_000, 'other'],
  [7, 'tiktok', 'https://www.tiktok.com/@hpmurah.sby/video/7301234567890123456?is_from_webapp=1', 'online_shopping', 'verified', 50, 3_600_000, 'other'],
  [7, 'tiktok', 'tiktok.com/@HPMurah.SBY', 'online_shopping', 'verified', 14, 2_900_000, 'whatsapp'],
  [8, 'telegram', '@tiketkonser_murah', 'online_shopping', 'verified', 75, 1_500_000, 'other'],
  [8, 'telegram', 'https://t.me/tiketkonser_murah', 'online_shopping', 'verified', 28, 3_000_000, 'other'],
  [8, 'telegram', 'telegram.me/TiketKonser_Murah', 'online_shopping', 'verified', 5, 750_000, 'other'],
  [9, 'phone', 'https://wa.me/6281398765432?text=Halo%20kak', 'investment', 'verified', 200, 12_500_000, 'whatsapp'],
  [9, 'phone', 'https://api.whatsapp.com/send?phone=6281398765432', 'job', 'verified', 65, 800_000, 'whatsapp'],
  [9, 'phone', '0813-9876-5432', 'online_shopping', 'verified', 11, 1_200_000, 'instagram'],
  [10, 'bank', '0987654321', 'online_shopping', 'verified', 55, 2_200_000, 'facebook', true],
  [10, 'bank', '098-765-4321', 'online_shopping', 'verified', 16, 900_000, 'marketplace', true],
  [11, 'qris', 'ID9990000000017', 'online_shopping', 'verified', 60, 1_750_000, 'whatsapp'],
  [11, 'qris', 'NMID: ID999 0000 000017', 'online_shopping', 'verified', 25, 2_400_000, 'instagram'],
  [11, 'qris', SAMPLE_QRIS_PAYLOAD, 'online_shopping', 'verified', 7, 3_100_000, 'whatsapp'],
];

function* demoLines(now: Date): Generator<ReportLineJson> {
  for (const [i, [demo, type, value, category, status, daysAgo, lossIdr, channel, disputed]] of DEMO_REPORTS.entries()) {
    const { bank, provider } = DEMO_IDENTITIES[demo]!.input;
    // Mid-morning Jakarta time, every other one written with its +07:00 offset.
    const at = Math.floor(now.getTime() / DAY_MS) * DAY_MS - daysAgo * DAY_MS + 3 * 3_600_000 + i * 60_000;
    yield {
      id: `demo-${String(i + 1).padStart(3, '0')}`,
      type,
      value,
      ...(type === 'bank' ? { bank } : type === 'ewallet' ? { provider } : {}),
      category,
      status,
      reportedAt: formatTime(at, i % 2 === 0 ? 0 : 7),
      ...(lossIdr === undefined ? {} : { lossIdr }),
      channel,
      ...(disputed ? { disputed } : {}),
      reporter: { name: `Pelapor Contoh ${i + 1}`, phone: '0812-0000-0000', email: `pelapor${i + 1}@example.com` },
    };
  }
}

// ---------------------------------------------------------------------------
// The PRNG. sfc32 (Chris Doty-Humphrey's Small Fast Counting generator),
// written out instead of imported: a seed must give byte-identical files
// across dependency upgrades, and the whole generator is ten lines.

class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(a: number, b: number, c: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    for (let i = 0; i < 12; i++) this.uint32(); // mix nearby seeds apart
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
}

class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(table: readonly (readonly [T, number])[]) {
    this.values = table.map(([value]) => value);
    let sum = 0;
    this.cumulative = table.map(([, weight]) => (sum += weight));
  }

  draw(rng: Random): T {
    const x = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    const i = this.cumulative.findIndex((c) => x < c);
    return this.values[i]!;
  }
}

// Salts keep the streams for a report, its identity and its repeat decision apart.
const REPORT_SALT = 0x7e5a_11a1;
const IDENTITY_SALT = 0x1d3e_4717;
const REPEAT_SALT = 0x0dd_ba11;

// ---------------------------------------------------------------------------
// Domain tables. Weights are rough shares of Indonesian fraud reports, not data.

/** [BI code, weight, account lengths]. The big five hold most retail accounts. */
const BANKS: readonly (readonly [string, number, readonly number[]])[] = [
  ['014', 24, [10]], // BCA
  ['002', 20, [15]], // BRI
  ['008', 16, [13]], // Mandiri
  ['009', 11, [10]], // BNI
  ['451', 6, [10]], // BSI
  ['022', 3, [13, 14]], // CIMB Niaga
  ['542', 3, [12]], // Bank Jago
  ['535', 3, [12]], // SeaBank
  ['011', 2, [10]], // Danamon
  ['013', 2, [10]], // Permata
  ['200', 2, [16]], // BTN
  ['490', 2, [12]], // Bank Neo Commerce
  ['213', 2, [11, 12]], // BTPN / Jenius
  ['426', 1, [10, 11]], // Mega
  ['028', 1, [12]], // OCBC NISP
  ['019', 1, [10]], // Panin
  ['016', 1, [10, 11]], // Maybank
  ['110', 1, [10, 13]], // BJB
];
const BANK_DRAW = new Weighted(BANKS.map(([code, weight, lengths]) => [{ code, lengths }, weight] as const));

/** Indonesian mobile prefixes without the trunk 0, by operator. */
const MOBILE_PREFIXES = [
  '811', '812', '813', '821', '822', '823', '851', '852', '853', // Telkomsel
  '814', '815', '816', '855', '856', '857', '858', // Indosat
  '817', '818', '819', '859', '877', '878', // XL
  '831', '832', '833', '838', // Axis
  '895', '896', '897', '898', '899', // Tri
  '881', '882', '883', '884', '885', '886', '887', '888', '889', // Smartfren
];
const MOBILE_PREFIX_DRAW = new Weighted(
  // Telkomsel holds about half the market.
  MOBILE_PREFIXES.map((p, i) => [p, i < 9 ? 5 : 2] as const),
);

const EWALLETS = new Weighted<EwalletProvider>([
  ['dana', 35],
  ['gopay', 28],
  ['ovo', 20],
  ['shopeepay', 14],
  ['linkaja', 3],
]);

const STATUSES = new Weighted<ReportStatus>([
  ['verified', 80],
  ['pending', 14],
  ['rejected', 6],
]);

const CATEGORIES = new Weighted<ReportCategory>([
  ['online_shopping', 46],
  ['investment', 11],
  ['phishing', 10],
  ['loan', 8],
  ['job', 8],
  ['gambling', 5],
  ['romance', 4],
  ['other', 8],
]);

const CHANNELS = new Weighted<ReportChannel>([
  ['instagram', 28],
  ['whatsapp', 28],
  ['facebook', 18],
  ['marketplace', 14],
  ['website', 5],
  ['other', 7],
]);

const SHOP_WORDS = [
  'olshop', 'store', 'murah', 'grosir', 'official', 'jual', 'hp', 'gadget', 'fashion', 'hijab', 'skincare',
  'tiket', 'promo', 'toko', 'shop', 'ori', 'termurah', 'distro', 'sepatu', 'tas', 'iphone', 'second', 'pusat',
  'kosmetik', 'gamis', 'elektronik', 'konser', 'jkt', 'sby', 'bdg',
];
const FIRST_NAMES = ['budi', 'siti', 'dewi', 'agus', 'rina', 'andi', 'putri', 'eko', 'wahyu', 'fitri', 'rizky', 'nur', 'yusuf', 'ayu'];
const LAST_NAMES = ['santoso', 'rahmawati', 'lestari', 'setiawan', 'wulandari', 'pratama', 'maharani', 'prasetyo', 'hidayat', 'saputra', 'kusuma', 'nugroho'];

// ---------------------------------------------------------------------------
// Identities: who is reported. Identity i is a pure function of (seed, i).

type IdentityCore =
  | { kind: 'bank'; bank: string; account: string }
  | { kind: 'mobile'; nsn: string; provider: EwalletProvider; as: 'phone' | 'ewallet' | 'both' }
  | { kind: 'foreign'; forms: readonly string[] }
  | { kind: 'instagram'; handle: string }
  | { kind: 'facebook'; handle: string; numeric: boolean }
  | { kind: 'tiktok'; handle: string }
  | { kind: 'telegram'; handle: string }
  | { kind: 'website'; domain: string };
type Identity = IdentityCore & { category: ReportCategory; activeFrom: number; activeMs: number };

const KINDS = new Weighted([
  ['bank', 40],
  ['mobile', 40],
  ['instagram', 12],
  ['facebook', 8],
] as const);

/** Demo values no random identity may take, or a random verified report could change a demo's answer. */
const DEMO_VALUES = new Set([
  '1234567890', '1300012345678', '81234567890', '85711112222', 'olshop.murah.banget', 'jualhpmurahofficial',
  'tokomurah-promo.com', 'hpmurah.sby', 'tiketkonser_murah', '81398765432', '0987654321',
]);

/**
 * The kinds added later (TikTok, Telegram, websites) come from a stream of
 * their own, so every identity that stays of an earlier kind is drawn exactly
 * as before: the samples the tests and the README quote do not move.
 */
const LATER_KINDS_SALT = 0x5eed_0a7e;
const LATER_KINDS_RATE = 0.09;
const LATER_KINDS = new Weighted([
  ['tiktok', 4],
  ['telegram', 2],
  ['website', 3],
] as const);
/** A share of phone reports pasted as a WhatsApp link; also a stream of its own. */
const WHATSAPP_LINK_SALT = 0x0a11_3e55;
const WHATSAPP_LINK_RATE = 0.06;

function identityOf(seed: number, index: number): Identity {
  const rng = new Random(seed, index, IDENTITY_SALT);
  const common = {
    category: CATEGORIES.draw(rng),
    activeFrom: rng.next() * SPAN_MS,
    // Most accounts are burned within weeks; a few stay in use for months.
    activeMs: (rng.chance(0.3) ? rng.int(1, 7) : rng.int(7, 150)) * DAY_MS,
  };
  const later = new Random(seed, index, LATER_KINDS_SALT);
  for (;;) {
    const identity = later.chance(LATER_KINDS_RATE) ? drawLaterKind(later) : drawIdentity(rng);
    const value =
      identity.kind === 'bank' ? identity.account
      : identity.kind === 'mobile' ? identity.nsn
      : identity.kind === 'instagram' || identity.kind === 'tiktok' || identity.kind === 'telegram' ? identity.handle
      : identity.kind === 'facebook' ? identity.handle.replaceAll('.', '')
      : identity.kind === 'website' ? identity.domain
      : '';
    if (!DEMO_VALUES.has(value)) return { ...identity, ...common };
  }
}

function drawIdentity(rng: Random): IdentityCore {
  switch (KINDS.draw(rng)) {
    case 'bank': {
      const { code, lengths } = BANK_DRAW.draw(rng);
      return { kind: 'bank', bank: code, account: accountNumber(rng, code, rng.pick(lengths)) };
    }
    case 'mobile': {
      // A few scam numbers are foreign (job and investment scams from abroad); those are phones only.
      if (rng.chance(0.04)) return { kind: 'foreign', forms: foreignNumber(rng) };
      const nsn = MOBILE_PREFIX_DRAW.draw(rng) + rng.digits(rng.pick([7, 8, 8, 8, 9]));
      // Some numbers get reported both as a phone and as an e-wallet (they share one key).
      const as = rng.chance(0.08) ? 'both' : rng.chance(0.48) ? 'phone' : 'ewallet';
      return { kind: 'mobile', nsn, provider: EWALLETS.draw(rng), as };
    }
    case 'instagram':
      return { kind: 'instagram', handle: instagramHandle(rng) };
    case 'facebook':
      return rng.chance(0.3)
        ? { kind: 'facebook', handle: `1000${rng.digits(11)}`, numeric: true }
        : { kind: 'facebook', handle: facebookHandle(rng), numeric: false };
  }
}

function drawLaterKind(rng: Random): IdentityCore {
  const words = Array.from({ length: rng.int(2, 3) }, () => rng.pick(SHOP_WORDS));
  switch (LATER_KINDS.draw(rng)) {
    case 'tiktok': {
      // 2–24 of a-z 0-9 . _, not ending in a period.
      const handle = words.join(rng.pick(['.', '_', ''])).slice(0, 20) + (rng.chance(0.3) ? String(rng.int(1, 999)) : '');
      return { kind: 'tiktok', handle: handle.replace(/\.+$/, '') };
    }
    case 'telegram': {
      // 5–32 of a-z 0-9 _, starting with a letter (every shop word does), no _ at the end and never __ (Telegram's
      // rule): at most 29 characters before up to 3 digits.
      const handle = words.join(rng.pick(['_', ''])).slice(0, 29).replace(/_$/, '').padEnd(5, '0');
      return { kind: 'telegram', handle: handle + (rng.chance(0.3) ? String(rng.int(1, 999)) : '') };
    }
    case 'website':
      return { kind: 'website', domain: `${words.join(rng.pick(['-', '']))}${rng.pick(['.com', '.com', '.co.id', '.id', '.shop', '.store', '.online', '.my.id'])}` };
  }
}

function accountNumber(rng: Random, bank: string, length: number): string {
  if (bank === '002') return `${rng.digits(4)}01${rng.digits(9)}`; // BRI: branch, 01, serial
  if (bank === '008') return `1${rng.digits(2)}00${rng.digits(8)}`; // Mandiri: 1xx branch, 00, serial
  return String(rng.int(1, 9)) + rng.digits(length - 1);
}

function foreignNumber(rng: Random): string[] {
  switch (rng.pick(['MY', 'KH', 'US'] as const)) {
    case 'MY': {
      const p = rng.pick(['12', '13', '16', '17', '19']);
      const [a, b] = [`${rng.int(1, 9)}${rng.digits(2)}`, rng.digits(4)]; // 013 and 017 numbers never continue with 0
      return [`+60 ${p}-${a} ${b}`, `+60${p}${a}${b}`, `+60 ${p} ${a} ${b}`];
    }
    case 'KH': {
      const [p, rest] = rng.chance(0.5) ? [rng.pick(['12', '17', '92', '99']), rng.digits(6)] : [rng.pick(['96', '97']), rng.digits(7)];
      return [`+855 ${p} ${rest.slice(0, 3)} ${rest.slice(3)}`, `+855${p}${rest}`];
    }
    case 'US': {
      const area = rng.pick(['213', '312', '415', '646', '702']);
      const [exchange, line] = [`${rng.int(2, 9)}${rng.int(2, 9)}${rng.int(0, 9)}`, rng.digits(4)];
      return [`+1 ${area}-${exchange}-${line}`, `+1${area}${exchange}${line}`, `+1 ${area} ${exchange} ${line}`];
    }
  }
}

/** Instagram: 1–30 of a-z 0-9 . _, no leading, trailing or doubled period. */
function instagramHandle(rng: Random): string {
  for (;;) {
    const sep = rng.pick(['.', '_', '', '.']);
    const words = Array.from({ length: rng.int(2, 3) }, () => rng.pick(SHOP_WORDS));
    let handle = words.join(sep);
    if (rng.chance(0.4)) handle += rng.pick(['', '_', '.']) + rng.int(1, 9999);
    else if (rng.chance(0.2)) handle += rng.pick(['_id', '.id', '_official', '_shop']);
    if (handle.length <= 30 && !DEMO_VALUES.has(handle)) return handle;
  }
}

/** Facebook: a-z 0-9 and periods (no underscores), at least 5 besides the periods, which Facebook ignores. */
function facebookHandle(rng: Random): string {
  for (;;) {
    const sep = rng.pick(['.', '']);
    const words = rng.chance(0.3)
      ? [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)]
      : Array.from({ length: rng.int(2, 3) }, () => rng.pick(SHOP_WORDS));
    let handle = words.join(sep);
    if (rng.chance(0.5)) handle += (rng.chance(0.5) ? '.' : '') + rng.int(1, 99999);
    if (handle.replaceAll('.', '').length >= 5 && handle.length <= 50) return handle;
  }
}

// ---------------------------------------------------------------------------
// Rendering: the same identity typed the ways people type it.

function renderMobile(rng: Random, nsn: string): string {
  const [a, b, c] = [nsn.slice(0, 3), nsn.slice(3, 7), nsn.slice(7)];
  switch (rng.int(0, 19)) {
    case 0: case 1: case 2: case 3: case 4: return `0${nsn}`;
    case 5: case 6: case 7: case 8: return `0${a}-${b}-${c}`;
    case 9: case 10: case 11: return `+62 ${a} ${b} ${c}`;
    case 12: case 13: return `62${nsn}`;
    case 14: case 15: return `+62${nsn}`;
    case 16: case 17: return `0${a} ${b} ${c}`;
    case 18: return `0${a}.${b}.${c}`;
    default: return `+62-${a}-${b}-${c}`;
  }
}

function renderAccount(rng: Random, bank: string, account: string): string {
  const x = rng.next();
  if (x < 0.5) return account;
  if (x < 0.55) return ` ${account} `;
  // Each bank prints its numbers in its own groups, which people copy.
  const groups = bank === '002' ? [4, 2, 6, 2, 1] : bank === '008' ? [3, 2, 7, 1] : account.length === 10 ? [3, 3, 4] : [4, 4, 4, 4];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= account.length) break;
    parts.push(account.slice(at, (at += size)));
  }
  if (at < account.length) parts.push(account.slice(at));
  return parts.join(x < 0.8 ? '-' : ' ');
}

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
/** Tracking parameters (igsh=, mibextid=) that share links carry. */
const token = (rng: Random, n: number): string => Array.from({ length: n }, () => rng.pick(ALNUM)).join('');

function renderInstagram(rng: Random, handle: string): string {
  const x = rng.next();
  if (x < 0.3) return handle;
  if (x < 0.6) return `@${handle}`;
  if (x < 0.8) return `https://www.instagram.com/${handle}/?igsh=${token(rng, 16)}==`;
  if (x < 0.9) return `instagram.com/${handle[0]!.toUpperCase()}${handle.slice(1)}`;
  return `https://instagram.com/${handle}`;
}

function renderFacebook(rng: Random, handle: string, numeric: boolean): string {
  const x = rng.next();
  if (numeric) {
    if (x < 0.4) return `m.facebook.com/profile.php?id=${handle}`;
    if (x < 0.7) return `https://www.facebook.com/profile.php?id=${handle}&mibextid=${token(rng, 6)}`;
    return `https://web.facebook.com/profile.php?id=${handle}`;
  }
  if (x < 0.25) return handle;
  if (x < 0.5) return `https://web.facebook.com/${handle}?mibextid=${token(rng, 6)}`;
  if (x < 0.7) return `https://www.facebook.com/${handle}`;
  if (x < 0.85) return `facebook.com/${handle}`;
  return `m.facebook.com/${handle}`;
}

function renderTiktok(rng: Random, handle: string): string {
  const x = rng.next();
  if (x < 0.35) return `@${handle}`;
  if (x < 0.5) return handle;
  if (x < 0.75) return `https://www.tiktok.com/@${handle}/video/7${rng.digits(18)}?is_from_webapp=1`;
  if (x < 0.9) return `https://www.tiktok.com/@${handle}`;
  return `tiktok.com/@${handle[0]!.toUpperCase()}${handle.slice(1)}`;
}

function renderTelegram(rng: Random, handle: string): string {
  const x = rng.next();
  if (x < 0.4) return `@${handle}`;
  if (x < 0.7) return `https://t.me/${handle}`;
  if (x < 0.85) return `t.me/${handle}`;
  return `telegram.me/${handle}`;
}

function renderWebsite(rng: Random, domain: string): string {
  const x = rng.next();
  if (x < 0.3) return domain;
  if (x < 0.55) return `https://www.${domain}/`;
  if (x < 0.75) return `https://${domain}/checkout?ref=${token(rng, 8)}`;
  if (x < 0.9) return `www.${domain}/produk/${rng.pick(SHOP_WORDS)}`;
  return `http://promo.${domain}`;
}

/** A WhatsApp click-to-chat link to an Indonesian mobile number (national significant number). */
function renderWhatsAppLink(rng: Random, nsn: string): string {
  const x = rng.next();
  if (x < 0.5) return `https://wa.me/62${nsn}`;
  if (x < 0.75) return `wa.me/62${nsn}?text=Halo%20kak`;
  return `https://api.whatsapp.com/send?phone=62${nsn}`;
}

/** ISO 8601 at whole seconds, in UTC (`Z`) or a fixed offset in hours (`+07:00`). */
function formatTime(ms: number, offsetHours: number): string {
  const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
  return offsetHours === 0 ? `${local}Z` : `${local}+${String(offsetHours).padStart(2, '0')}:00`;
}

// ---------------------------------------------------------------------------
// Reports.

export interface GenerateOptions {
  /** Lines to generate, the demo lines included (all demo lines are always emitted). */
  reports: number;
  seed: number;
  now?: Date;
}

/** Share of lines that resubmit an earlier report (same id): material for de-duplication. */
const REPEAT_RATE = 0.005;
/** Share of reports about an identity never reported before; the rest repeat earlier ones. */
const NEW_IDENTITY_RATE = 0.62;

export function* generateReports(options: GenerateOptions): Generator<ReportLineJson> {
  const { reports, seed } = options;
  if (!Number.isSafeInteger(reports) || reports < 0) throw new RangeError('reports must be a whole number ≥ 0');
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a whole number');
  const now = options.now ?? DEFAULT_NOW;

  yield* demoLines(now);
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  for (let n = 0; n < reports - DEMO_REPORTS.length; n++) {
    yield randomReport(seed, repeatOf(seed, n) ?? n, nowMs);
  }
}

/** The earlier line that line n resubmits, if it is a resubmission. */
function repeatOf(seed: number, n: number): number | undefined {
  const isRepeat = (i: number) => i > 0 && new Random(seed, i, REPEAT_SALT).next() < REPEAT_RATE;
  if (!isRepeat(n)) return undefined;
  // Usually resubmitted soon after (a double tap, an impatient retry).
  let j = n - 1 - Math.floor(new Random(seed, n, REPEAT_SALT ^ 1).next() * Math.min(n, 500));
  while (isRepeat(j)) j--;
  return j;
}

function randomReport(seed: number, n: number, nowMs: number): ReportLineJson {
  const rng = new Random(seed, n, REPORT_SALT);
  // Heavy tail: a repeat picks report index ⌊n·u³⌋, so early identities
  // collect many reports (about rank^(-2/3)) while most are reported once.
  const index = rng.chance(NEW_IDENTITY_RATE) ? n : Math.floor(n * rng.next() ** 3);
  const who = identityOf(seed, index);

  const line = { id: `rpt-${seed}-${n}` } as ReportLineJson;
  switch (who.kind) {
    case 'bank':
      Object.assign(line, { type: 'bank', value: renderAccount(rng, who.bank, who.account), bank: who.bank });
      break;
    case 'mobile': {
      const type = who.as === 'both' ? rng.pick(['phone', 'ewallet'] as const) : who.as;
      const link = new Random(seed, n, WHATSAPP_LINK_SALT);
      Object.assign(line, { type, value: renderMobile(rng, who.nsn) });
      if (link.chance(WHATSAPP_LINK_RATE)) line.value = renderWhatsAppLink(link, who.nsn);
      if (type === 'ewallet') line.provider = who.provider;
      break;
    }
    case 'foreign':
      Object.assign(line, { type: 'phone', value: rng.pick(who.forms) });
      break;
    case 'instagram':
      Object.assign(line, { type: 'instagram', value: renderInstagram(rng, who.handle) });
      break;
    case 'facebook':
      Object.assign(line, { type: 'facebook', value: renderFacebook(rng, who.handle, who.numeric) });
      break;
    case 'tiktok':
      Object.assign(line, { type: 'tiktok', value: renderTiktok(rng, who.handle) });
      break;
    case 'telegram':
      Object.assign(line, { type: 'telegram', value: renderTelegram(rng, who.handle) });
      break;
    case 'website':
      Object.assign(line, { type: 'website', value: renderWebsite(rng, who.domain) });
      break;
  }

  line.category = rng.chance(0.75) ? who.category : CATEGORIES.draw(rng);
  line.status = STATUSES.draw(rng);
  let at = nowMs - SPAN_MS + who.activeFrom + rng.next() * who.activeMs;
  if (at > nowMs) at = 2 * nowMs - at; // an identity still active today: fold the rest back into the past
  const zone = rng.next();
  line.reportedAt = formatTime(Math.floor(at / 1000) * 1000, zone < 0.7 ? 0 : zone < 0.92 ? 7 : zone < 0.97 ? 8 : 9);
  if (rng.chance(0.88)) line.lossIdr = lossIdr(rng);
  if (rng.chance(0.9)) {
    line.channel =
      who.kind === 'instagram' && rng.chance(0.8) ? 'instagram'
      : who.kind === 'facebook' && rng.chance(0.8) ? 'facebook'
      : who.kind === 'website' && rng.chance(0.8) ? 'website'
      : CHANNELS.draw(rng);
  }
  if (rng.chance(0.92)) line.reporter = reporter(rng);
  return line;
}

/** Log-normal around Rp 750,000, clamped to Rp 50,000–50,000,000 and rounded as people round. */
function lossIdr(rng: Random): number {
  const raw = Math.min(50_000_000, Math.max(50_000, Math.exp(Math.log(750_000) + 1.3 * rng.normal())));
  const step = raw < 1_000_000 ? 1_000 : raw < 10_000_000 ? 10_000 : 50_000;
  return Math.min(50_000_000, Math.max(50_000, Math.round(raw / step) * step));
}

/** Fake personal data; emails on example.com (reserved, RFC 2606) so none is a real mailbox. */
function reporter(rng: Random): Record<string, string> {
  const [first, last] = [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
  const person: Record<string, string> = { name: `${cap(first)} ${cap(last)}` };
  if (rng.chance(0.85)) person.phone = `0${MOBILE_PREFIX_DRAW.draw(rng)}${rng.digits(8)}`;
  if (rng.chance(0.7)) person.email = `${first}.${last}${rng.int(1, 999)}@example.com`;
  return person;
}

const cap = (word: string): string => word[0]!.toUpperCase() + word.slice(1);
