/** Every input of the form, keyed by the path the placement schema reports its errors under. */
export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** A field's trimmed text, or undefined when it is empty. */
export const textOf = (values: FormValues, path: string): string | undefined => {
  const value = values[path]?.trim();
  return value ? value : undefined;
};

/** A field as a number; NaN when empty, so the schema names the field rather than reading 0. */
export const numberOf = (values: FormValues, path: string): number => {
  const value = values[path]?.trim();
  return value ? Number(value) : Number.NaN;
};

/** Only the group's non-empty fields; the whole group is left out when all are empty. */
export function groupOf(values: FormValues, prefix: string, keys: readonly string[]) {
  const entries = keys.map((key) => [key, textOf(values, `${prefix}.${key}`)] as const).filter(([, v]) => v);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** A journaled group (recipient, address) back into the form's `prefix.key` fields. */
export function putGroup(
  values: FormValues,
  prefix: string,
  group: Record<string, string | undefined> | undefined,
): void {
  for (const [key, value] of Object.entries(group ?? {})) if (value) values[`${prefix}.${key}`] = value;
}
