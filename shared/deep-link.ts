/**
 * Links into the desk from outside (a ticket, a chat, the browser bridge's URL). A link may only open Lookup on
 * one reference: it never places, changes or deletes anything, so everything else is refused with its reason.
 */

export const DEEP_LINK_SCHEME = 'fulfillment-desk';

/** What a link may ask for: show one reference's look-up. */
export interface LookupLink {
  kind: 'lookup';
  reference: string;
}

export type DeepLinkResult = { ok: true; link: LookupLink } | { ok: false; reason: string };

const MAX_LINK_LENGTH = 1024;
/** As the look-up form: 2 to 200 characters. Printable ASCII only: references, PONumbers, order ids, emails. */
const REFERENCE = /^[\x21-\x7e]{2,200}$/;

const refuse = (reason: string): DeepLinkResult => ({ ok: false, reason });

/** A reference as a link carries it (already percent-decoded), checked like the look-up form checks it. */
export function parseLinkedReference(raw: unknown): DeepLinkResult {
  if (typeof raw !== 'string') return refuse('the link carries no reference');
  if (!REFERENCE.test(raw))
    return refuse('a linked reference is 2 to 200 printable characters without spaces');
  return { ok: true, link: { kind: 'lookup', reference: raw } };
}

/** `fulfillment-desk://lookup/<reference>`, parsed, never pattern-matched; anything else is refused. */
export function parseDeepLink(raw: unknown): DeepLinkResult {
  if (typeof raw !== 'string' || raw.length === 0) return refuse('not a link');
  if (raw.length > MAX_LINK_LENGTH) return refuse(`a link is at most ${MAX_LINK_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('not a well-formed link');
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return refuse(`not a ${DEEP_LINK_SCHEME}:// link`);
  if (url.username !== '' || url.password !== '' || url.port !== '')
    return refuse('a desk link carries no user, password or port');
  if (url.search !== '' || url.hash !== '') return refuse('a desk link carries no query or fragment');
  if (url.hostname.toLowerCase() !== 'lookup')
    return refuse(`links can only open Lookup, not “${url.hostname}”`);
  const segments = url.pathname.split('/').slice(1);
  if (segments.length !== 1 || segments[0] === '')
    return refuse(`the link must be ${DEEP_LINK_SCHEME}://lookup/<reference>`);
  let reference: string;
  try {
    reference = decodeURIComponent(segments[0]!);
  } catch {
    return refuse('the reference is not valid percent-encoding');
  }
  return parseLinkedReference(reference);
}

/** The desk link among a process's arguments (Windows and Linux hand it to the app, or the running one). */
export function deepLinkArgument(argv: readonly string[]): string | null {
  const prefix = `${DEEP_LINK_SCHEME}:`;
  return argv.find((arg) => arg.toLowerCase().startsWith(prefix)) ?? null;
}

/** The link a ticket system puts in a macro, for a reference. */
export const lookupLink = (reference: string): string =>
  `${DEEP_LINK_SCHEME}://lookup/${encodeURIComponent(reference)}`;
