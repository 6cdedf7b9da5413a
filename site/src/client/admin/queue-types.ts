// The moderation API's answers as the page reads them (the contract in
// docs/reports.md, "Moderation: /api/v1/admin/…"). Only the fields the page uses.

import type { Group } from '../../../../worker/admin/queue.ts';
import type { DisputeLink, ReportLinks } from '../../../../worker/admin/flag-links.ts';

export type { DisputeLink, ReportLinks };

/** A group as GET /api/v1/admin/queue answers it: the Worker's own type (worker/admin/queue.ts). */
export type QueueGroup = Group;

export interface QueuePage {
  groups: QueueGroup[];
  next: string | null;
}

export interface EvidenceFile {
  id: string;
  contentType: string;
  size: number;
  /** Where the API serves it, when it says (a dispute's proof files); else GET /api/v1/admin/evidence/:id. */
  url?: string;
  /** A report's file in an opened group: whether its bytes are stored (false: it does not count as evidence). */
  stored?: boolean;
}

export interface GroupReport {
  ref: string;
  status: string;
  category: string;
  channel: string | null;
  lossIdr: number;
  createdAt: string;
  chronology: string;
  profileUrl: string | null;
  reporterContact: string;
  evidence: EvidenceFile[];
  firstVerifiedBy: string | null;
  flags: string[];
  /** The reports and accounts its flags are about (worker/admin/flag-links.ts). */
  related: ReportLinks;
}

export interface OpenedGroup {
  group: QueueGroup;
  reports: GroupReport[];
  /** Disputes on this account, newest first. */
  disputes: DisputeLink[];
}

export interface DecisionOutcome {
  decisionId: number;
  verified: string[];
  rejected: string[];
  awaitingConfirmation: string[];
  conflicts: Array<{ ref: string; status: string; decidedBy: string | null }>;
}

export interface Reason {
  code: string;
  id: string;
  en: string;
  for: string;
}

export interface Metrics {
  pending: number;
  pendingAgeSeconds: { median: number | null; p90: number | null };
  disputesPending: number;
  decisionsByDay: Array<{ day: string; moderator: string; verified: number; rejected: number }>;
  awaitingConfirmation?: number;
}
