// Checks the "fields" object: every name against the definitions, every value against its type.
// Copernica ignores unknown names and coerces bad values without a word, so both are refused here.
import * as l10n from '@vscode/l10n';
import type { Node } from './jsonc';
import type { Field } from '../../api/types';
import { type CheckContext, isFull, properties, report, scalarText, typeName } from './tree';
import { closest, didYouMean, fieldMap, ownValue, sameIgnoringCase, setEntry } from './text';
import { checkFieldValue, valueMessage } from './valueRules';

/**
 * A name the definitions lack, kept with the value the opened copy had: the server sent it, so it
 * is a field added in Copernica after the definitions were loaded. Unchanged, it is never sent
 * (only changed fields are), so it must not block the save; the user hears why it is not checked.
 */
function keptUnknownField(
  ctx: CheckContext,
  name: string,
  key: Node,
  node: Node | undefined,
): string | undefined {
  const before = ctx.original ? ownValue(ctx.original.fields, name) : undefined;
  const value = node ? scalarText(ctx.text, node) : undefined;
  if (before === undefined || value !== before) return undefined;
  report(ctx, key, {
    severity: 'warning',
    code: 'unknown-field',
    message:
      ctx.schema.kind === 'profile'
        ? l10n.t(
            'Field "{0}" is not in the definitions loaded for this database (it may have been added in Copernica since); it is kept as it is and not sent. Refresh to edit it.',
            name,
          )
        : l10n.t(
            'Field "{0}" is not in the definitions loaded for this collection (it may have been added in Copernica since); it is kept as it is and not sent. Refresh to edit it.',
            name,
          ),
    field: name,
  });
  return value;
}

function checkFieldName(
  ctx: CheckContext,
  byName: ReadonlyMap<string, Field>,
  name: string,
  key: Node,
): Field | undefined {
  const exact = byName.get(name);
  if (exact) return exact;
  if (isFull(ctx)) {
    report(ctx, key, { code: 'unknown-field', message: '', field: name });
    return undefined;
  }
  const names = [...byName.keys()];
  const cased = sameIgnoringCase(name, names);
  if (cased !== undefined) {
    report(ctx, key, {
      code: 'wrong-case',
      message:
        ctx.schema.kind === 'profile'
          ? l10n.t(
              'Field "{0}" is spelled "{1}" in this database; write the name exactly as defined.',
              name,
              cased,
            )
          : l10n.t(
              'Field "{0}" is spelled "{1}" in this collection; write the name exactly as defined.',
              name,
              cased,
            ),
      field: cased,
      suggestion: cased,
    });
    return undefined;
  }
  const near = closest(name, names);
  report(ctx, key, {
    code: 'unknown-field',
    message: didYouMean(
      ctx.schema.kind === 'profile'
        ? l10n.t(
            'Unknown field "{0}": this database has no such field, and Copernica would silently ignore it.',
            name,
          )
        : l10n.t(
            'Unknown field "{0}": this collection has no such field, and Copernica would silently ignore it.',
            name,
          ),
      near,
    ),
    field: name,
    ...(near !== undefined ? { suggestion: near } : {}),
  });
  return undefined;
}

function checkValue(ctx: CheckContext, field: Field, node: Node): string | undefined {
  const value = scalarText(ctx.text, node);
  if (value === undefined) {
    report(ctx, node, {
      code: 'wrong-type',
      message: l10n.t({
        message:
          'Field "{0}" ({1}): {2} is not allowed. Expected a string (or a number), e.g. "John" or "42".',
        args: [field.name, field.type, typeName(node)],
        comment: ['{0} field name, {1} field type, {2} what was found, such as "an array"'],
      }),
      field: field.name,
    });
    return undefined;
  }
  const verdict = checkFieldValue(field, value, { suggest: !isFull(ctx) });
  if (!verdict) return value;
  report(ctx, node, {
    severity: verdict.severity,
    code: verdict.code,
    message: valueMessage(field, value, verdict),
    field: field.name,
    ...(verdict.suggestion !== undefined ? { suggestion: verdict.suggestion } : {}),
  });
  return verdict.severity === 'warning' ? value : undefined;
}

/** Checks the value of the top-level "fields" key; returns the fields it could read. */
export function checkFields(ctx: CheckContext, node: Node): Record<string, string> {
  const result = fieldMap();
  if (node.type !== 'object') {
    report(ctx, node, {
      code: 'not-object',
      message: l10n.t(
        '"fields" must be an object of field names and values, like {"firstname": "John"}; found {0}.',
        typeName(node),
      ),
    });
    return result;
  }
  // Definitions may (wrongly) repeat a name; the first one wins, as in serialization.
  const byName = new Map<string, Field>();
  for (const field of ctx.schema.fields) if (!byName.has(field.name)) byName.set(field.name, field);
  for (const { name, key, value } of properties(node)) {
    const kept = byName.has(name) ? undefined : keptUnknownField(ctx, name, key, value);
    if (kept !== undefined) {
      setEntry(result, name, kept);
      continue;
    }
    const field = checkFieldName(ctx, byName, name, key);
    if (!field || !value) continue;
    const text = checkValue(ctx, field, value);
    if (text !== undefined) setEntry(result, field.name, text);
  }
  return result;
}
