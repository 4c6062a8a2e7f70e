import * as vscode from 'vscode';
import { view } from '../api/views';
import type { Condition, Database, Profile, View } from '../api/types';
import { databaseFrom } from '../commands/args';
import { viewFrom } from '../selections/target';
import { CommandIds } from '../commands/ids';
import type { Uses } from '../services';
import { pickDatabase } from '../ui/prompts';
import { parseConditions } from './conditionInput';
import { profileLabel } from './nodes';
import { Pager, pagedQuery } from './pager';
import { lastSearch, type SearchState } from './searchState';
import { allViews } from './viewLists';

type Item = vscode.QuickPickItem & { profile?: Profile; more?: true };

/**
 * Find Profiles…: a database (or one of its selections), one or more conditions, results in a
 * QuickPick with Load more. Loaded on first use (src/tree/index.ts).
 */
export async function findProfiles(
  s: Uses<'schema' | 'session' | 'log' | 'notifier'>,
  arg: unknown,
): Promise<string | undefined> {
  const given = await givenView(s, arg);
  const database = await pickDatabase(
    s,
    given?.database ?? databaseFrom(arg),
    vscode.l10n.t('Find Profiles'),
    vscode.l10n.t('Database to search'),
  );
  if (!database) return undefined;
  // From the palette, a database with selections offers them as the place to search.
  const place = arg === undefined ? await pickPlace(s, database) : { view: given };
  if (!place) return undefined;
  const input = conditionsFrom(arg);
  const conditions =
    input !== undefined ? checked(input, database) : await askConditions(database, place.view);
  if (!conditions) return undefined;
  const picked = await showResults(s, database, conditions, place.view);
  if (picked)
    await vscode.commands.executeCommand(CommandIds.openProfile, { profile: picked, database });
  return picked?.ID;
}

/** `{ conditions: "email==x; age>18" }` or `{ conditions: ["email==x", "age>18"] }` from a script. */
function conditionsFrom(arg: unknown): string | string[] | undefined {
  const conditions =
    typeof arg === 'object' && arg !== null
      ? (arg as { conditions?: unknown }).conditions
      : undefined;
  if (typeof conditions === 'string') return conditions;
  return Array.isArray(conditions) ? conditions.map(String) : undefined;
}

/** The selection an argument names: a selection node, or { view: "12" } from a script. */
async function givenView(s: Uses<'session'>, arg: unknown): Promise<View | undefined> {
  const target = viewFrom(arg);
  if (target === undefined) return undefined;
  if (target.kind === 'miniview')
    throw new Error(
      vscode.l10n.t('Find Profiles searches profiles; a miniselection holds subprofiles.'),
    );
  const node = arg as { view?: unknown };
  const known =
    typeof node.view === 'object' && node.view !== null ? (node.view as View) : undefined;
  return known?.ID === target.id && known.database !== ''
    ? known
    : view(s.session.client(), target.id);
}

async function pickPlace(
  s: Uses<'session'>,
  database: Database,
): Promise<{ view: View | undefined } | undefined> {
  const views = await allViews(s.session.client(), database.ID);
  if (views.length === 0) return { view: undefined };
  const everything = {
    label: vscode.l10n.t('All profiles of {0}', database.name),
    view: undefined as View | undefined,
  };
  const picked = await vscode.window.showQuickPick(
    [
      everything,
      ...views.map(({ view, path }) => ({
        label: path.join(' › '),
        description: view.ID,
        view: view as View | undefined,
      })),
    ],
    {
      title: vscode.l10n.t('Find Profiles'),
      placeHolder: vscode.l10n.t('Search all of {0} or one of its selections', database.name),
      ignoreFocusOut: true,
      matchOnDescription: true,
    },
  );
  return picked ? { view: picked.view } : undefined;
}

function checked(input: string | string[], database: Database): Condition[] {
  const result = parseConditions(input, database.fields.data);
  if (!result.ok) throw new Error(result.message);
  return result.conditions;
}

