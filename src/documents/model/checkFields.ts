// Checks the "fields" object: every name against the definitions, every value against its type.
// Copernica ignores unknown names and coerces bad values without a word, so both are refused here.
import type { Node } from './jsonc';
import type { Field } from '../../api/types';
import { type CheckContext, isFull, properties, report, scalarText, typeName } from './tree';
import { closest, sameIgnoringCase, setEntry } from './text';
import { checkFieldValue, valueMessage } from './valueRules';

function checkFieldName(ctx: CheckContext, byName: ReadonlyMap<string, Field>, name: string, key: Node): Field | undefined {
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
      message: `Field "${name}" is spelled "${cased}" in this ${where(ctx)}; write the name exactly as defined.`,
      field: cased,
      suggestion: cased,
    });
    return undefined;
  }
  const near = closest(name, names);
  report(ctx, key, {
    code: 'unknown-field',
    message: `Unknown field "${name}": this ${where(ctx)} has no such field, and Copernica would silently ignore it.` +
      (near !== undefined ? ` Did you mean "${near}"?` : ''),
    field: name,
    ...(near !== undefined ? { suggestion: near } : {}),
  });
  return undefined;
}

function where(ctx: CheckContext): string {
  return ctx.schema.kind === 'profile' ? 'database' : 'collection';
}

function checkValue(ctx: CheckContext, field: Field, node: Node): string | undefined {
  const value = scalarText(ctx.text, node);
  if (value === undefined) {
    report(ctx, node, {
      code: 'wrong-type',
      message: `Field "${field.name}" (${field.type}): ${typeName(node)} is not allowed. ` +
        'Expected a string (or a number), e.g. "John" or "42".',
      field: field.name,
    });
    return undefined;
  }
  const verdict = checkFieldValue(field, value);
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
  const result: Record<string, string> = {};
  if (node.type !== 'object') {
    report(ctx, node, {
      code: 'not-object',
      message: `"fields" must be an object of field names and values, like {"firstname": "John"}; found ${typeName(node)}.`,
    });
    return result;
  }
  // Definitions may (wrongly) repeat a name; the first one wins, as in serialization.
  const byName = new Map<string, Field>();
  for (const field of ctx.schema.fields) if (!byName.has(field.name)) byName.set(field.name, field);
  for (const { name, key, value } of properties(node)) {
    const field = checkFieldName(ctx, byName, name, key);
    if (!field || !value) continue;
    const text = checkValue(ctx, field, value);
    if (text !== undefined) setEntry(result, field.name, text);
  }
  return result;
}
