/**
 * A per-currency table as the agent types it: "USD 0.01, JPY 1". Parsing keeps what was typed wrong visible
 * (a word that is not a code or a number) for the shared schema to name, instead of dropping it.
 */
export function parsePerCurrency(text: string): Record<string, number> | string {
  const table: Record<string, number> = {};
  for (const part of text
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s*[:=]?\s*([0-9][0-9_,.]*)$/.exec(part);
    if (!match) return `“${part}” is not a currency and an amount, e.g. USD 0.01`;
    const code = match[1]!.toUpperCase();
    if (code in table) return `${code} is listed twice`;
    table[code] = Number(match[2]!.replace(/[_,]/g, ''));
  }
  return table;
}

export const formatPerCurrency = (table: Record<string, number>): string =>
  Object.entries(table)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, value]) => `${code} ${value}`)
    .join(', ');
