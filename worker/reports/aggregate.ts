// Folds reports into one record per lookup key: per reported identity, how
// many verified reports, for what, since when, and the total loss; and whether
// the owner contests the key (a pending dispute: a line flagged `disputed`, or a
// key the job was told of through markDisputed), which marks each of its matches. Streaming:
// memory grows with distinct identifiers and with report ids at 8 bytes each
// (id-set.ts), not with the input's size.
//
// Identities are kept as columns of typed arrays (counts, dates, losses,
// category counts) rather than an object each: at ten million reports that is
// millions fewer objects for the garbage collector to walk on every pass, which
// is most of what a large run costs. Records are built as objects only when
// read, one at a time.
import { IDENTIFIER_TYPES, type Identifier, type IdentifierType } from '../core/identifiers.ts';
import type { SnapshotRecord, StoredMatch } from '../core/snapshot-layout.ts';
import { IdSet } from './id-set.ts';
import { startOfJakartaDay } from '../core/report-day.ts';
import { REPORT_CATEGORIES } from '../core/report-contract.ts';
import type { Report } from './report-line.ts';

/** What the aggregator tells about one reported identity (forEachIdentity; the statistics read it). */
export interface IdentityFacts {
  type: IdentifierType;
  /** Bank code or e-wallet provider. */
  qualifier: string | undefined;
  /** Its first verified report, ms since the epoch. */
  firstAt: number;
  /** Reports per category, in REPORT_CATEGORIES order. */
  categories: ArrayLike<number>;
}

export type AddOutcome = 'counted' | 'duplicate' | 'not_verified';

const CATEGORIES = REPORT_CATEGORIES.length;
const NONE = -1;

export class ReportAggregator {
  /** Verified reports counted. */
  reports = 0;
  /** Lines whose report id was already seen (the first occurrence wins). */
  duplicates = 0;
  /** Pending or rejected reports: read, validated, never counted. */
  notVerified = 0;

  private readonly seenIds = new IdSet();
  /** Lookup keys with a pending dispute (few: a Set of strings is fine). */
  private readonly disputedKeys = new Set<string>();
  /** Lookup key → its first identity's slot. */
  private readonly firstSlot = new Map<string, number>();
  private sortedKeys: string[] | null = null;

  // One slot per reported identity; identities sharing a lookup key are chained through `next`.
  private slots = 0;
  private capacity = 1 << 12;
  private values: string[] = [];
  /** The bank code or e-wallet provider, when the kind has one. */
  private qualifiers: Array<string | undefined> = [];
  private types = new Uint8Array(this.capacity);
  private next = new Int32Array(this.capacity);
  private counts = new Uint32Array(this.capacity);
  private first = new Float64Array(this.capacity);
  private last = new Float64Array(this.capacity);
  private loss = new Float64Array(this.capacity);
  private categories = new Uint32Array(this.capacity * CATEGORIES);

  add(report: Report): AddOutcome {
    // De-duplicate across every status: the same id twice is one report,
    // whichever status its first line carries.
    if (!this.seenIds.add(report.id)) {
      this.duplicates++;
      return 'duplicate';
    }
    // Whatever the line's status: the dispute is against the key, which other lines may list.
    if (report.disputed) this.disputedKeys.add(report.key);
    if (report.status !== 'verified') {
      this.notVerified++;
      return 'not_verified';
    }
    this.reports++;

    const { identifier } = report;
    const qualifier = identifier.bank ?? identifier.provider;
    const type = IDENTIFIER_TYPES.indexOf(identifier.type);
    let slot = this.firstSlot.get(report.key) ?? NONE;
    let previous = NONE;
    while (slot !== NONE && !(this.types[slot] === type && this.values[slot] === identifier.value && this.qualifiers[slot] === qualifier)) {
      previous = slot;
      slot = this.next[slot]!;
    }
    const at = Date.parse(report.reportedAt);
    if (slot === NONE) {
      slot = this.newSlot(type, identifier.value, qualifier, at);
      if (previous === NONE) {
        this.firstSlot.set(report.key, slot);
        this.sortedKeys = null;
      } else {
        this.next[previous] = slot;
      }
    }
    this.counts[slot]!++;
    this.categories[slot * CATEGORIES + REPORT_CATEGORIES.indexOf(report.category)]!++;
    if (at < this.first[slot]!) this.first[slot] = at;
    if (at > this.last[slot]!) this.last[slot] = at;
    this.loss[slot]! += report.lossIdr;
    return 'counted';
  }

