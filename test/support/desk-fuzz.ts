type Desk = Record<string, Record<string, (input: unknown) => Promise<unknown>>>;

/**
 * Calls every channel through window.desk with input no renderer should send, and reports each reply that is
 * not a clear VALIDATION envelope. It runs inside the page for the bridge (WebSocket) and Electron (IPC)
 * transports, so it references nothing outside itself (Playwright serialises it); in Node it is handed a desk.
 */
export async function fuzzEveryChannel(
  channels: string[],
  desk: object = (window as unknown as { desk: object }).desk,
): Promise<{ calls: number; kinds: number; problems: string[] }> {
  const huge = 'x'.repeat(1_000_000);
  const fields = [
    'id',
    'profileId',
    'query',
    'text',
    'reference',
    'key',
    'note',
    'supplier',
    'filter',
    'order',
    'value',
  ];
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  const inputs: Array<[string, unknown]> = [
    ['a number', 1],
    ['NaN', Number.NaN],
    ['a boolean', true],
    ['an empty array', []],
    ['a string', 'text'],
    ['null', null],
    ['an array', [1, { id: 'x' }]],
    ['an unknown key', { unexpected: 1 }],
    ['__proto__', JSON.parse('{"__proto__": {"polluted": "yes"}}')],
    ['constructor.prototype', JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}')],
    ['a megabyte string', huge],
    ['megabyte strings in every field', Object.fromEntries(fields.map((f) => [f, huge]))],
    ['objects nested 2,000 deep', JSON.parse(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`)],
    ['a function', () => 1],
    ['a cycle', cycle],
    ['a BigInt', BigInt(1)],
  ];
  const problems: string[] = [];
  let calls = 0;
  for (const channel of channels) {
    const [ns, method] = channel.split('.') as [string, string];
    for (const [label, input] of inputs) {
      calls++;
      let reply: { ok?: boolean; error?: { code?: string; message?: string } };
      try {
        reply = (await (desk as Desk)[ns]![method]!(input)) as typeof reply;
      } catch (error) {
        problems.push(`${channel} with ${label}: threw ${String(error)}`);
        continue;
      }
      if (reply.ok !== false || reply.error?.code !== 'VALIDATION')
        problems.push(`${channel} with ${label}: ${reply.ok ? 'accepted' : reply.error?.code}`);
      else if (!reply.error.message) problems.push(`${channel} with ${label}: no message`);
      else if (JSON.stringify(reply).length > 20_000)
        problems.push(`${channel} with ${label}: echoes the input`);
    }
  }
  if ((Object.prototype as Record<string, unknown>).polluted !== undefined)
    problems.push('Object.prototype polluted');
  return { calls, kinds: inputs.length, problems };
}
