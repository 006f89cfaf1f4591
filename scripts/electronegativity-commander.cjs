/**
 * Electronegativity 1.10 requires `commander` 5 without declaring it, and the tree hoists a newer one it cannot
 * use. Preloaded by lint-security.mjs: its `require('commander')` (and only its) gets commander 5.
 */
const Module = require('node:module');

const commander5 = require.resolve('commander-5');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveFilename(request, parent, ...rest) {
  if (
    request === 'commander' &&
    parent?.filename?.includes(
      `${require('node:path').sep}@doyensec${require('node:path').sep}electronegativity`,
    )
  )
    return commander5;
  return resolve.call(this, request, parent, ...rest);
};
