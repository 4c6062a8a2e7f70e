// The environment for an npm install that the harness runs from inside `npm run demo` / `npm test`.
// The outer npm hands its whole configuration down to every child: `npm_config_*` (among them
// `npm_config_user_agent=npm/… node/v20…`), `npm_lifecycle_*`, `npm_package_*`, `npm_execpath`,
// `INIT_CWD`, `NODE`, and `node_modules/.bin` + node-gyp folders at the front of PATH. A nested npm
// reads all of it as its own: code-server's postinstall.sh takes the Node version from the user
// agent and refuses to install ("requires node v24 … you are on node v20") although it runs under
// Node 24. The nested installer therefore starts from the outer environment minus everything npm
// put there, plus what the caller adds.
const path = require('node:path');

/** Variables npm sets for scripts (names compared case-insensitively: npm writes both spellings). */
function isNpmVariable(name) {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('npm_') || lower === 'init_cwd' || lower === 'node' || lower === 'node_gyp'
  );
}

/** PATH entries npm prepends for scripts: every ancestor's node_modules/.bin and its node-gyp shim. */
function isNpmPathEntry(entry) {
  const parts = entry.split(/[\\/]+/);
  const last = parts.length >= 2 ? `${parts[parts.length - 2]}/${parts[parts.length - 1]}` : entry;
  return last === 'node_modules/.bin' || parts.includes('node-gyp-bin');
}

/**
 * @param {Record<string, string | undefined>} outer  the environment this process was started with
 * @param {{ prependPath?: string[], set?: Record<string, string> }} [options]
 * @returns {Record<string, string>}
 */
function installerEnv(outer, { prependPath = [], set = {} } = {}) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [name, value] of Object.entries(outer)) {
    if (value === undefined || isNpmVariable(name) || name.toUpperCase() === 'PATH') continue;
    env[name] = value;
  }
  const pathName = Object.keys(outer).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
  const kept = (outer[pathName] ?? '')
    .split(path.delimiter)
    .filter((entry) => entry && !isNpmPathEntry(entry));
  env.PATH = [...prependPath, ...kept].join(path.delimiter);
  return { ...env, ...set };
}

module.exports = { installerEnv };
