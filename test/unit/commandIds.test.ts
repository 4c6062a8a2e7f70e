import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandIds } from '../../src/commands/ids';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command: string }[]>;
  };
  activationEvents?: string[];
}

const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
) as Manifest;
const declared = manifest.contributes.commands.map((c) => c.command);
const inCode: string[] = Object.values(CommandIds);

describe('command ids', () => {
  it('every command in the code is contributed in package.json', () => {
    assert.deepStrictEqual(
      inCode.filter((id) => !declared.includes(id)),
      [],
    );
  });

  it('every command in package.json exists in the code', () => {
    assert.deepStrictEqual(
      declared.filter((id) => !inCode.includes(id)),
      [],
    );
  });

  it('every command has the category "Copernica"', () => {
    assert.deepStrictEqual(
      manifest.contributes.commands.filter((c) => c.category !== 'Copernica').map((c) => c.command),
      [],
    );
  });

  it('menus only name contributed commands', () => {
    const named = Object.values(manifest.contributes.menus ?? {})
      .flat()
      .map((m) => m.command);
    assert.deepStrictEqual(
      named.filter((id) => !declared.includes(id)),
      [],
    );
  });

  it('never activates on startup', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), events.join(', '));
  });
});
