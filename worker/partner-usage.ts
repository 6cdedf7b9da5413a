// Counts lookups per partner site (the widget's `partner` attribute) in a
// Workers Analytics Engine dataset: one data point per lookup holding the
// partner id and the kind asked — never the value looked up, never anything
// about the visitor. Without the binding, a valid id (the widget's own rule:
// lowercase letters, digits and hyphens, at most 40) or a known kind (the
// identifier types of worker/core/identifiers.ts), nothing is counted: what a
// client writes into the query never becomes a free-form blob in the dataset.
// There is no registry of partners: any well-formed id is counted.
import { IDENTIFIER_TYPES, type IdentifierType } from './core/identifiers.ts';
import type { QueryParams } from './http.ts';

const PARTNER_ID = /^[a-z0-9-]{1,40}$/;

/** The part of AnalyticsEngineDataset this needs. */
export interface UsageDataset {
  writeDataPoint(point: { indexes?: string[]; blobs?: string[]; doubles?: number[] }): void;
}

/** The kind as the lookup reads it (any case, spaces around), when it is one. */
function knownKind(text: string | null): IdentifierType | undefined {
  const kind = (text ?? '').slice(0, 20).trim().toLowerCase();
  return (IDENTIFIER_TYPES as readonly string[]).includes(kind) ? (kind as IdentifierType) : undefined;
}

export function countPartnerLookup(dataset: UsageDataset | undefined, params: QueryParams): void {
  const partner = params.get('partner');
  if (!dataset || !partner || !PARTNER_ID.test(partner)) return;
  const kind = knownKind(params.get('type'));
  if (!kind) return;
  dataset.writeDataPoint({ indexes: [partner], blobs: [partner, kind], doubles: [1] });
}
