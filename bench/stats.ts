/** Small timing helpers: medians over many runs, because this machine is noisy. */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function timeEach<T>(inputs: T[], run: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const start = performance.now();
    run(input);
    return performance.now() - start;
  });
}

export async function timeEachAsync<T>(inputs: T[], run: (input: T) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await run(input);
    samples.push(performance.now() - start);
  }
  return samples;
}

export const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

/** Two ways of doing the same work, timed turn about on each input, so both see the same load on this machine. */
export function timePairs<T>(
  inputs: T[],
  first: (input: T) => unknown,
  second: (input: T) => unknown,
): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (const input of inputs) {
    a.push(...timeEach([input], first));
    b.push(...timeEach([input], second));
  }
  return [a, b];
}
