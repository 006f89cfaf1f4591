/**
 * Links into the desk from outside (a ticket, a chat, the browser bridge's URL). A link may only open Lookup on
 * one reference, or the member view on one member: it never places, changes or deletes anything, so everything
 * else is refused with its reason.
 */

export const DEEP_LINK_SCHEME = 'fulfillment-desk';

/** What a link may ask for: show one reference's look-up. */
export interface LookupLink {
  kind: 'lookup';
  reference: string;
}

/** What a link may ask for: show one member's orders. */
export interface MemberLink {
  kind: 'member';
  member: string;
}

export type Parsed<L> = { ok: true; link: L } | { ok: false; reason: string };
export type DeepLinkResult = Parsed<LookupLink | MemberLink>;

const MAX_LINK_LENGTH = 1024;
/** As the look-up form: 2 to 200 characters. Printable ASCII only: references, PONumbers, order ids, emails. */
const REFERENCE = /^[\x21-\x7e]{2,200}$/;

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** A reference as a link carries it (already percent-decoded), checked like the look-up form checks it. */
export function parseLinkedReference(raw: unknown): Parsed<LookupLink> {
  if (typeof raw !== 'string') return refuse('the link carries no reference');
  if (!REFERENCE.test(raw))
    return refuse('a linked reference is 2 to 200 printable characters without spaces');
  return { ok: true, link: { kind: 'lookup', reference: raw } };
}

/** A member id (or email) as a link carries it: 1 to 100 printable characters, as the member form takes it. */
export function parseLinkedMember(raw: unknown): Parsed<MemberLink> {
  if (typeof raw !== 'string') return refuse('the link carries no member');
  const member = raw.trim();
  if (!/^[\x20-\x7e]{1,100}$/.test(member))
    return refuse('a linked member id is 1 to 100 printable characters');
  return { ok: true, link: { kind: 'member', member } };
}

/**
 * `fulfillment-desk://lookup/<reference>` or `fulfillment-desk://member/<member id>`, parsed, never
 * pattern-matched; anything else is refused.
 */
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
  const target = url.hostname.toLowerCase();
  if (target !== 'lookup' && target !== 'member')
    return refuse(`links can only open Lookup or a member, not “${url.hostname}”`);
  const what = target === 'lookup' ? 'reference' : 'member id';
  const segments = url.pathname.split('/').slice(1);
  if (segments.length !== 1 || segments[0] === '')
    return refuse(`the link must be ${DEEP_LINK_SCHEME}://${target}/<${what}>`);
  let value: string;
  try {
    value = decodeURIComponent(segments[0]!);
  } catch {
    return refuse(`the ${what} is not valid percent-encoding`);
  }
  return target === 'lookup' ? parseLinkedReference(value) : parseLinkedMember(value);
}

/** The desk link among a process's arguments (Windows and Linux hand it to the app, or the running one). */
export function deepLinkArgument(argv: readonly string[]): string | null {
  const prefix = `${DEEP_LINK_SCHEME}:`;
  return argv.find((arg) => arg.toLowerCase().startsWith(prefix)) ?? null;
}

/** The link a ticket system puts in a macro, for a reference. */
export const lookupLink = (reference: string): string =>
  `${DEEP_LINK_SCHEME}://lookup/${encodeURIComponent(reference)}`;

/** The link to a member's view, for a ticket or a chat. */
export const memberLink = (member: string): string =>
  `${DEEP_LINK_SCHEME}://member/${encodeURIComponent(member)}`;