async function askConditions(
  database: Database,
  view: View | undefined,
): Promise<Condition[] | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Find Profiles in {0}', view?.name ?? database.name),
    prompt: vscode.l10n.t(
      'Conditions separated by ";", e.g. email==john@example.com; age>=18. Operators: == != <> < > <= >= =~ (LIKE, % and _) !~',
    ),
    ignoreFocusOut: true,
    validateInput: (value) => {
      const result = parseConditions(value, database.fields.data);
      return result.ok ? undefined : result.message;
    },
  });
  return text === undefined ? undefined : checked(text, database);
}

function showResults(
  s: Uses<'session' | 'log' | 'notifier'>,
  database: Database,
  conditions: Condition[],
  view: View | undefined,
): Promise<Profile | undefined> {
  const client = s.session.client();
  const pageSize = s.session.settings().pageSize;
  const state: SearchState = {
    database: database.name,
    ...(view ? { selection: view.ID } : {}),
    conditions,
    profiles: [],
    total: undefined,
    done: false,
  };
  lastSearch.state = state;
  const pick = vscode.window.createQuickPick<Item>();
  // Conditions are shown as typed (`age>=18; country==NL`), so no words need translating between them.
  pick.title = vscode.l10n.t(
    'Profiles in {0} where {1}',
    view?.name ?? database.name,
    conditions.map((c) => `${c.field}${c.operator}${c.value}`).join('; '),
  );
  pick.matchOnDescription = true;
  const controller = new AbortController();
  // The explorer's pager: repeats dropped, and an end even when the server ignores `id >`.
  const pager = new Pager<Profile>(
    (after, withTotal, signal) => {
      const query = pagedQuery(pageSize, after, withTotal, conditions);
      return view
        ? client.viewProfiles(view.ID, query, signal)
        : client.profiles(database.ID, query, signal);
    },
    pageSize,
    {
      what: view
        ? `Find Profiles in selection ${view.ID}`
        : `Find Profiles in database ${database.ID}`,
      warn: (line) => s.log.warn(line),
    },
  );

  const loadPage = async (): Promise<void> => {
    pick.busy = true;
    try {
      await pager.loadNext(controller.signal);
      state.profiles = [...pager.items];
      state.total = pager.total;
      state.done = pager.done;
      pick.items = itemsOf(state, database);
      pick.placeholder =
        state.profiles.length === 0
          ? vscode.l10n.t('No profiles match')
          : vscode.l10n.t('{0} of {1} profiles', state.profiles.length, state.total ?? '?');
    } catch (error) {
      s.notifier.report(error, {
        context: vscode.l10n.t('Finding profiles in {0}', view?.name ?? database.name),
        retry: loadPage,
      });
    } finally {
      pick.busy = false;
    }
  };

  // The whole result as a table (issue 16): the table pages it itself, by ID.
  pick.buttons = [
    { iconPath: new vscode.ThemeIcon('table'), tooltip: vscode.l10n.t('Open as Table') },
  ];
  return new Promise<Profile | undefined>((resolve) => {
    pick.onDidTriggerButton(() => {
      void vscode.commands.executeCommand(CommandIds.openSearchTable, {
        database: database.ID,
        ...(view ? { view: view.ID } : {}),
        conditions,
      });
      pick.hide();
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (chosen?.more) return void loadPage();
      resolve(chosen?.profile);
      pick.hide();
    });
    pick.onDidChangeActive((items) => {
      state.active = items[0]?.profile?.ID;
    });
    pick.onDidHide(() => {
      controller.abort();
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
    void loadPage();
  });
}

function itemsOf(state: SearchState, database: Database): Item[] {
  const items: Item[] = state.profiles.map((profile) => ({
    label: profileLabel(profile, database.fields.data),
    description: profile.ID,
    profile,
  }));
  if (!state.done)
    items.push({ label: vscode.l10n.t('$(ellipsis) Load more…'), alwaysShow: true, more: true });
  return items;
}
