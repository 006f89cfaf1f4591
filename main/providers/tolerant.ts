import { z } from 'zod';
import type { UnreadableRecord } from '../../shared/catalogue';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when a single resource came wrapped as `{ data: {…} }` (lists are wrapped the same way). */
export function isDataWrapped(body: unknown): body is { data: Record<string, unknown> } {
  return isPlainObject(body) && isPlainObject(body.data) && !('id' in body) && !('Id' in body);
}

/** A single resource, bare or wrapped in `{ data: … }`: both are read the same. */
export const unwrapData = <T extends z.ZodType>(schema: T) =>
  z.preprocess((body) => (isDataWrapped(body) ? body.data : body), schema);

/** The first problem zod found, as a field path and a message. */
export function firstIssue(error: z.ZodError): { path: string; problem: string } {
  const issue = error.issues[0];
  return {
    path: issue?.path.map(String).join('.') ?? '',
    problem: issue?.message ?? 'unreadable',
  };
}

/**
 * Reads each record of a list on its own: the readable ones come back, each unreadable one is named by its id
 * (from `idKey`, when it has one) and the field at fault, so one bad record never hides or blocks the rest.
 */
export function readEach<W, D>(
  raw: readonly unknown[],
  schema: z.ZodType<W>,
  idKey: string,
  map: (wire: W) => D,
): { items: D[]; unreadable: UnreadableRecord[] } {
  const items: D[] = [];
  const unreadable: UnreadableRecord[] = [];
  raw.forEach((record, index) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      items.push(map(parsed.data));
      return;
    }
    const id = isPlainObject(record) ? record[idKey] : undefined;
    unreadable.push({
      id: typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : null,
      ...(isPlainObject(record) ? firstIssue(parsed.error) : { path: '', problem: 'not an object' }),
      position: index + 1,
    });
  });
  return { items, unreadable };
}
