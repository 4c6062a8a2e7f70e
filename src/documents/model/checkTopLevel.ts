// Checks the top-level keys other than "fields" and "interests": read-only keys that Copernica
// sets itself, the secret, and keys that Copernica would silently ignore.
import type { Node } from './jsonc';
import { type CheckContext, report, scalarText, typeName } from './tree';
import { closest, findControlCharacter, hex, sameIgnoringCase } from './text';
import type { DocumentKind } from './types';

export type ReadOnlyKey = 'ID' | 'database' | 'profile' | 'collection' | 'created' | 'modified' | 'removed';

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
  return value === undefined ? 'absent' : JSON.stringify(value);
}

/**
 * A read-only key may stay as it was (or be left out); in a new document it must be absent or
 * empty. Returns the document's value when acceptable.
 */
export function checkReadOnly(ctx: CheckContext, key: ReadOnlyKey, node: Node): string | false | undefined {
  const value = readOnlyValue(ctx, node);
  const before = ctx.original?.[key];
  const unchanged = before === undefined ? value === '' || value === false : value === before;
  if (unchanged) return value;
  const now = value === undefined ? typeName(node) : JSON.stringify(value);
  const message = before === undefined
    ? `"${key}" is read-only: Copernica sets it when the ${ctx.schema.kind} is created. Remove it from a new ${ctx.schema.kind}.`
    : `"${key}" is read-only and cannot be changed (it was ${shown(before)}, now ${now}). Change it back or remove the edit.`;
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
    report(ctx, node, { code: 'wrong-type', message: `"secret" must be a string; found ${typeName(node)}.`, field: 'secret' });
    return undefined;
  }
  const secret = String(node.value);
  const control = findControlCharacter(secret, false);
  if (control >= 0) {
    report(ctx, node, {
      code: 'control-character',
      message: `"secret" contains a control character (${hex(secret.charCodeAt(control))}) at position ${control + 1}; remove it.`,
      field: 'secret',
    });
    return undefined;
  }
  const nonAscii = Array.from(secret).find((c) => c.charCodeAt(0) > 0x7e);
  if (nonAscii !== undefined) {
    report(ctx, node, {
      severity: 'warning',
      code: 'non-ascii-secret',
      message: `"secret" contains a non-ASCII character ("${nonAscii}"); Copernica will store each such character as "?".`,
      field: 'secret',
    });
  }
  return secret;
}

/** A key that is not part of this kind of document. */
export function reportUnknownKey(ctx: CheckContext, name: string, key: Node): void {
  const { kind, fields } = ctx.schema;
  const allowed = TOP_LEVEL_KEYS[kind];
  const cased = sameIgnoringCase(name, allowed);
  const isField = fields.some((f) => f.name.toLowerCase() === name.toLowerCase());
  let message: string;
  let suggestion: string | undefined;
  if (cased !== undefined) {
    message = `Top-level keys are case-sensitive: Copernica would ignore "${name}". Write "${cased}".`;
    suggestion = cased;
  } else if (kind === 'subprofile' && name === 'interests') {
    message = 'Subprofiles have no interests; remove "interests".';
  } else if (isField) {
    message = `"${name}" is a field: put it inside "fields", like {"fields": {"${name}": …}}.`;
  } else {
    suggestion = closest(name, allowed);
    message = `Unknown key "${name}": a ${kind} document has only ${allowed.map((k) => `"${k}"`).join(', ')}; ` +
      'Copernica would silently ignore it.' + (suggestion !== undefined ? ` Did you mean "${suggestion}"?` : '');
  }
  report(ctx, key, {
    code: cased !== undefined ? 'wrong-case' : 'unknown-key',
    message,
    field: name,
    ...(suggestion !== undefined ? { suggestion } : {}),
  });
}
