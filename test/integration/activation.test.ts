import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { note } from './support/notes';
import { loadedBundleParts } from './support/setup';

const EXTENSION_ID = 'copernica-vscode.copernica-vscode';

// Runs first (files load in name order): a suite that passes because the extension never loaded is a failure.
describe('activation', () => {
  it('finds the extension and activates it', async () => {
    note(`vscode.version=${vscode.version} vscode.env.appHost=${vscode.env.appHost}`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(
      ext,
      `extension ${EXTENSION_ID} is not loaded (engines.vscode higher than ${vscode.version}?)`,
    );
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it("loads the profile editor's part of the bundle only when a document is used", () => {
    const parts = loadedBundleParts();
    note(`bundle parts loaded at activation: ${parts.join(', ')}`);
    assert.ok(
      parts.includes('extension'),
      `dist/extension.js is not among the loaded files: ${parts.join(', ')}`,
    );
    assert.ok(
      !parts.includes('feature'),
      `the documents feature loaded at activation: ${parts.join(', ')}`,
    );
    assert.ok(
      !parts.includes('tools'),
      `the language-model tools loaded at activation: ${parts.join(', ')}`,
    );
  });

  it('registers the Copernica view container and the explorer view', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const contributes = ext?.packageJSON.contributes as {
      viewsContainers: { activitybar: { id: string; icon: string }[] };
      views: Record<string, { id: string }[]>;
    };
    assert.deepStrictEqual(
      contributes.viewsContainers.activitybar.map((c) => c.id),
      ['copernica'],
    );
    assert.deepStrictEqual(
      contributes.views.copernica?.map((v) => v.id),
      ['copernica.explorer'],
    );
  });

  it('has the explorer view live in the workbench', async () => {
    // Focusing the view only works when VS Code registered it from our contribution.
    await vscode.commands.executeCommand('copernica.explorer.focus');
  });

  it('registers its commands and runs Show Log', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('copernica.showLog'));
    await vscode.commands.executeCommand('copernica.showLog');
  });
});
