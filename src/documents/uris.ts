import type * as vscode from 'vscode';
import { type EntityKind, KINDS } from '../profiles/kinds';

/** Profiles and subprofiles open as documents of this scheme. */
export const SCHEME = 'copernica';
/** Read-only copies of what Copernica holds, shown on the left of a comparison. */
export const SERVER_SCHEME = 'copernica-server';

/**
 * What a `copernica:` URI stands for. Only the kind and the ID decide what is fetched; the
 * database and collection names are there for a readable tab title and breadcrumb.
 *   profile     copernica:/<database>/profiles/<id>.json
 *   subprofile  copernica:/<database>/<collection>/subprofiles/<id>.json
 * A draft (a new, unsaved entity) has `new-<n>` in place of the ID. The paths are built by the
 * entity kinds (src/profiles/kinds.ts, documentPath).
 */
export type DocumentAddress =
  | { kind: 'profile'; database: string; id: string; draft: boolean }
  | { kind: 'subprofile'; database: string; collection: string; id: string; draft: boolean };

/** The kind of entity an address stands for. */
export function kindAt(address: DocumentAddress): EntityKind {
  return KINDS[address.kind];
}

function decodeName(segment: string): string {
  return segment.replace(/%2F/gi, '/').replace(/%25/g, '%');
}

/** The address of a `copernica:` URI, or undefined when it is not one this extension serves. */
export function parseAddress(
  uri: Pick<vscode.Uri, 'scheme' | 'path'>,
): DocumentAddress | undefined {
  if (uri.scheme !== SCHEME && uri.scheme !== SERVER_SCHEME) return undefined;
  const parts = uri.path.split('/').slice(1);
  const file = /^(\d+|new-\d+)\.json$/.exec(parts[parts.length - 1] ?? '');
  if (!file?.[1]) return undefined;
  const id = file[1];
  const draft = id.startsWith('new-');
  const [database, second, third] = parts;
  if (database === undefined || database === '') return undefined;
  if (parts.length === 3 && second === 'profiles')
    return { kind: 'profile', database: decodeName(database), id, draft };
  if (parts.length === 4 && second !== undefined && third === 'subprofiles') {
    return {
      kind: 'subprofile',
      database: decodeName(database),
      collection: decodeName(second),
      id,
      draft,
    };
  }
  return undefined;
}

/** Folders on the way to a document ("/Newsletter", "/Newsletter/profiles"): they exist, but cannot be listed. */
export function isFolderPath(uri: Pick<vscode.Uri, 'path'>): boolean {
  const parts = uri.path.split('/').filter((p) => p !== '');
  if (parts.some((p) => p.endsWith('.json'))) return false;
  return parts.length <= 2 || (parts.length === 3 && parts[2] === 'subprofiles');
}

/**
 * One key per document. VS Code opens a separate document for each distinct URI (another query,
 * another case of a name), so each keeps its own opened copy and its own conflict check.
 */
export function documentKey(uri: vscode.Uri): string {
  return uri.toString();
}

export function sameDocument(a: vscode.Uri, b: vscode.Uri): boolean {
  return documentKey(a) === documentKey(b);
}
