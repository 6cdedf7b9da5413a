// The moderation API's answers as the page reads them (the contract in
// docs/reports.md, "Moderation: /api/v1/admin/…"). Only the fields the page uses.

export interface QueueGroup {
  key: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  pending: number;
  reporters: number;
  lossIdr: number;
  firstAt: string;
  lastAt: string;
  categories: Record<string, number>;
  channels: Record<string, number>;
  evidence: number;
  flags: string[];
  priority: number;
  awaitingConfirmation: number;
}

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
}

export interface OpenedGroup {
  group: QueueGroup;
  reports: GroupReport[];
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
