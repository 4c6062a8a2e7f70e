// What a table or an export shows, from a command's argument (a tree node, IDs or names from a
// script, a search's database and conditions) or, from the palette, by asking.
import * as vscode from 'vscode';
import type { Condition, Database, View } from '../api/types';
import { miniview as getMiniview, view as getView } from '../api/views';
import { collectionFrom, databaseFrom } from '../commands/args';
import { ownerSource } from '../documents/fetchEntity';
import { type Owner, ownerOfCollection, ownerOfProfile, ownerOfSubprofile } from '../profiles';
import type { Uses } from '../services';
import { parseConditions } from '../tree/conditionInput';
import { pickView } from '../selections/pickView';
import { viewFrom, type ViewTarget } from '../selections/target';
import { pickDatabase } from '../ui/prompts';
import type { TableTarget } from './rows/rowSource';

export type TargetKind = TableTarget['type'];

export interface Resolved {
  target: TableTarget;
  owner: Owner;
  title: string;
}

type TargetServices = Uses<'schema' | 'session'>;

const KINDS: readonly string[] = ['database', 'collection', 'search', 'selection', 'miniselection'];

/**
 * The kind of target an argument names: a selection or miniselection (a node of one, or { view },
 * { miniview }), a collection, a search (it has conditions) or a database.
 */
export function kindOfArg(arg: unknown, fallback: TargetKind): TargetKind {
  const b = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
  if (b && typeof b.type === 'string' && KINDS.includes(b.type)) return b.type as TargetKind;
  const view = viewFrom(arg);
  if (view) return view.kind === 'view' ? 'selection' : 'miniselection';
  if (b && 'collection' in b && !('subprofile' in b)) return 'collection';
  if (b && 'conditions' in b) return 'search';
  return fallback;
}

export async function resolveTarget(
  s: TargetServices,
  kind: TargetKind,
  arg: unknown,
): Promise<Resolved | undefined> {
  const title = vscode.l10n.t('Open as Table');
  if (kind === 'selection' || kind === 'miniselection') {
    const picked = viewFrom(arg) ?? (await pickView(s, title));
    return picked ? viewTarget(s, picked, arg) : undefined;
  }
  const database = await pickDatabase(s, databaseFrom(arg), title, vscode.l10n.t('Database'));
  if (!database) {
    if (kind === 'collection' && collectionFrom(arg) !== undefined) return byCollectionId(s, arg);
    return undefined;
  }
  const source = ownerSource(s);
  if (kind === 'collection') {
    const ref = collectionFrom(arg) ?? (await pickCollection(database));
    if (ref === undefined) return undefined;
    const owner = await ownerOfCollection(source, database, ref);
    return collectionTarget(owner);
  }
  const owner = await ownerOfProfile(source, database.ID);
  if (kind === 'database')
    return { target: { type: 'database', database: database.ID }, owner, title: database.name };
  const conditions = await conditionsOf(arg, database);
  if (!conditions) return undefined;
  const shown = conditions.map((c) => `${c.field}${c.operator}${c.value}`).join('; ');
  return {
    target: { type: 'search', database: database.ID, conditions },
    owner,
    title: vscode.l10n.t('{0} where {1}', database.name, shown),
  };
}

/** A selection (its profiles, or a search in them) or a miniselection (its subprofiles). */
async function viewTarget(s: TargetServices, picked: ViewTarget, arg: unknown): Promise<Resolved> {
  const client = s.session.client();
  const given = (arg as { view?: unknown } | undefined)?.view;
  const known =
    typeof given === 'object' && given !== null && (given as View).ID === picked.id
      ? (given as View)
      : undefined;
  if (picked.kind === 'miniview') {
    const view = known ?? (await getMiniview(client, picked.id));
    const owner = await ownerOfSubprofile(ownerSource(s), view.collection || view.parentId);
    return {
      target: { type: 'miniselection', collection: owner.collection.ID, miniview: view.ID },
      owner,
      title: vscode.l10n.t('{0} › {1}', owner.collection.name, view.name),
    };
  }
  const view = known?.database ? known : await getView(client, picked.id);
  const owner = await ownerOfProfile(ownerSource(s), view.database);
  const hasConditions = typeof arg === 'object' && arg !== null && 'conditions' in arg;
  const conditions = hasConditions ? await conditionsOf(arg, owner.database) : undefined;
  if (hasConditions && !conditions) throw new Error(vscode.l10n.t('No conditions were given.'));
  const place = vscode.l10n.t('{0} › {1}', owner.database.name, view.name);
  const shown = conditions?.map((c) => `${c.field}${c.operator}${c.value}`).join('; ');
  return {
    target: {
      type: 'selection',
      database: owner.database.ID,
      view: view.ID,
      ...(conditions ? { conditions } : {}),
    },
    owner,
    title: shown === undefined ? place : vscode.l10n.t('{0} where {1}', place, shown),
  };
}

/** `{ collection: "12" }` without a database: the collection's ID says which database. */
async function byCollectionId(s: TargetServices, arg: unknown): Promise<Resolved | undefined> {
  const id = collectionFrom(arg);
  if (id === undefined || !/^\d+$/.test(id)) return undefined;
  return collectionTarget(await ownerOfSubprofile(ownerSource(s), id));
}

function collectionTarget(owner: Owner): Resolved {
  if (owner.kind !== 'subprofile') throw new Error('a collection has a subprofile owner');
  return {
    target: { type: 'collection', collection: owner.collection.ID },
    owner,
    title: vscode.l10n.t('{0} › {1}', owner.database.name, owner.collection.name),
  };
}

async function pickCollection(database: Database): Promise<string | undefined> {
  const collections = database.collections.data;
  if (collections.length === 0)
    throw new Error(vscode.l10n.t('Database "{0}" has no collections.', database.name));
  const picked = await vscode.window.showQuickPick(
    collections.map((c) => ({ label: c.name, description: c.ID, id: c.ID })),
    {
      title: vscode.l10n.t('Open as Table'),
      placeHolder: vscode.l10n.t('Collection'),
      ignoreFocusOut: true,
    },
  );
  return picked?.id;
}

/** Conditions from the argument (a string or a list, as Find Profiles takes them), else asked for. */
async function conditionsOf(arg: unknown, database: Database): Promise<Condition[] | undefined> {
  const given =
    typeof arg === 'object' && arg !== null
      ? (arg as { conditions?: unknown }).conditions
      : undefined;
  const fields = database.fields.data;
  // Condition objects (a table's own target) are checked like typed text: a misspelt field matches everything.
  const listed = Array.isArray(given)
    ? given.map((c) =>
        typeof c === 'object' && c !== null
          ? `${String((c as Condition).field)}${String((c as Condition).operator)}${String((c as Condition).value)}`
          : String(c),
      )
    : given;
  const input =
    typeof listed === 'string' || Array.isArray(listed)
      ? listed
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Find Profiles in {0}', database.name),
          prompt: vscode.l10n.t(
            'Conditions separated by ";", e.g. email==john@example.com; age>=18',
          ),
          ignoreFocusOut: true,
          validateInput: (value) => {
            const r = parseConditions(value, fields);
            return r.ok ? undefined : r.message;
          },
        });
  if (input === undefined) return undefined;
  const result = parseConditions(input, fields);
  if (!result.ok) throw new Error(result.message);
  return result.conditions;
}
