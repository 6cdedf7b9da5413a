// The one module that reads identifiers: parse and validate what a person typed
// and give its canonical form and lookup key. The nightly build, the Worker and
// the site all use it, so a report typed `0812-3456-7890` is found by a lookup
// of `+62 812 3456 7890`. Pure and runtime-neutral (Node, workerd, browser):
// each kind's rules live in identifiers/, this file only dispatches.
import { bankByCode } from './banks.ts';
import { ApiError } from './errors.ts';
import { EWALLET_PROVIDERS, IDENTIFIER_TYPES, type EwalletProvider, type IdentifierType } from './identifier-kinds.ts';
import { canonicalBankAccount, canonicalBankCode } from './identifiers/bank-account.ts';
import { canonicalFacebook, facebookSpelling } from './identifiers/facebook.ts';
import { canonicalInstagram } from './identifiers/instagram.ts';
import { canonicalEwalletNumber, canonicalPhone, displayNumber, formatPhone } from './identifiers/phone.ts';
import { canonicalQrisMerchant, MAX_QRIS_PAYLOAD_LENGTH } from './identifiers/qris-merchant.ts';
import { canonicalTelegram } from './identifiers/telegram.ts';
import { canonicalTiktok } from './identifiers/tiktok.ts';
import { canonicalWebsite } from './identifiers/website.ts';

export { EWALLET_PROVIDERS, IDENTIFIER_TYPES, type EwalletProvider, type IdentifierType } from './identifier-kinds.ts';

/** Longest value read at all (a QRIS payload may have up to MAX_QRIS_PAYLOAD_LENGTH); anything longer is refused before parsing. */
export const MAX_VALUE_LENGTH = 200;

/** What a person typed: from a report line, a query string or a form. */
export interface IdentifierInput {
  type: string;
  value: string;
  bank?: string | null | undefined;
  provider?: string | null | undefined;
}

/** A validated identifier in canonical form. */
export interface Identifier {
  type: IdentifierType;
  /**
   * Canonical value: E.164 for phone/ewallet, digits for bank, lowercase username (or
   * numeric id) for instagram/facebook/tiktok/telegram, registrable domain for website
   * (`shop.wordpress.com` on a shared host, `lynk.id/shop` on a link-in-bio host:
   * identifiers/website.ts).
   */
  value: string;
  /** Bank Indonesia 3-digit code; only for type 'bank'. */
  bank?: string;
  /** Only for type 'ewallet'. */
  provider?: EwalletProvider;
  /**
   * How the buyer wrote it, where `value` drops that spelling (spelledAsTyped);
   * carried into the answer's `query.display`, never part of the key.
   */
  display?: string;
}

/** Parse and canonicalise; throws ApiError (code + field) on bad input. */
export function parseIdentifier(input: IdentifierInput): Identifier {
  const type = String(input.type ?? '').trim().toLowerCase();
  if (!isOneOf(IDENTIFIER_TYPES, type)) throw new ApiError('invalid_type', 'type');
  const value = String(input.value ?? '').trim();
  if (value === '') throw new ApiError('missing_value', 'value');
  if (value.length > (type === 'qris' ? MAX_QRIS_PAYLOAD_LENGTH : MAX_VALUE_LENGTH)) throw new ApiError('value_too_long', 'value');

  switch (type) {
    case 'bank': {
      const bank = canonicalBankCode(input.bank);
      return { type, bank, value: canonicalBankAccount(value, bank) };
    }
    case 'ewallet':
      return { type, provider: ewalletProvider(input.provider), value: canonicalEwalletNumber(value) };
    case 'phone':
      return { type, value: canonicalPhone(value) };
    case 'instagram':
      return { type, value: canonicalInstagram(value) };
    case 'facebook':
      return { type, value: canonicalFacebook(value) };
    case 'tiktok':
      return { type, value: canonicalTiktok(value) };
    case 'telegram':
      return { type, value: canonicalTelegram(value) };
    case 'website':
      return { type, value: canonicalWebsite(value) };
    case 'qris':
      return { type, value: canonicalQrisMerchant(value) };
  }
}

/**
 * The key under which an identifier is filtered and stored. Phone and e-wallet
 * share one key per number (`tel:+628123456789`) so each finds the other;
 * bank `bank:014:1234567890`; instagram `ig:handle`; facebook `fb:handle`;
 * tiktok `tt:handle`; telegram `tg:handle`; website `web:tokomurah.com` (`web:lynk.id/tokoku`);
 * a QRIS merchant `qris:ID9990000000017` (its NMID).
 */
export function lookupKey(id: Identifier): string {
  switch (id.type) {
    case 'phone':
    case 'ewallet':
      return `tel:${id.value}`;
    case 'bank':
      return `bank:${id.bank}:${id.value}`;
    case 'instagram':
      return `ig:${id.value}`;
    case 'facebook':
      return `fb:${id.value}`;
    case 'tiktok':
      return `tt:${id.value}`;
    case 'telegram':
      return `tg:${id.value}`;
    case 'website':
      return `web:${id.value}`;
    case 'qris':
      return `qris:${id.value}`;
  }
}

/**
 * How a person reads an identifier: `BCA 1234567890`, `+62 812 3456 7890`, `@handle`,
 * `facebook.com/handle`, `tiktok.com/@handle`, `t.me/handle`, `tokomurah.com`, `lynk.id/tokoku`, `NMID ID9990000000017`.
 */
export function describeIdentifier(id: Pick<Identifier, 'type' | 'value' | 'bank'>): string {
  switch (id.type) {
    case 'bank':
      return `${bankByCode(id.bank ?? '')?.short ?? id.bank} ${id.value}`;
    case 'phone':
    case 'ewallet':
      return formatPhone(id.value);
    case 'instagram':
      return `@${id.value}`;
    case 'facebook':
      return /^[0-9]+$/.test(id.value) ? `facebook.com/profile.php?id=${id.value}` : `facebook.com/${id.value}`;
    case 'tiktok':
      return `tiktok.com/@${id.value}`;
    case 'telegram':
      return `t.me/${id.value}`;
    case 'website':
      return id.value;
    case 'qris':
      return `NMID ${id.value}`;
  }
}

/**
 * How the buyer wrote an identifier, where its canonical value drops that
 * spelling: a Facebook username's periods and capitals (`jual.hp.murah.official`
 * for `jualhpmurahofficial`); an Indonesian phone or e-wallet number as people
 * write it (0812-3456-7890, 022-2034567: displayNumber) rather than in E.164.
 * Undefined when the value already reads as typed.
 * Shown in the answer (CheckQuery `display`), never used as a key.
 */
function spellingOf(input: Pick<IdentifierInput, 'value'>, id: Identifier): string | undefined {
  const typed =
    id.type === 'facebook' ? facebookSpelling(String(input.value ?? '').trim()) : id.type === 'phone' || id.type === 'ewallet' ? displayNumber(id.value) : id.value;
  return typed !== id.value ? typed : undefined;
}

/** The identifier of `input` with its `display` when spellingOf has one. */
export function spelledAsTyped(input: IdentifierInput): Identifier {
  const id = parseIdentifier(input);
  const display = spellingOf(input, id);
  return display === undefined ? id : { ...id, display };
}

function ewalletProvider(raw: string | null | undefined): EwalletProvider {
  const provider = String(raw ?? '').trim().toLowerCase();
  if (provider === '') throw new ApiError('provider_required', 'provider');
  if (!isOneOf(EWALLET_PROVIDERS, provider)) throw new ApiError('unknown_provider', 'provider');
  return provider;
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
