import { defineConfig } from 'vite';

// Main is built as an SSR (Node) bundle: node builtins and npm dependencies stay external, so native modules
// (better-sqlite3, keytar) load from node_modules exactly as electron-builder packages them.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/main',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        main: 'main/app/main.ts',
        serve: 'main/serve.ts',
        sandbox: 'main/sandbox/cli.ts',
        probe: 'main/probe.ts',
        'store-worker': 'main/store/sqlite/store-worker.ts',
      },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
});
