/** The house import rules (ARCHITECTURE.md), enforced by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'electron-only-in-app-and-preload',
      comment: 'Only main/app/ and preload/ import electron; the rest of main runs under plain Node and vitest.',
      severity: 'error',
      from: { pathNot: '^(main/app|preload)/' },
      to: { path: '^electron$|(^|/)node_modules/electron/' },
    },
    {
      name: 'renderer-talks-only-through-window-desk',
      comment: 'The renderer imports nothing from main/ or preload/; it talks only through window.desk.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload)/' },
    },
    {
      name: 'renderer-has-no-node',
      comment: 'The renderer is a sandboxed web page: no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-imports-none-of-the-others',
      comment: 'shared/ is imported by all three processes, so it may import none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|preload|renderer)/' },
    },
    {
      name: 'wire-shapes-stay-in-providers',
      comment: 'Supplier wire schemas and their mapping are private to main/providers/<supplier>/; the rest uses domain types.',
      severity: 'error',
      from: { pathNot: '^main/providers/' },
      to: { path: '^main/providers/[^/]+/(wire|map)[.]ts$' },
    },
    {
      name: 'main-does-not-import-ui',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^(renderer|preload)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