  /** A pending dispute against `key` (from D1's disputes table): its matches, if any, are flagged. */
  markDisputed(key: string): void {
    this.disputedKeys.add(key);
  }

  /** Reported lookup keys with a pending dispute. */
  get disputedIdentifiers(): number {
    let n = 0;
    for (const key of this.disputedKeys) if (this.firstSlot.has(key)) n++;
    return n;
  }

  get identifiers(): number {
    return this.firstSlot.size;
  }

  /** Lookup keys in code-unit order (the order records come in). */
  keys(): readonly string[] {
    this.sortedKeys ??= [...this.firstSlot.keys()].sort();
    return this.sortedKeys;
  }

  /** Records in lookup-key order, each listing its identities most-reported first. May be read many times. */
  *records(): Generator<[string, SnapshotRecord]> {
    for (const key of this.keys()) {
      const matches: StoredMatch[] = [];
      const disputed = this.disputedKeys.has(key);
      for (let slot = this.firstSlot.get(key)!; slot !== NONE; slot = this.next[slot]!) matches.push(this.match(slot, disputed));
      if (matches.length > 1) matches.sort((a, b) => b.count - a.count || identityOf(a).localeCompare(identityOf(b)));
      yield [key, { matches }];
    }
  }

  /** Every reported identity's kind, bank or provider, first report and categories, for the open statistics (stats.ts). */
  forEachIdentity(visit: (identity: IdentityFacts) => void): void {
    for (let slot = 0; slot < this.slots; slot++) {
      visit({
        type: IDENTIFIER_TYPES[this.types[slot]!]!,
        qualifier: this.qualifiers[slot],
        firstAt: this.first[slot]!,
        categories: this.categories.subarray(slot * CATEGORIES, (slot + 1) * CATEGORIES),
      });
    }
  }

  private match(slot: number, disputed: boolean): StoredMatch {
    const type = IDENTIFIER_TYPES[this.types[slot]!]!;
    const categories: Record<string, number> = {};
    for (let c = 0; c < CATEGORIES; c++) {
      const n = this.categories[slot * CATEGORIES + c]!;
      if (n > 0) categories[REPORT_CATEGORIES[c]!] = n;
    }
    const match: StoredMatch = {
      type,
      value: this.values[slot]!,
      count: this.counts[slot]!,
      categories,
      // To the day, never the moment (report-day.ts): that is all KV ever holds.
      firstReportedAt: new Date(startOfJakartaDay(this.first[slot]!)).toISOString(),
      lastReportedAt: new Date(startOfJakartaDay(this.last[slot]!)).toISOString(),
      totalLossIdr: this.loss[slot]!,
    };
    const qualifier = this.qualifiers[slot];
    if (qualifier !== undefined) {
      if (type === 'bank') match.bank = qualifier;
      else match.provider = qualifier as StoredMatch['provider'];
    }
    if (disputed) match.disputed = true;
    return match;
  }

  private newSlot(type: number, value: string, qualifier: string | undefined, at: number): number {
    if (this.slots === this.capacity) this.grow();
    const slot = this.slots++;
    this.types[slot] = type;
    this.values[slot] = value;
    this.qualifiers[slot] = qualifier;
    this.next[slot] = NONE;
    this.first[slot] = at;
    this.last[slot] = at;
    return slot;
  }

  private grow(): void {
    this.capacity *= 2;
    const wider = <T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(old: T, perSlot = 1): T => {
      const array = new (old.constructor as new (length: number) => T)(this.capacity * perSlot);
      array.set(old);
      return array;
    };
    this.types = wider(this.types);
    this.next = wider(this.next);
    this.counts = wider(this.counts);
    this.first = wider(this.first);
    this.last = wider(this.last);
    this.loss = wider(this.loss);
    this.categories = wider(this.categories, CATEGORIES);
  }
}

function identityOf(id: Pick<Identifier, 'type' | 'value' | 'bank' | 'provider'>): string {
  return `${id.type}|${id.bank ?? id.provider ?? ''}|${id.value}`;
}
