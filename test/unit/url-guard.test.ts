import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../main/app/url-guard';

describe('external URL guard', () => {
  it.each([
    'https://portal.giftcardpartners.example/funding',
    'http://example.com/a?b=c#d',
    'HTTPS://EXAMPLE.COM',
  ])('allows %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'app://desk/index.html',
    'smb://server/share',
    'ms-settings:',
    'https://user:pass@evil.example/',
    '//evil.example/',
    '/relative/path',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
    42,
    null,
  ])('refuses %s', (url) => expect(isSafeExternalUrl(url)).toBe(false));
});
