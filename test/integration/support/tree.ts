// Walks the explorer through the same provider the view uses.
import * as assert from 'node:assert';
import type * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/app';
import type { Node } from '../../../src/tree/nodes';

export function label(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

export async function childrenOf(api: ExtensionApi, node?: Node): Promise<Node[]> {
  return api.explorer.getChildren(node);
}

export async function labelsOf(api: ExtensionApi, node?: Node): Promise<string[]> {
  return (await childrenOf(api, node)).map((n) =>
    label(api.explorer.getTreeItem(n) as vscode.TreeItem),
  );
}

/** The child whose label is `name` (fails with the labels present when there is none). */
export async function child(
  api: ExtensionApi,
  node: Node | undefined,
  name: string,
): Promise<Node> {
  const kids = await childrenOf(api, node);
  const found = kids.find((k) => label(api.explorer.getTreeItem(k) as vscode.TreeItem) === name);
  assert.ok(
    found,
    `no child "${name}" under ${node?.id ?? 'root'}; found: ${(await labelsOf(api, node)).join(', ')}`,
  );
  return found;
}

/** Follows a path of labels from the root: path(api, 'Demo Account', 'Newsletter', 'Profiles'). */
export async function path(api: ExtensionApi, ...labels: string[]): Promise<Node> {
  let node: Node | undefined;
  for (const l of labels) node = await child(api, node, l);
  assert.ok(node);
  return node;
}
