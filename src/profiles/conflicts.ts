// Someone else's edits against this save's own: what changed in Copernica since a document was
// opened, what this save still has to send, and the words of the question when both changed.
import * as l10n from '@vscode/l10n';
import {
  type DocumentChanges,
  type ParsedDocument,
  findConflicts,
  sameSet,
} from '../documents/model';
import { type Entity, kindOf } from './kinds';
import type { PartialWrite } from './records';

/** The interests that are set: a subprofile has none. */
function interestsOf(entity: Entity): string[] {
  return kindOf(entity).interestsOf(entity) ?? [];
}

/**
 * What someone else changed in Copernica since the document was opened. A value that already is
 * what this save sends is not someone else's change: it is this save's own earlier write whose
 * answer was lost (a timeout), or what a failed save half-wrote (`written`).
 */
export function serverChanges(
  original: Entity,
  server: Entity,
  edited: ParsedDocument,
  written?: PartialWrite,
): string[] {
  const changed: string[] = [];
  let ours = written !== undefined;
  const names = new Set([...Object.keys(original.fields), ...Object.keys(server.fields)]);
  for (const name of names) {
    const now = server.fields[name] ?? '';
    if ((original.fields[name] ?? '') === now) continue;
    if (written?.fields.has(name) || edited.fields[name] === now) ours = true;
    else changed.push(name);
  }
  if (!sameSet(interestsOf(original), interestsOf(server))) {
    if (written?.interests || (edited.interests && sameSet(edited.interests, interestsOf(server))))
      ours = true;
    else changed.push('interests');
  }
  if (original.secret !== server.secret) {
    if (written?.secret || edited.secret === server.secret) ours = true;
    else changed.push('secret');
  }
  if (original.removed !== server.removed) changed.push('removed');
  // A new `modified` alone means a change we cannot see (e.g. a value changed and changed back) — unless we wrote.
  if (!ours && changed.length === 0 && original.modified !== server.modified)
    changed.push('modified');
  return changed;
}

/** The changes minus what Copernica already holds (e.g. a write whose answer was lost): never written twice. */
export function stillToWrite(changes: DocumentChanges, server: Entity): DocumentChanges {
  const fields = Object.fromEntries(
    Object.entries(changes.fields).filter(([name, value]) => server.fields[name] !== value),
  );
  const interestsChanged =
    changes.interestsChanged && !sameSet(changes.interests ?? [], interestsOf(server));
  const secret =
    changes.secret !== undefined && changes.secret !== server.secret ? changes.secret : undefined;
  return {
    fields,
    interestsChanged,
    ...(interestsChanged ? { interests: changes.interests ?? [] } : {}),
    ...(secret !== undefined ? { secret } : {}),
    empty: Object.keys(fields).length === 0 && !interestsChanged && secret === undefined,
  };
}

/** The question's detail: what both changed (and how), and what only Copernica's copy changed. */
export function conflictDetail(
  original: Entity,
  server: Entity,
  changes: DocumentChanges,
  changedOnServer: string[],
): string {
  const conflicts = findConflicts(original, server, changes);
  const lines: string[] = [];
  for (const c of conflicts.fields) {
    lines.push(
      l10n.t(
        'Field "{0}": yours {1}, Copernica now has {2} (was {3}).',
        c.field,
        JSON.stringify(c.mine),
        JSON.stringify(c.server),
        JSON.stringify(c.original),
      ),
    );
  }
  if (conflicts.interests) lines.push(l10n.t('Interests: you and someone else both changed them.'));
  if (conflicts.secret) lines.push(l10n.t('Secret: you and someone else both changed it.'));
  if (conflicts.removed) lines.push(l10n.t('It was removed in Copernica.'));
  const both = new Set(conflicts.fields.map((c) => c.field));
  const others = changedOnServer.filter(
    (name) => !both.has(name) && name !== 'modified' && name !== 'removed',
  );
  if (others.length > 0)
    lines.push(l10n.t('Changed only in Copernica (kept as they are): {0}.', others.join(', ')));
  if (changedOnServer.includes('modified'))
    lines.push(l10n.t('Copernica reports a newer modification time ({0}).', server.modified));
  lines.push(
    l10n.t(
      "Overwrite sends only the fields you changed. Compare shows Copernica's copy next to yours.",
    ),
  );
  return lines.join('\n');
}
