// The nested install of code-server (under Node 24) runs from inside `npm run demo` / `npm test`.
// Whatever the outer npm (under Node 20) put into the environment must not reach it: code-server's
// postinstall reads the Node version from npm_config_user_agent and refuses to install.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installerEnv } from '../harness/installerEnv';

const leaksFromNpm = (env: Record<string, string>): string[] =>
  Object.keys(env).filter(
    (name) => /^(npm_|init_cwd$|node$|node_gyp$)/i.test(name) && name !== 'npm_config_nodedir',
  );

describe('harness: the environment of the nested installer', function () {
  this.timeout(30_000);
  let outer: Record<string, string>;

  before(() => {
    // The real thing: the environment npm hands to a script it runs.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outer-npm-'));
    const script = 'node -e "process.stdout.write(JSON.stringify(process.env))"';
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'outer', version: '1.0.0', scripts: { dump: script } }),
    );
    const out = execFileSync('npm', ['run', '--silent', 'dump'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, COPERNICA_KEEP_ME: 'yes' },
    });
    outer = JSON.parse(out) as Record<string, string>;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts from an environment in which the outer npm announces itself', () => {
    // Guards the test: if npm stopped setting these, the checks below would prove nothing.
    assert.match(outer.npm_config_user_agent ?? '', /node\/v\d+/);
    assert.ok(outer.npm_lifecycle_event === 'dump');
    assert.ok(
      (outer.PATH ?? '')
        .split(path.delimiter)
        .some((e) => e.endsWith(path.join('node_modules', '.bin'))),
    );
  });

  it('keeps nothing of the outer npm: no npm_* variable, INIT_CWD, NODE, or node_modules/.bin on PATH', () => {
    const env = installerEnv(outer, {
      prependPath: ['/opt/node24/bin'],
      set: { npm_config_nodedir: '/opt/node24' },
    });
    assert.deepEqual(leaksFromNpm(env), []);
    assert.equal(env.npm_config_user_agent, undefined);
    const entries = env.PATH?.split(path.delimiter) ?? [];
    assert.equal(entries[0], '/opt/node24/bin', 'Node 24 comes first on PATH');
    assert.deepEqual(
      entries.filter((e) => e.includes('node_modules') || e.includes('node-gyp-bin')),
      [],
    );
    assert.equal(env.npm_config_nodedir, '/opt/node24', 'what the harness sets itself is there');
  });

  it('keeps everything else: HOME, the rest of PATH, the user’s own variables', () => {
    const env = installerEnv(outer);
    assert.equal(env.COPERNICA_KEEP_ME, 'yes');
    assert.equal(env.HOME, outer.HOME);
    for (const entry of (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((e) => e && !e.includes('node_modules'))) {
      assert.ok(env.PATH?.split(path.delimiter).includes(entry), `${entry} kept on PATH`);
    }
  });

  it('a Node started with it sees no npm user agent (what code-server’s postinstall reads)', () => {
    const env = installerEnv(outer);
    const seen = execFileSync(
      process.execPath,
      ['-e', 'process.stdout.write(String(process.env.npm_config_user_agent))'],
      { env, encoding: 'utf8' },
    );
    assert.equal(seen, 'undefined');
  });
});
