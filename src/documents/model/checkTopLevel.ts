// Checks the top-level keys other than "fields" and "interests": read-only keys that Copernica
// sets itself, the secret, and keys that Copernica would silently ignore.
import * as l10n from '@vscode/l10n';
import type { Node } from './jsonc';
import { type CheckContext, isFull, report, scalarText, typeName } from './tree';
import { closest, didYouMean, findControlCharacter, hex, sameIgnoringCase } from './text';
import type { DocumentKind } from './types';

export type ReadOnlyKey =
  'ID' | 'database' | 'profile' | 'collection' | 'created' | 'modified' | 'removed';

export const READ_ONLY_KEYS: Record<DocumentKind, readonly ReadOnlyKey[]> = {
  profile: ['ID', 'database', 'created', 'modified', 'removed'],
  subprofile: ['ID', 'profile', 'collection', 'created', 'modified', 'removed'],
};

export const TOP_LEVEL_KEYS: Record<DocumentKind, readonly string[]> = {
  profile: ['ID', 'fields', 'interests', 'database', 'secret', 'created', 'modified', 'removed'],
  subprofile: ['ID', 'fields', 'profile', 'collection', 'secret', 'created', 'modified', 'removed'],
};

/** The read-only value as the document has it: a string, or false for "removed"; else undefined. */
function readOnlyValue(ctx: CheckContext, node: Node): string | false | undefined {
  if (node.type === 'boolean' && node.value === false) return false;
  return scalarText(ctx.text, node);
}

function shown(value: string | false | undefined): string {
  return value === undefined
    ? l10n.t({ message: 'absent', comment: ['A read-only key that was not in the document'] })
    : JSON.stringify(value);
}

function newDocumentMessage(ctx: CheckContext, key: ReadOnlyKey): string {
  return ctx.schema.kind === 'profile'
    ? l10n.t(
        '"{0}" is read-only: Copernica sets it when the profile is created. Remove it from a new profile.',
        key,
      )
    : l10n.t(
        '"{0}" is read-only: Copernica sets it when the subprofile is created. Remove it from a new subprofile.',
        key,
      );
}

/**
 * A read-only key may stay as it was (or be left out); in a new document it must be absent or
 * empty. Returns the document's value when acceptable.
 */
export function checkReadOnly(
  ctx: CheckContext,
  key: ReadOnlyKey,
  node: Node,
): string | false | undefined {
  const value = readOnlyValue(ctx, node);
  const before = ctx.original?.[key];
  const unchanged = before === undefined ? value === '' || value === false : value === before;
  if (unchanged) return value;
  const now = value === undefined ? typeName(node) : JSON.stringify(value);
  const message =
    before === undefined
      ? newDocumentMessage(ctx, key)
      : l10n.t(
          '"{0}" is read-only and cannot be changed (it was {1}, now {2}). Change it back or remove the edit.',
          key,
          shown(before),
          now,
        );
  report(ctx, node, {
    code: 'read-only',
    message,
    field: key,
    ...(before !== undefined ? { suggestion: String(before) } : {}),
  });
  return undefined;
}

/** The secret: a plain string; the API turns every non-ASCII character into "?". */
export function checkSecret(ctx: CheckContext, node: Node): string | undefined {
  if (node.type !== 'string') {
    report(ctx, node, {
      code: 'wrong-type',
      message: l10n.t('"secret" must be a string; found {0}.', typeName(node)),
      field: 'secret',
    });
    return undefined;
  }
  const secret = String(node.value);
  const control = findControlCharacter(secret, false);
  if (control >= 0) {
    report(ctx, node, {
      code: 'control-character',
      message: l10n.t(
        '"secret" contains a control character ({0}) at position {1}; remove it.',
        hex(secret.charCodeAt(control)),
        control + 1,
      ),
      field: 'secret',
    });
    return undefined;
  }
  const nonAscii = Array.from(secret).find((c) => c.charCodeAt(0) > 0x7e);
  if (nonAscii !== undefined) {
    report(ctx, node, {
      severity: 'warning',
      code: 'non-ascii-secret',
      message: l10n.t(
        '"secret" contains a non-ASCII character ("{0}"); Copernica will store each such character as "?".',
        nonAscii,
      ),
      field: 'secret',
    });
  }
  return secret;
}

/** A key that is not part of this kind of document. */
export function reportUnknownKey(ctx: CheckContext, name: string, key: Node): void {
  if (isFull(ctx)) {
    // Only counted: no need to compare the name with every field for a message nobody sees.
    report(ctx, key, { code: 'unknown-key', message: '' });
    return;
  }
  const { kind, fields } = ctx.schema;
  const allowed = TOP_LEVEL_KEYS[kind];
  const cased = sameIgnoringCase(name, allowed);
  const isField = fields.some((f) => f.name.toLowerCase() === name.toLowerCase());
  let message: string;
  let suggestion: string | undefined;
  if (cased !== undefined) {
    message = l10n.t(
      'Top-level keys are case-sensitive: Copernica would ignore "{0}". Write "{1}".',
      name,
      cased,
    );
    suggestion = cased;
  } else if (kind === 'subprofile' && name === 'interests') {
    message = l10n.t('Subprofiles have no interests; remove "interests".');
  } else if (isField) {
    // The example goes in as an argument: a {0} nested inside literal braces would not be replaced.
    message = l10n.t(
      '"{0}" is a field: put it inside "fields", like {1}.',
      name,
      `{"fields": {"${name}": …}}`,
    );
  } else {
    suggestion = closest(name, allowed);
    const keys = allowed.map((k) => `"${k}"`).join(', ');
    message = didYouMean(
      kind === 'profile'
        ? l10n.t(
            'Unknown key "{0}": a profile document has only {1}; Copernica would silently ignore it.',
            name,
            keys,
          )
        : l10n.t(
            'Unknown key "{0}": a subprofile document has only {1}; Copernica would silently ignore it.',
            name,
            keys,
          ),
      suggestion,
    );
  }
  report(ctx, key, {
    code: cased !== undefined ? 'wrong-case' : 'unknown-key',
    message,
    field: name,
    ...(suggestion !== undefined ? { suggestion } : {}),
  });
}
