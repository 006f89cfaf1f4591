// @vitest-environment happy-dom
import { act, createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenBoundary } from '../../renderer/screens/ScreenBoundary';

/** A screen that fails to render until `healthy` is set: what a bug on one supplier answer looks like. */
const state = { healthy: false, renders: 0 };
function FragileScreen() {
  state.renders += 1;
  if (!state.healthy) throw new Error('Cannot read properties of undefined (reading "items")');
  return createElement('p', null, 'Failures loaded');
}
function Desk() {
  const [clicks, setClicks] = useState(0);
  return createElement(
    'div',
    null,
    createElement('button', { onClick: () => setClicks(clicks + 1) }, `Sidebar works (${clicks})`),
    createElement(ScreenBoundary, { label: 'Failures', children: createElement(FragileScreen) }),
  );
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('a screen that fails to render', () => {
  it('is replaced by its own message with an error id; the rest of the desk keeps working; it reloads', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => root.render(createElement(Desk)));

    expect(host.querySelector('h1')?.textContent).toBe('Failures stopped working');
    const alert = host.querySelector('[role="alert"]')!.textContent!;
    expect(alert).toMatch(/error E-[0-9A-F]{8}: Cannot read properties of undefined/);
    expect(alert).toContain('no placement is affected');
    // The error id is the one the console log carries, for Ops.
    const errorId = /E-[0-9A-F]{8}/.exec(alert)![0];
    expect(vi.mocked(console.error).mock.calls.some((call) => String(call[0]).includes(errorId))).toBe(true);

    const sidebar = host.querySelector('button')!;
    await act(async () => sidebar.click());
    expect(sidebar.textContent).toBe('Sidebar works (1)');

    const reload = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Reload this screen')!;
    expect(document.activeElement).toBe(reload);
    state.healthy = true;
    const before = state.renders;
    await act(async () => reload.click());
    expect(state.renders).toBeGreaterThan(before);
    expect(host.textContent).toContain('Failures loaded');
    expect(host.querySelector('[role="alert"]')).toBeNull();
    await act(async () => root.unmount());
  });
});
