// The tools that read: definitions (never personal data), find and get (profile values, subject
// to copernica.tools.profileData).
import * as vscode from 'vscode';
import { formatCondition } from '../api/conditions';
import type { Condition, Database, View } from '../api/types';
import { fetchEntity } from '../documents/fetchEntity';
import { KINDS } from '../profiles';
import { parseConditions } from '../tree/conditionInput';
import { allViews } from '../tree/viewLists';
import {
  type FindInput,
  type GetInput,
  checkDescribeInput,
  checkFindInput,
  checkGetInput,
  databaseDefinition,
  errorText,
  pickFields,
  resultText,
} from './toolInput';
import { type ToolDeps, guarded, readConsent, signalOf, withheldNote } from './toolKit';

type Tool = vscode.LanguageModelTool<unknown>;

/** Subprofiles listed per collection when a get asks for them. */
const SUBPROFILES_PER_COLLECTION = 10;

async function databaseNamed(
  deps: ToolDeps,
  name: string,
  signal: AbortSignal,
): Promise<Database | string> {
  const database = await deps.s.schema.database(name, signal);
  if (database) return database;
  const names = (await deps.s.schema.databases(signal)).map((d) => d.name);
  return errorText(
    vscode.l10n.t('Copernica has no database "{0}" in this account.', name),
    vscode.l10n.t('Databases: {0}.', names.join(', ')),
  );
}

export function describeTool(deps: ToolDeps): Tool {
  return {
    prepareInvocation: () => ({
      invocationMessage: vscode.l10n.t('Reading the Copernica definitions'),
    }),
    invoke: (options, token) =>
      guarded(deps, 'copernica_describeDatabases', async () => {
        const input = checkDescribeInput(options.input);
        if (!input.ok) return errorText(input.message);
        const signal = signalOf(token);
        let databases = await deps.s.schema.databases(signal);
        if (input.value.database !== undefined) {
          const one = await databaseNamed(deps, input.value.database, signal);
          if (typeof one === 'string') return one;
          databases = [one];
        }
        const client = await deps.s.session.readyClient();
        const shown: Record<string, unknown>[] = [];
        for (const database of databases)
          shown.push(databaseDefinition(database, await allViews(client, database.ID, signal)));
        return resultText(
          { databases: shown },
          {
            count: shown.length,
            with: (n) => ({
              databases: shown.slice(0, n),
              more: shown.length - n,
              hint: vscode.l10n.t('Ask for one database by name.'),
            }),
          },
        );
      }),
  };
}

function findResult(
  deps: ToolDeps,
  input: FindInput,
  database: Database,
  conditions: string[],
  page: { total?: number; data: { ID: string; fields: Record<string, string> }[] },
  selection: View | undefined,
): string {
  const total = page.total ?? page.data.length;
  const base = {
    database: database.name,
    ...(selection ? { selection: selection.name } : {}),
    conditions,
    total,
  };
  if (deps.mode() === 'never') {
    const ids = page.data.map((p) => p.ID);
    return resultText({ ...base, ids, more: total - ids.length, note: withheldNote() });
  }
  const profiles = page.data.map((p) => ({ ID: p.ID, fields: pickFields(p.fields, input.fields) }));
  const shaped = (n: number): unknown => ({
    ...base,
    returned: n,
    more: total - n,
    profiles: profiles.slice(0, n),
  });
  return resultText(shaped(profiles.length), { count: profiles.length, with: shaped });
}

/** A find's checked input, database and conditions, or the error result that says what is wrong. */
async function searchOf(
  deps: ToolDeps,
  raw: unknown,
  signal: AbortSignal,
): Promise<
  { input: FindInput; database: Database; selection?: View; conditions: Condition[] } | string
> {
  const input = checkFindInput(raw);
  if (!input.ok) return errorText(input.message);
  const database = await databaseNamed(deps, input.value.database, signal);
  if (typeof database === 'string') return database;
  const parsed = parseConditions(input.value.conditions, database.fields.data);
  if (!parsed.ok) {
    const hint = vscode.l10n.t('copernica_describeDatabases lists the fields of each database.');
    return errorText(parsed.message, hint);
  }
  const found = { input: input.value, database, conditions: parsed.conditions };
  if (input.value.selection === undefined) return found;
  const selection = await selectionNamed(deps, database, input.value.selection, signal);
  return typeof selection === 'string' ? selection : { ...found, selection };
}

