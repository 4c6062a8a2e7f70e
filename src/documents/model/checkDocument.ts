// checkDocument: everything that must be true of a profile/subprofile document before it is sent.
// The API accepts almost anything and quietly drops or converts it, so this is the only place a
// user's mistake can be caught.
import * as l10n from '@vscode/l10n';
import type { Node } from './jsonc';
import type { Profile, Subprofile } from '../../api/types';
import { checkFields } from './checkFields';
import { checkInterests } from './checkInterests';
import {
  type ReadOnlyKey,
  READ_ONLY_KEYS,
  checkReadOnly,
  checkSecret,
  reportUnknownKey,
} from './checkTopLevel';
import { type DraftProblem, parseDocumentText } from './syntax';
import { fieldMap, lineIndex } from './text';
import { type CheckContext, checkDuplicateKeys, properties, report, typeName } from './tree';
import type { CheckResult, DocumentSchema, ParsedDocument, Problem } from './types';

/** The server copy a document was opened from, parsed or as the API returned it. */
export type OriginalDocument = ParsedDocument | Profile | Subprofile;

/** The model's view of an entity as fetched (e.g. to pass as `original`, or to compare with). */
export function toParsedDocument(entity: OriginalDocument): ParsedDocument {
  if ('kind' in entity) return entity;
  const common = {
    fields: fieldMap(Object.entries(entity.fields)),
    secret: entity.secret,
    ID: entity.ID,
    created: entity.created,
    modified: entity.modified,
    removed: entity.removed,
  };
  if ('collection' in entity) {
    return {
      kind: 'subprofile',
      ...common,
      profile: entity.profile,
      collection: entity.collection,
    };
  }
  return {
    kind: 'profile',
    ...common,
    interests: [...entity.interests],
    database: entity.database,
  };
}

function checkTopLevel(ctx: CheckContext, root: Node): ParsedDocument {
  const { kind } = ctx.schema;
  const doc: ParsedDocument = { kind, fields: fieldMap() };
  const readOnly: readonly string[] = READ_ONLY_KEYS[kind];
  for (const { name, key, value } of properties(root)) {
    if (!value) continue;
    if (name === 'fields') doc.fields = checkFields(ctx, value);
    else if (name === 'interests' && kind === 'profile') doc.interests = checkInterests(ctx, value);
    else if (name === 'secret') {
      const secret = checkSecret(ctx, value);
      if (secret !== undefined) doc.secret = secret;
    } else if (readOnly.includes(name)) {
      const readOnlyKey = name as ReadOnlyKey;
      const kept = checkReadOnly(ctx, readOnlyKey, value);
      if (kept !== undefined) Object.assign(doc, { [readOnlyKey]: kept });
    } else reportUnknownKey(ctx, name, key);
  }
  return doc;
}

function warnIfRemoved(ctx: CheckContext, root: Node): void {
  const removed = ctx.original?.removed;
  if (typeof removed !== 'string' || removed === '') return;
  const key = properties(root).find((p) => p.name === 'removed')?.key;
  ctx.problems.push({
    severity: 'warning',
    code: 'removed-entity',
    message:
      ctx.schema.kind === 'profile'
        ? l10n.t(
            'This profile was removed on {0}; Copernica accepts changes to it, but they have no effect on mailings.',
            removed,
          )
        : l10n.t(
            'This subprofile was removed on {0}; Copernica accepts changes to it, but they have no effect on mailings.',
            removed,
          ),
    offset: key?.offset ?? 0,
    length: key?.length ?? 0,
  });
}

function noteSuppressed(ctx: CheckContext): void {
  const { errors, warnings } = ctx.suppressed;
  const count = errors + warnings;
  if (count === 0) return;
  ctx.problems.push({
    severity: errors > 0 ? 'error' : 'warning',
    code: 'too-many-problems',
    message:
      count === 1
        ? l10n.t('1 more problem is not shown; fix the ones shown first.')
        : l10n.t('{0} more problems are not shown; fix the ones shown first.', count),
    offset: 0,
    length: 0,
  });
}

function finish(
  text: string,
  drafts: DraftProblem[],
  at: (offset: number) => { line: number; column: number },
): Problem[] {
  return drafts
    .map((p) => ({ ...p, ...at(Math.min(p.offset, text.length)) }))
    .sort((a, b) => a.offset - b.offset);
}

/**
 * Checks `text` against the schema and, for an existing document, against the copy it was opened
 * from (read-only keys must not change). Never throws, whatever the text.
 */
export function checkDocument(
  text: string,
  schema: DocumentSchema,
  original?: OriginalDocument,
): CheckResult {
  const at = lineIndex(text);
  const position = (offset: number): string => {
    const { line, column } = at(offset);
    return l10n.t('line {0}, column {1}', line, column);
  };
  const syntax = parseDocumentText(text, position);
  const ctx: CheckContext = {
    text,
    schema,
    problems: syntax.problems,
    position,
    suppressed: { errors: syntax.suppressed, warnings: 0 },
    ...(original ? { original: toParsedDocument(original) } : {}),
  };
  let value: ParsedDocument | undefined;
  if (!syntax.fatal && syntax.root) value = checkRoot(ctx, syntax.root);
  noteSuppressed(ctx);
  const problems = finish(text, ctx.problems, at);
  const ok = value !== undefined && !problems.some((p) => p.severity === 'error');
  return { ok, problems, ...(ok && value ? { value } : {}) };
}

function checkRoot(ctx: CheckContext, root: Node): ParsedDocument | undefined {
  if (root.type !== 'object') {
    report(ctx, root, {
      code: 'not-object',
      message:
        ctx.schema.kind === 'profile'
          ? l10n.t(
              'A profile document must be a JSON object like {"fields": {…}}; found {0}.',
              typeName(root),
            )
          : l10n.t(
              'A subprofile document must be a JSON object like {"fields": {…}}; found {0}.',
              typeName(root),
            ),
    });
    return undefined;
  }
  checkDuplicateKeys(ctx, root);
  const doc = checkTopLevel(ctx, root);
  warnIfRemoved(ctx, root);
  return doc;
}
