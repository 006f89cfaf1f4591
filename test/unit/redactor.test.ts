import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../main/log/redactor';

describe('redactor', () => {
  it('masks credential-named keys at any depth, whatever their value', () => {
    const r = new Redactor();
    const out = r.value({
      headers: { Authorization: 'Bearer abc', AccessToken: 'xyz', Email: 'agent@example.com' },
      body: { client_secret: 's', nested: [{ token: 't', value: 50 }] },
    });
    expect(out).toEqual({
      headers: { Authorization: REDACTED, AccessToken: REDACTED, Email: 'agent@example.com' },
      body: { client_secret: REDACTED, nested: [{ token: REDACTED, value: 50 }] },
    });
  });

  it('masks bearer and basic credentials inside free text', () => {
    const r = new Redactor();
    expect(r.text('sent Authorization: Bearer eyJhbGciOi.x-y_z= to host')).toBe(
      `sent Authorization: Bearer ${REDACTED} to host`,
    );
    expect(r.text('Basic dXNlcjpwYXNz')).toBe(`Basic ${REDACTED}`);
  });

  it('masks protected values wherever they appear, including inside error messages and stacks', () => {
    const r = new Redactor();
    r.protect('sup3r-secret-value');
    const error = new Error('supplier echoed sup3r-secret-value back');
    const out = r.value({ error, note: 'x sup3r-secret-value y' }) as {
      error: { message: string; stack: string };
      note: string;
    };
    expect(out.note).toBe(`x ${REDACTED} y`);
    expect(out.error.message).not.toContain('sup3r-secret-value');
    expect(out.error.stack).not.toContain('sup3r-secret-value');
  });

  it('ignores values too short to protect safely, and survives cycles', () => {
    const r = new Redactor();
    r.protect('abc');
    const cyclic: Record<string, unknown> = { a: 'abc' };
    cyclic.self = cyclic;
    expect(r.value(cyclic)).toEqual({ a: 'abc', self: '[circular]' });
  });

  it('copies an object reached twice by different paths (a shared value is not a cycle)', () => {
    const reading = { available: 2500, currency: 'USD' };
    const reply = { latest: reading, history: [reading, reading] };
    expect(new Redactor().value(reply)).toEqual({ latest: reading, history: [reading, reading] });
  });
});
