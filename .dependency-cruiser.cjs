/** The house import rules (ARCHITECTURE.md), enforced by `npm run lint`. */

/**
 * The layers of main/, top to bottom: each imports only the layers below it (never one above, never a sibling in
 * its tier). The CLIs (`main/serve.ts`, `main/probe.ts`) sit above them all.
 */
const LAYERS = [['app'], ['ipc'], ['services'], ['jobs'], ['providers', 'store', 'secrets'], ['log', 'net', 'time', 'environment']];

/** The composition root: it binds the services to the ipc router and event bus, so it alone may import ipc. */
const COMPOSITION_ROOT = '^main/services/backend[.]ts$';

const layerRules = LAYERS.flatMap((tier, index) =>
  tier.map((layer) => {
    const above = LAYERS.slice(0, index).flat();
    const siblings = tier.filter((other) => other !== layer);
    const banned = [...above, ...siblings];
    return {
      name: `layer-${layer}`,
      comment: `main/${layer} imports only the layers below it (${LAYERS.slice(index + 1).flat().join(', ')}) and shared/; never ${banned.join(', ')}.`,
      severity: 'error',
      from: { path: `^main/${layer}/`, pathNot: COMPOSITION_ROOT },
      to: { path: `^main/(${banned.join('|')})/` },
    };
  }),
).filter((rule) => !rule.to.path.includes('()'));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'composition-root-binds-ipc-only',
      comment: 'The composition root may reach up to ipc (the router and event bus it binds), never to app.',
      severity: 'error',
      from: { path: COMPOSITION_ROOT },
      to: { path: '^main/app/' },
    },
    {
      name: 'services-see-only-the-store-protocol',
      comment: 'Services and jobs hold a Store (main/store/protocol): only cache-stores.ts picks the implementation, so a second store (PostgreSQL) changes no service.',
      severity: 'error',
      from: { path: '^main/(services|jobs)/', pathNot: '^main/services/cache-stores[.]ts$' },
      to: { path: '^main/store/', pathNot: '^main/store/protocol/' },
    },
    {
      name: 'sandbox-only-from-its-runtime-and-the-clis',
      comment: 'The simulators start only through the services\' sandbox runtime, or from the CLIs (serve, probe, the sandbox\'s own).',
      severity: 'error',
      from: { pathNot: '^main/(sandbox/|services/suppliers/sandbox-runtime[.]ts$|serve[.]ts$|probe[.]ts$)' },
      to: { path: '^main/sandbox/' },
    },
    {
      name: 'sandbox-reads-only-the-inferred-settings',
      comment: 'The simulators share with the clients only the INFERRED settings (providers/<supplier>/inferred.ts), one setting each.',
      severity: 'error',
      from: { path: '^main/sandbox/' },
      to: {
        path: '^main/(app|ipc|services|jobs|store|secrets|providers)/',
        pathNot: '^main/providers/[^/]+/inferred[.]ts$',
      },
    },
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
