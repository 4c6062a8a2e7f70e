// Field input coercion (README.md §5.3): the API almost never rejects a value, it casts it
// with PHP semantics. Every stored value is a string, as the API returns it.
import { formatWall, parseDate } from './dates';
import type { FieldDef } from './model';

const NUMERIC_PREFIX = /^[ \t\n\r\v\f]*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/;

/** PHP's float cast: leading whitespace, then the longest numeric prefix, else 0. */
export function phpFloat(input: unknown): number {
  if (typeof input === 'number') return Number.isFinite(input) ? input : 0;
  if (typeof input === 'boolean') return input ? 1 : 0;
  if (typeof input === 'string') {
    const m = NUMERIC_PREFIX.exec(input);
    return m?.[1] ? Number(m[1]) : 0;
  }
  if (Array.isArray(input)) return input.length > 0 ? 1 : 0;
  // A JSON object is a PHP array after json_decode.
  if (input !== null && typeof input === 'object') return Object.keys(input).length > 0 ? 1 : 0;
  return 0;
}

/** PHP's int cast (truncates toward zero). */
export function phpInt(input: unknown): number {
  const n = Math.trunc(phpFloat(input));
  return Object.is(n, -0) ? 0 : n;
}

/** PHP prints floats with 14 significant digits. */
export function phpFloatString(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(14)));
}

/** PHP's string cast of a JSON scalar; arrays/objects become "" (§5.3, text). */
export function phpString(input: unknown): string {
  if (typeof input === 'string') return input;
  if (typeof input === 'number') return phpFloatString(input);
  if (typeof input === 'boolean') return input ? '1' : '';
  return '';
}

/** PHP truthiness, used for interest flags such as `{"football": 1, "hockey": "0"}`. */
export function phpTruthy(input: unknown): boolean {
  if (typeof input === 'string') return input !== '' && input !== '0';
  if (typeof input === 'number') return input !== 0;
  if (Array.isArray(input)) return input.length > 0;
  if (input !== null && typeof input === 'object') return Object.keys(input).length > 0;
  return input === true;
}

export function emptyValue(type: string): string {
  if (type === 'date') return '0000-00-00';
  if (type === 'datetime') return '0000-00-00 00:00:00';
  return '';
}

function coerceDate(type: string, input: unknown): string {
  // Bools, arrays and bare unix timestamps (numbers or digit strings) give the empty value.
  if (typeof input !== 'string' || /^\s*\d+\s*$/.test(input) || input.startsWith('0000-00-00')) {
    return emptyValue(type);
  }
  const parsed = parseDate(input);
  if (parsed === undefined) return emptyValue(type);
  if (parsed === 'negative')
    return type.endsWith('datetime') ? '0000-00-00 00:00:00' : '0000-00-00';
  const text = formatWall(parsed);
  return type.endsWith('datetime') ? text : text.slice(0, 10);
}

export function coerceValue(field: FieldDef, input: unknown): string {
  switch (field.type) {
    case 'integer':
    case 'foreign_key':
      return String(phpInt(input));
    case 'float':
      return phpFloatString(phpFloat(input));
    case 'date':
    case 'empty_date':
    case 'datetime':
    case 'empty_datetime':
      return coerceDate(field.type, input);
    case 'select': {
      const text = phpString(input);
      return field.choices.includes(text) ? text : '';
    }
    default:
      // text, email, phone*, big: no trimming, no validation.
      return phpString(input);
  }
}

/** `secret` on PUT (§5.3): non-ASCII becomes `?`, non-scalar becomes "1". */
export function coerceSecret(input: unknown): string {
  if (input !== null && typeof input === 'object') return '1';
  return phpString(input).replace(/[^\p{ASCII}]/gu, '?');
}
