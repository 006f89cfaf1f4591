import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OffsetClock } from './clock';

/** The environment switch without which `serve` refuses every test-only option. */
export const TEST_HOOKS_ENV = 'DESK_TEST_HOOKS';

export interface TestClockControl {
  /** `http://127.0.0.1:<port>/clock`: GET reads the offset, POST `{ "advanceMs": n }` moves it (n may be negative). */
  url: string;
  close(): Promise<void>;
}

/**
 * TEST ONLY (`serve --test-clock-offset-ms`, with DESK_TEST_HOOKS=1): moves the desk's clock from outside, so an
 * e2e test can stage "a day later" or a wrongly set machine clock. Loopback only, and every request must carry the
 * bridge's per-run token as `Authorization: Bearer <token>`.
 */
export async function startTestClockControl(clock: OffsetClock, token: string): Promise<TestClockControl> {
  const expected = Buffer.from(`Bearer ${token}`);
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return reply(401, { message: 'Authorization: Bearer <bridge token> required' });
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/clock')
      return reply(404, { message: 'Only /clock is served' });
    const state = () => ({ offsetMs: clock.offset, now: new Date(clock.now()).toISOString() });
    if (req.method === 'GET') return reply(200, state());
    if (req.method !== 'POST') return reply(405, { message: 'GET or POST /clock' });
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 1000) req.destroy();
    });
    req.on('end', () => {
      let advanceMs: unknown;
      try {
        advanceMs = (JSON.parse(text) as { advanceMs?: unknown }).advanceMs;
      } catch {
        return reply(400, { message: 'Body must be JSON: { "advanceMs": <number> }' });
      }
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs))
        return reply(400, { message: 'advanceMs must be a finite number of milliseconds' });
      clock.advance(advanceMs);
      reply(200, state());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/clock`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
