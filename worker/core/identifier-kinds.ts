// The kinds of identifier and the e-wallet providers: the lists the forms, the
// widget and the nightly job enumerate. Apart from identifiers.ts (which
// re-exports them) because they import nothing: the widget's embed.js needs
// the lists, not the parsers, and tldts (the website kind's Public Suffix List)
// runs code when loaded, so a bundler cannot drop it from anything that
// imports identifiers.ts (measured: embed.js 47 KB gzipped instead of ~6).

// Append only: the nightly job stores a kind as its index here (worker/reports/aggregate.ts).
export const IDENTIFIER_TYPES = ['bank', 'ewallet', 'phone', 'instagram', 'facebook', 'tiktok', 'telegram', 'website', 'qris'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export const EWALLET_PROVIDERS = ['gopay', 'ovo', 'dana', 'shopeepay', 'linkaja'] as const;
export type EwalletProvider = (typeof EWALLET_PROVIDERS)[number];
