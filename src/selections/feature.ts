import * as vscode from 'vscode';
import * as api from '../api/views';
import type { CopernicaClient } from '../api/client';
import type { View } from '../api/types';
import { viewFrom, type ViewTarget } from './target';
import type { Uses } from '../services';
import type { ExplorerProvider } from '../tree/explorerProvider';
import { withProgress } from '../ui/prompts';
import { RULES_SCHEME } from './scheme';
import { pickView } from './pickView';
import { rulesDocumentText } from './rulesText';

/**
 * How long Rebuild Selection watches `last-built` before saying the rebuild is still running:
 * Copernica's answer to the rebuild call is undocumented, and its v2 page says a rebuild "might
 * take a while … retrieve the view summary and check the last-built property"
 * (https://www.copernica.com/en/documentation/restv4/rest-post-view-rebuild).
 */
export const REBUILD_WATCH_MS = 20_000;
const REBUILD_POLL_MS = [250, 500, 1000, 2000];

export interface SelectionsFeature {
  showRules(arg: unknown): Promise<vscode.Uri | undefined>;
  rebuild(arg: unknown): Promise<View | undefined>;
  rulesText(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string>;
}

type S = Uses<'session' | 'schema'>;

export function createSelectionsFeature(
  s: S,
  explorer: ExplorerProvider,
  refreshDocument: (uri: vscode.Uri) => void,
): SelectionsFeature {
  const target = async (arg: unknown, title: string): Promise<ViewTarget | undefined> =>
    viewFrom(arg) ?? (await pickView(s, title));
  return {
    showRules: async (arg) => {
      const picked = await target(arg, vscode.l10n.t('Show Selection Rules'));
      if (!picked) return undefined;
      const view = await fetchView(s.session.client(), picked);
      const uri = rulesUri(picked, view.name);
      // An open rules document shows what was read when it opened: asking again reads again.
      refreshDocument(uri);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: false });
      return uri;
    },
    rebuild: async (arg) => {
      const picked = await target(arg, vscode.l10n.t('Rebuild Selection'));
      if (!picked) return undefined;
      return rebuildView(s.session.client(), picked, explorer);
    },
    rulesText: (uri, token) => rulesText(s, uri, token),
  };
}

function fetchView(
  client: CopernicaClient,
  target: ViewTarget,
  signal?: AbortSignal,
): Promise<View> {
  return target.kind === 'view'
    ? api.view(client, target.id, signal)
    : api.miniview(client, target.id, signal);
}

/** `copernica-rules:/<name> (rules).json?view=12`: the name is for the tab; the query decides. */
export function rulesUri(target: ViewTarget, name: string): vscode.Uri {
  // A name from the server is a title here, never a path: no separators survive.
  const title =
    [...name]
      .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c))
      .join('')
      .slice(0, 80) || target.id;
  return vscode.Uri.from({
    scheme: RULES_SCHEME,
    path: `/${title} (rules).json`,
    query: `${target.kind}=${target.id}`,
  });
}

function targetOfUri(uri: vscode.Uri): ViewTarget {
  const match = /^(view|miniview)=(\d{1,20})$/.exec(uri.query);
  if (!match) throw new Error(vscode.l10n.t('Not a Copernica rules document: {0}', uri.toString()));
  return { kind: match[1] as ViewTarget['kind'], id: match[2] as string };
}

async function rulesText(s: S, uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
  const target = targetOfUri(uri);
  const controller = new AbortController();
  const listener = token.onCancellationRequested(() => controller.abort());
  try {
    const client = s.session.client();
    const signal = controller.signal;
    const [view, rules] = await Promise.all([
      fetchView(client, target, signal),
      target.kind === 'view'
        ? api.viewRules(client, target.id, signal)
        : api.miniviewRules(client, target.id, signal),
    ]);
    return rulesDocumentText({ view, rules, parent: await parentName(s, client, view, signal) });
  } finally {
    listener.dispose();
  }
}

/** Where a selection lives, in words: its database, its parent selection, or its collection. */
async function parentName(
  s: S,
  client: CopernicaClient,
  view: View,
  signal: AbortSignal,
): Promise<string> {
  if (view.parentType === 'view') {
    const parent = await api.view(client, view.parentId, signal);
    return vscode.l10n.t('selection {0} (ID {1})', parent.name, parent.ID);
  }
  const databases = await s.schema.databases();
  if (view.parentType === 'collection') {
    for (const database of databases)
      for (const collection of database.collections.data)
        if (collection.ID === view.parentId)
          return vscode.l10n.t('collection {0} of database {1}', collection.name, database.name);
    return vscode.l10n.t('collection {0}', view.parentId);
  }
  const database = databases.find((d) => d.ID === (view.database || view.parentId));
  return vscode.l10n.t('database {0}', database?.name ?? view.parentId);
}

/**
 * Asks Copernica to rebuild, then watches `last-built` (with a deadline) so the tree can show the
 * new build time; a rebuild that takes longer is said to be running, not reported as done.
 */
async function rebuildView(
  client: CopernicaClient,
  target: ViewTarget,
  explorer: ExplorerProvider,
): Promise<View> {
  const before = await fetchView(client, target);
  const after = await withProgress(
    vscode.l10n.t('Rebuilding {0}', before.name),
    async (signal) => {
      await api.rebuild(client, target.kind, target.id, signal);
      return watchBuild(client, target, before, signal);
    },
    true,
  );
  explorer.viewChanged(after);
  if (after.lastBuilt !== before.lastBuilt)
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} was rebuilt at {1}.', after.name, after.lastBuilt),
    );
  else
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Copernica accepted the rebuild of {0}; it is still running. Refresh the selection later to see its new build time.',
        after.name,
      ),
    );
  return after;
}

async function watchBuild(
  client: CopernicaClient,
  target: ViewTarget,
  before: View,
  signal: AbortSignal,
): Promise<View> {
  const deadline = Date.now() + REBUILD_WATCH_MS;
  for (let attempt = 0; ; attempt += 1) {
    const now = await fetchView(client, target, signal);
    if (now.lastBuilt !== before.lastBuilt || Date.now() >= deadline) return now;
    const wait = REBUILD_POLL_MS[Math.min(attempt, REBUILD_POLL_MS.length - 1)] ?? 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())));
    if (signal.aborted) return now;
  }
}
