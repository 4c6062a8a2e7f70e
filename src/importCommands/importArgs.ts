// What Import… takes as its argument: a database tree node (the context menu), nothing (the
// palette: it asks), or an object from a script or test that answers every question in advance.
import * as vscode from 'vscode';
import { databaseFrom } from '../commands/args';
import { IMPORT_ACTIONS, type ColumnChoices, type ImportAction } from '../imports';

export interface ImportArgs {
  database?: string;
  file?: vscode.Uri;
  keyFields?: string[];
  action?: ImportAction;
  /** For columns that are not exact field names: the field to use, or null to leave the column out. */
  columns?: ColumnChoices;
  /** Stops the apply step (as its Cancel button does). */
  signal?: AbortSignal;
}

type Bag = Record<string, unknown>;

function fileOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '')
    return /^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:\\/i.test(value)
      ? vscode.Uri.parse(value)
      : vscode.Uri.file(value);
  return undefined;
}

function columnsOf(value: unknown): ColumnChoices | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out = Object.create(null) as Record<string, string | null>;
  for (const [k, v] of Object.entries(value as Bag))
    if (typeof v === 'string' || v === null) out[k] = v;
  return out;
}

export function readArgs(arg: unknown): ImportArgs {
  const b = typeof arg === 'object' && arg !== null ? (arg as Bag) : {};
  const keys = b['keyFields'];
  const keyFields =
    typeof keys === 'string'
      ? [keys]
      : Array.isArray(keys)
        ? keys.filter((k): k is string => typeof k === 'string')
        : undefined;
  const action = IMPORT_ACTIONS.find((a) => a === b['action']);
  const signal = b['signal'];
  const database = databaseFrom(arg);
  const file = fileOf(b['file']);
  const columns = columnsOf(b['columns']);
  return {
    ...(database !== undefined ? { database } : {}),
    ...(file ? { file } : {}),
    ...(keyFields && keyFields.length > 0 ? { keyFields } : {}),
    ...(action ? { action } : {}),
    ...(columns ? { columns } : {}),
    ...(signal instanceof AbortSignal ? { signal } : {}),
  };
}
