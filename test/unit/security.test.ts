import { describe, expect, it } from 'vitest';
import { FakeWebContents, openedExternally } from '../fakes/electron';
import type { WebContents } from 'electron';
import { lockDownContents } from '../../main/app/security';

describe('web contents lock-down', () => {
  it('blocks navigation, redirects and <webview>', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as unknown as WebContents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(name, { preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
  });

  it('denies every new window and hands only guarded http(s) links to the OS browser', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as unknown as WebContents);
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openedExternally).toEqual(['https://example.com/help']);
  });
});
