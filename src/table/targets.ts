// What a table or an export shows, from a command's argument (a tree node, IDs or names from a
// script, a search's database and conditions) or, from the palette, by asking.
import * as vscode from 'vscode';
import type { Condition, Database } from '../api/types';
import { collectionFrom, databaseFrom } from '../commands/args';
import { ownerSource } from '../documents/fetchEntity';
import { type Owner, ownerOfCollection, ownerOfProfile, ownerOfSubprofile } from '../profiles';
import type { Uses } from '../services';
import { parseConditions } from '../tree/conditionInput';
import { pickDatabase } from '../ui/prompts';
import type { TableTarget } from './rows/rowSource';

export type TargetKind = TableTarget['type'];

export interface Resolved {
  target: TableTarget;
  owner: Owner;
  title: string;
}

type TargetServices = Uses<'schema' | 'session'>;

/** The kind of target an argument names: a collection, a search (it has conditions) or a database. */
export function kindOfArg(arg: unknown, fallback: TargetKind): TargetKind {
  const b = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
  if (b && (b.type === 'database' || b.type === 'collection' || b.type === 'search')) return b.type;
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