/** A selection of the database by ID or name (any case); else an error that lists the names. */
async function selectionNamed(
  deps: ToolDeps,
  database: Database,
  name: string,
  signal: AbortSignal,
): Promise<View | string> {
  const client = await deps.s.session.readyClient();
  const views = (await allViews(client, database.ID, signal)).map((e) => e.view);
  const wanted = name.trim().toLowerCase();
  const view =
    views.find((v) => v.ID === wanted) ?? views.find((v) => v.name.toLowerCase() === wanted);
  if (view) return view;
  return errorText(
    vscode.l10n.t('Database {0} has no selection "{1}".', database.name, name),
    views.length === 0
      ? vscode.l10n.t('It has no selections: leave "selection" out to search all its profiles.')
      : vscode.l10n.t('Selections: {0}.', views.map((v) => v.name).join(', ')),
  );
}

export function findTool(deps: ToolDeps): Tool {
  return {
    prepareInvocation: async (options, token) => {
      const progress = { invocationMessage: vscode.l10n.t('Finding profiles in Copernica') };
      // Wrong input sends no profile data (invoke reports it): nothing to ask the user about.
      const search = await searchOf(deps, options.input, signalOf(token)).catch(() => undefined);
      if (search === undefined || typeof search === 'string') return progress;
      const place = search.selection
        ? `${search.database.name} › ${search.selection.name}`
        : search.database.name;
      const where = `${place}: ${search.conditions.map(formatCondition).join('; ')}`;
      return readConsent(
        deps,
        vscode.l10n.t('The profiles found in {0} are sent to the language model.', where),
        progress.invocationMessage,
      );
    },
    invoke: (options, token) =>
      guarded(deps, 'copernica_findProfiles', async () => {
        const signal = signalOf(token);
        const search = await searchOf(deps, options.input, signal);
        if (typeof search === 'string') return search;
        const { input, database, selection, conditions } = search;
        const client = await deps.s.session.readyClient();
        const query = {
          limit: input.limit,
          total: true,
          orderBy: 'id',
          order: 'asc',
          conditions,
        } as const;
        const page = selection
          ? await client.viewProfiles(selection.ID, query, signal)
          : await client.profiles(database.ID, query, signal);
        const shown = conditions.map(formatCondition);
        return findResult(deps, input, database, shown, page, selection);
      }),
  };
}

async function subprofilesOf(
  deps: ToolDeps,
  profileId: string,
  database: Database,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const client = await deps.s.session.readyClient();
  const result: Record<string, unknown> = {};
  for (const collection of database.collections.data) {
    const page = await client.subprofiles(
      profileId,
      collection.ID,
      { limit: SUBPROFILES_PER_COLLECTION, total: true },
      signal,
    );
    const total = page.total ?? page.data.length;
    result[collection.name] =
      deps.mode() === 'never'
        ? { total, ids: page.data.map((sp) => sp.ID) }
        : {
            total,
            more: total - page.data.length,
            subprofiles: page.data.map((sp) => ({ ID: sp.ID, fields: sp.fields })),
          };
  }
  return result;
}

async function getResult(deps: ToolDeps, input: GetInput, signal: AbortSignal): Promise<string> {
  const kind = KINDS[input.kind];
  const { entity, owner } = await fetchEntity(deps.s, kind, input.id, signal);
  const never = deps.mode() === 'never';
  const interests = kind.interestsOf(entity);
  const result: Record<string, unknown> = {
    kind: kind.name,
    ID: entity.ID,
    database: owner.database.name,
    ...(owner.kind === 'subprofile'
      ? { collection: owner.collection.name, profile: kind.profileOf(entity) }
      : {}),
    ...(entity.removed ? { removed: entity.removed } : {}),
    ...(never
      ? { fieldNames: owner.schema.fields.map((f) => f.name), note: withheldNote() }
      : { fields: entity.fields }),
    ...(interests && !never ? { interests } : {}),
  };
  if (input.subprofiles && owner.kind === 'profile')
    result.subprofiles = await subprofilesOf(deps, entity.ID, owner.database, signal);
  return resultText(result);
}

export function getTool(deps: ToolDeps): Tool {
  return {
    prepareInvocation: (options) => {
      const input = checkGetInput(options.input);
      if (!input.ok)
        return { invocationMessage: vscode.l10n.t('Reading the Copernica definitions') };
      const label = KINDS[input.value.kind].label(input.value.id);
      return readConsent(
        deps,
        vscode.l10n.t('The values of {0} are sent to the language model.', label),
        vscode.l10n.t('Reading {0}', label),
      );
    },
    invoke: (options, token) =>
      guarded(deps, 'copernica_getProfile', async () => {
        const input = checkGetInput(options.input);
        if (!input.ok) return errorText(input.message);
        return getResult(deps, input.value, signalOf(token));
      }),
  };
}
