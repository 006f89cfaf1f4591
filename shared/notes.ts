import { z } from 'zod';
import { supplierSchema, type Supplier } from './domain';

/** A note an agent wrote on an order (append-only, audited), shown in its timeline and its ticket summary. */
export interface OrderNote {
  id: number;
  supplier: Supplier;
  reference: string;
  memberId: string | null;
  text: string;
  agent: string;
  at: string;
}

export const noteAddSchema = z
  .object({
    supplier: supplierSchema,
    reference: z.string().trim().min(1).max(200),
    memberId: z.string().trim().min(1).max(100).optional(),
    text: z
      .string({ error: 'Write the note' })
      .trim()
      .min(1, 'Write the note')
      .max(2000, 'A note is at most 2,000 characters'),
  })
  .strict();
export type NoteAdd = z.infer<typeof noteAddSchema>;

export const noteListSchema = z
  .object({
    supplier: supplierSchema,
    reference: z.string().trim().min(1).max(200),
  })
  .strict();

/** A note as a ticket line: "Note by Ana, 26 Nov 2026, 14:05 UTC: called the member". */
export const noteLine = (note: OrderNote, when: (iso: string) => string) =>
  `Note by ${note.agent}, ${when(note.at)}: ${note.text}`;
