/**
 * Whether a link may be handed to the OS browser. Parsed, never pattern-matched: only absolute http(s) URLs
 * with a host and no embedded credentials pass, so javascript:, file:, data:, custom schemes and
 * `https://user:pass@...` phishing forms are all refused.
 */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.hostname !== '';
}
