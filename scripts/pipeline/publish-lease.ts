// One publisher at a time: a lease in the namespace itself, so that a manual
// `--remote` run started during the nightly one (or a rollback) cannot
// interleave its writes with it and publish older records.
//
//   lease → Lease (JSON): who holds the namespace and until when
//
// Workers KV has no compare-and-set, so taking the lease is: read it; refuse if
// another run's lease has not expired; write ours; wait `confirmMs`; read it
// back and go on only if it is still ours. Of two runs that both read "free",
// the later writer wins and the earlier sees the other's lease and refuses,
// provided the wait is longer than the time between the other run's read and
// its write (a few wrangler commands: the CLI waits 15 s against a real
// namespace). What it cannot close: KV is eventually consistent across
// locations (a write may take 60 s or more to be seen elsewhere), so two runs
// in different places that start within about a minute of each other may both
// believe they hold it. Hence the nightly workflow's concurrency group as
// well; the lease is for a run started by hand, minutes or hours apart.
//
// A run that dies keeps the lease until it expires: `ttlMs` (30 min by default)
// after it was last written. The holder rewrites it with a new expiry whenever
// a third of that has passed (checked before each batch it writes or deletes),
// so a long publish keeps it, and it checks it still holds the lease before
// every renewal and before moving `head` and `live`. Expiry is compared with
// the reader's clock: the margin dwarfs any sane clock skew.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { KvStore } from './kv-store.ts';
import { RefusalError } from './refusal.ts';

export const LEASE_KEY = 'lease';
/** Far longer than any pause between two of a run's writes (a bulk request with its retries takes under a minute). */
const DEFAULT_LEASE_TTL_MS = 30 * 60_000;

export interface Lease {
  runId: string;
  /** What the holder is doing, for the refusal message. */
  purpose: 'publish' | 'rollback';
  takenAt: string;
  expiresAt: string;
}

export interface LeaseOptions {
  /** How long the lease lasts after it was last written. */
  ttlMs?: number;
  /** Wait between writing the lease and reading it back (see the header). */
  confirmMs?: number;
  /** Identifies this run in the lease (default: host, process id and a random part). */
  runId?: string;
  /** The clock (tests). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Another run holds the lease (or took it while this one confirmed): nothing was written by this run. */
export class LeaseHeldError extends RefusalError {
  override name = 'LeaseHeldError';
}

/** The lease this run held was taken over (it stalled past the expiry): the run stops before writing more. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export interface HeldLease {
  readonly runId: string;
  /** Renews the lease when a third of its time has passed; throws LeaseLostError if it is no longer ours. */
  keep(): Promise<void>;
  /** Throws LeaseLostError unless the namespace still holds our lease. */
  confirm(): Promise<void>;
  /** Deletes the lease if it is still ours. */
  release(): Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function acquireLease(kv: KvStore, purpose: Lease['purpose'], options: LeaseOptions = {}): Promise<HeldLease> {
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const runId = options.runId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const takenAt = new Date(now()).toISOString();

  const current = parseLease(await kv.get(LEASE_KEY));
  if (current && current.runId !== runId && Date.parse(current.expiresAt) > now()) throw heldBy(current);

  let writtenAt = 0;
  const write = async () => {
    writtenAt = now();
    const lease: Lease = { runId, purpose, takenAt, expiresAt: new Date(writtenAt + ttlMs).toISOString() };
    await kv.putBatch([{ key: LEASE_KEY, value: JSON.stringify(lease) }]);
  };
  const read = async () => parseLease(await kv.get(LEASE_KEY));
  await write();
  if (options.confirmMs) await sleep(options.confirmMs);
  const confirmed = await read();
  if (confirmed?.runId !== runId) {
    throw confirmed ? heldBy(confirmed) : new LeaseHeldError('the publish lease vanished while it was being taken: another run is releasing it; try again');
  }

  const confirm = async () => {
    const lease = await read();
    if (lease?.runId !== runId) {
      throw new LeaseLostError(
        `this run (${runId}) no longer holds the publish lease (${lease ? `run ${lease.runId} took it` : 'it is gone'}): ` +
          'it stalled past the expiry; stopping before writing more. The live version was not moved by this run.',
      );
    }
  };
  return {
    runId,
    async keep() {
      if (now() - writtenAt < ttlMs / 3) return;
      await confirm();
      await write();
    },
    confirm,
    async release() {
      const lease = await read();
      if (lease?.runId === runId) await kv.deleteBatch([LEASE_KEY]);
    },
  };
}

/** Runs `act` holding the lease, and releases it after, whether `act` succeeded or not. */
export async function withLease<T>(
  kv: KvStore,
  purpose: Lease['purpose'],
  options: LeaseOptions,
  act: (lease: HeldLease) => Promise<T>,
  log: (line: string) => void = () => {},
): Promise<T> {
  const lease = await acquireLease(kv, purpose, options);
  try {
    return await act(lease);
  } finally {
    // A release that fails must not hide the run's own outcome: the lease then expires.
    await lease.release().catch((err: Error) => log(`the publish lease could not be released (${err.message}): it expires by itself`));
  }
}

function heldBy(lease: Lease): LeaseHeldError {
  return new LeaseHeldError(
    `another ${lease.purpose === 'rollback' ? 'rollback' : 'publish'} is running on this namespace (run ${lease.runId}, ` +
      `since ${lease.takenAt}); nothing was written. Wait for it to finish. If that run died, its lease expires at ` +
      `${lease.expiresAt}.`,
  );
}

function parseLease(text: string | null): Lease | null {
  if (text === null) return null;
  try {
    const lease = JSON.parse(text) as Lease;
    return typeof lease.runId === 'string' && typeof lease.expiresAt === 'string' ? lease : null;
  } catch {
    return null;
  }
}
