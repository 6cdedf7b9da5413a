// Counts lookups per partner site (the widget's `partner` attribute) in a
// Workers Analytics Engine dataset: one data point per lookup holding the
// partner id and the kind asked — never the value looked up, never anything
// about the visitor. Without the binding (or without a valid id) nothing is counted.
import type { QueryParams } from './http.ts';

export const PARTNER_ID = /^[a-z0-9-]{1,40}$/;

/** The part of AnalyticsEngineDataset this needs. */
export interface UsageDataset {
  writeDataPoint(point: { indexes?: string[]; blobs?: string[]; doubles?: number[] }): void;
}

export function countPartnerLookup(dataset: UsageDataset | undefined, params: QueryParams): void {
  const partner = params.get('partner');
  if (!dataset || !partner || !PARTNER_ID.test(partner)) return;
  const type = params.get('type') ?? '';
  dataset.writeDataPoint({ indexes: [partner], blobs: [partner, type.slice(0, 20)], doubles: [1] });
}
