import * as vscode from 'vscode';
import type { Profile, Subprofile } from '../api/types';
import type { PartialWrite } from './documentStore';
import { type DocumentChanges, findConflicts } from './model';

type Entity = Profile | Subprofile;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((x) => left.has(x));
}

function interestsOf(entity: Entity): string[] {
  return 'interests' in entity ? entity.interests : [];
}

/** What changed in Copernica since the document was opened, ignoring what this save itself wrote. */
export function serverChanges(original: Entity, server: Entity, written?: PartialWrite): string[] {
  const changed: string[] = [];
  const names = new Set([...Object.keys(original.fields), ...Object.keys(server.fields)]);
  for (const name of names) {
    if (written?.fields.has(name)) continue;
    if ((original.fields[name] ?? '') !== (server.fields[name] ?? '')) changed.push(name);
  }
  if (!written?.interests && !sameSet(interestsOf(original), interestsOf(server))) changed.push('interests');
  if (!written?.secret && original.secret !== server.secret) changed.push('secret');
  if (original.removed !== server.removed) changed.push('removed');
  // Our own earlier write moved `modified`; otherwise a new `modified` means someone changed a field.
  if (!written && original.modified !== server.modified && changed.length === 0) changed.push('modified');
  return changed;
}

/** The question's detail: what both changed (and how), and what only Copernica's copy changed. */
export function conflictDetail(original: Entity, server: Entity, changes: DocumentChanges, changedOnServer: string[]): string {
  const conflicts = findConflicts(original, server, changes);
  const lines: string[] = [];
  for (const c of conflicts.fields) {
    lines.push(vscode.l10n.t('Field "{0}": yours {1}, Copernica now has {2} (was {3}).', c.field, JSON.stringify(c.mine), JSON.stringify(c.server), JSON.stringify(c.original)));
  }
  if (conflicts.interests) lines.push(vscode.l10n.t('Interests: you and someone else both changed them.'));
  if (conflicts.secret) lines.push(vscode.l10n.t('Secret: you and someone else both changed it.'));
  if (conflicts.removed) lines.push(vscode.l10n.t('It was removed in Copernica.'));
  const both = new Set(conflicts.fields.map((c) => c.field));
  const others = changedOnServer.filter((name) => !both.has(name) && name !== 'modified' && name !== 'removed');
  if (others.length > 0) lines.push(vscode.l10n.t('Changed only in Copernica (kept as they are): {0}.', others.join(', ')));
  if (changedOnServer.includes('modified')) lines.push(vscode.l10n.t('Copernica reports a newer modification time ({0}).', server.modified));
  lines.push(vscode.l10n.t('Overwrite sends only the fields you changed. Compare shows Copernica\'s copy next to yours.'));
  return lines.join('\n');
}
