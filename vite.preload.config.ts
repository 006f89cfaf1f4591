import { defineConfig } from 'vite';

// A sandboxed preload may only require('electron'), so everything else (the contract, zod) is bundled in.
export default defineConfig({
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: 'preload/preload.ts',
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
    },
  },
});
