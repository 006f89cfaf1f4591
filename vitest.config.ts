import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fakeElectron = fileURLToPath(new URL('./test/fakes/electron.ts', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        // Electron-facing modules run against a recording fake: the real binary is not available everywhere.
        resolve: { alias: { electron: fakeElectron } },
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        // Placement under faults and kills; `npm run soak` runs the same files bigger (SOAK_* variables). No deadline:
        // the suites are bounded by their counts, and how long they take depends on the machine and its load.
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          environment: 'node',
          testTimeout: 0,
          hookTimeout: 0,
        },
      },
    ],
  },
});
