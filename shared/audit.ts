import { z } from 'zod';

/** One line of the audit log: who did what to which order or setting, and when. */
export interface AuditEntry {
  id: number;
  at: string;
  agent: string;
  action: string;
  subject: string | null;
  details: unknown;
}

export const auditFilterSchema = z
  .object({
    agent: z.string().trim().min(1).max(100).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    /** A reference, order id or other subject: exact, or the start of one. */
    subject: z.string().trim().min(1).max(200).optional(),
    /** ISO date-times, inclusive from, exclusive to. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = z
  .object({
    filter: auditFilterSchema,
    offset: z.number().int().nonnegative().max(100_000_000),
    limit: z.number().int().positive().max(500),
  })
  .strict();

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  offset: number;
  /** Every agent and action in the log, for the filters' choices. */
  agents: string[];
  actions: string[];
}
