// Which profile a row means: the values of the key fields, compared as Copernica compares them —
// numbers as numbers, text without regard to case or surrounding spaces (its MySQL collation).
import type { Field } from '../api/types';

const NUMERIC = new Set(['integer', 'float', 'foreign_key']);
const SEPARATOR = '\u0000';

export type KeyFn = (value: (field: string) => string | undefined) => string | undefined;

/** A function from a row's (or profile's) values to its key; undefined when a key value is empty. */
export function keyFunction(keyFields: readonly string[], fields: readonly Field[]): KeyFn {
  const types = new Map(fields.map((f) => [f.name, f.type]));
  return (value) => {
    const parts: string[] = [];
    for (const name of keyFields) {
      const raw = (value(name) ?? '').trim();
      if (raw === '') return undefined;
      const numeric =
        NUMERIC.has(types.get(name) ?? '') && raw !== '' && Number.isFinite(Number(raw));
      parts.push(numeric ? String(Number(raw)) : raw.toLowerCase());
    }
    return parts.join(SEPARATOR);
  };
}

/** "email=ada@example.com, customerid=4001" for the report. */
export function describeKey(
  keyFields: readonly string[],
  value: (field: string) => string | undefined,
): string {
  return keyFields.map((f) => `${f}=${value(f) ?? ''}`).join(', ');
}
