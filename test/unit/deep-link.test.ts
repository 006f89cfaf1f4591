import { describe, expect, it } from 'vitest';
import {
  deepLinkArgument,
  lookupLink,
  memberLink,
  parseDeepLink,
  parseLinkedMember,
  parseLinkedReference,
} from '../../shared/deep-link';

const lookup = (reference: string) => ({ ok: true, link: { kind: 'lookup', reference } });

describe('deep links', () => {
  it('opens Lookup on the reference a ticket links to, percent-decoded', () => {
    expect(parseDeepLink('fulfillment-desk://lookup/ORD-2026-0042')).toEqual(lookup('ORD-2026-0042'));
    expect(parseDeepLink('fulfillment-desk://lookup/3f1c2a9e-6b7d-4e0f-9a1b-2c3d4e5f6a7b')).toEqual(
      lookup('3f1c2a9e-6b7d-4e0f-9a1b-2c3d4e5f6a7b'),
    );
    expect(parseDeepLink('fulfillment-desk://lookup/member%40example.com')).toEqual(
      lookup('member@example.com'),
    );
    expect(parseDeepLink('fulfillment-desk://lookup/PO%2F2026%2F17')).toEqual(lookup('PO/2026/17'));
    expect(parseDeepLink('FULFILLMENT-DESK://LOOKUP/po-17')).toEqual(lookup('po-17'));
  });

  it('round-trips the link the README’s ticket macro builds', () => {
    for (const reference of ['A1', 'PO/2026/17', 'x+y@example.com', '~!$&()*,;=:'])
      expect(parseDeepLink(lookupLink(reference))).toEqual(lookup(reference));
  });

  it.each([
    ['another action', 'fulfillment-desk://place/ORD-1', /only open Lookup or a member/],
    ['a delete', 'fulfillment-desk://profiles.delete/sandbox', /only open Lookup or a member/],
    ['a member link with more', 'fulfillment-desk://member/M-1/refund', /member\/<member id>/],
    ['no member', 'fulfillment-desk://member/', /member\/<member id>/],
    ['a member with a control character', 'fulfillment-desk://member/M%0A1', /1 to 100 printable/],
    ['an overlong member', `fulfillment-desk://member/${'M'.repeat(101)}`, /1 to 100 printable/],
    ['a second path segment', 'fulfillment-desk://lookup/ORD-1/place', /lookup\/<reference>/],
    [
      'a dot-segment climb to another action',
      'fulfillment-desk://lookup/../place/ORD-1',
      /lookup\/<reference>/,
    ],
    ['no reference', 'fulfillment-desk://lookup/', /lookup\/<reference>/],
    ['a query that asks for more', 'fulfillment-desk://lookup/ORD-1?place=1&value=500', /no query/],
    ['a fragment', 'fulfillment-desk://lookup/ORD-1#confirm', /no query or fragment/],
    ['embedded credentials', 'fulfillment-desk://agent:pw@lookup/ORD-1', /no user, password or port/],
    ['a port', 'fulfillment-desk://lookup:8080/ORD-1', /no user, password or port/],
    ['another scheme', 'https://lookup/ORD-1', /not a fulfillment-desk:\/\/ link/],
    ['script', 'javascript:alert(1)//fulfillment-desk://lookup/x', /not a fulfillment-desk/],
    ['no slashes', 'fulfillment-desk:lookup/ORD-1', /only open Lookup/],
    ['a space', 'fulfillment-desk://lookup/ORD%201', /printable characters without spaces/],
    ['a control character', 'fulfillment-desk://lookup/ORD%0Aplace', /printable characters without spaces/],
    ['a NUL', 'fulfillment-desk://lookup/ORD%00', /printable characters without spaces/],
    ['non-ASCII look-alikes', 'fulfillment-desk://lookup/%D0%9ERD-1', /printable characters without spaces/],
    ['broken percent-encoding', 'fulfillment-desk://lookup/ORD%E0%A4%A', /percent-encoding/],
    ['one character', 'fulfillment-desk://lookup/A', /2 to 200/],
    ['an overlong reference', `fulfillment-desk://lookup/${'A'.repeat(201)}`, /2 to 200/],
    ['an overlong link', `fulfillment-desk://lookup/${'%41'.repeat(400)}`, /at most 1024/],
    ['garbage', 'not a link at all', /not a well-formed link/],
  ])('refuses %s', (_what, link, reason) => {
    const result = parseDeepLink(link);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('opens a member view on a member id or email, and the member link round-trips', () => {
    for (const member of ['M-1001', 'member@example.com', 'Ana Lim 42'])
      expect(parseDeepLink(memberLink(member))).toEqual({ ok: true, link: { kind: 'member', member } });
    expect(parseLinkedMember('  M-7 ')).toEqual({ ok: true, link: { kind: 'member', member: 'M-7' } });
    expect(parseLinkedMember('').ok).toBe(false);
  });

  it('refuses what is not a string at all', () => {
    for (const value of [undefined, null, 42, {}, ['fulfillment-desk://lookup/ORD-1'], ''])
      expect(parseDeepLink(value).ok).toBe(false);
  });

  it('checks a reference from the browser bridge’s URL fragment by the same rule', () => {
    expect(parseLinkedReference('ORD-1')).toEqual(lookup('ORD-1'));
    expect(parseLinkedReference('ORD 1').ok).toBe(false);
    expect(parseLinkedReference(null).ok).toBe(false);
  });

  it('finds the link among the arguments Windows and Linux hand to the running desk', () => {
    expect(
      deepLinkArgument([
        '/opt/Fulfillment Desk/fulfillment-desk',
        '--allow-file-access-from-files',
        'fulfillment-desk://lookup/ORD-1',
      ]),
    ).toBe('fulfillment-desk://lookup/ORD-1');
    expect(deepLinkArgument(['C:\\Desk\\desk.exe', 'Fulfillment-Desk://lookup/ORD-2'])).toBe(
      'Fulfillment-Desk://lookup/ORD-2',
    );
    expect(deepLinkArgument(['/usr/bin/desk', '--inspect'])).toBeNull();
  });
});
