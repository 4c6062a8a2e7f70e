// Checks one field value (already a string) against its field type. Copernica coerces every bad
// value silently (copernica-api.md §5.3), so each rule refuses what would be changed on the way in.
import type { Field } from '../../api/types';
import {
  DATE_PATTERN, DATETIME_PATTERN, ZERO_DATE, ZERO_DATETIME, impossibleDateTime,
} from './dates';
import { MAX_INTEGER, MIN_INTEGER, maxLength, selectChoices } from './fieldTypes';
import type { ProblemCode, ProblemSeverity } from './types';
import { charLength, closest, findControlCharacter, findLoneSurrogate, hex, quote } from './text';

export interface ValueVerdict {
  severity: ProblemSeverity;
  code: ProblemCode;
  /** What is wrong, following the quoted value: "is not a whole number". */
  reason: string;
  /** What would be accepted: "Expected digits like 42." */
  expected: string;
  suggestion?: string;
}

type Rule = (value: string, field: Field) => ValueVerdict | undefined;

function bad(reason: string, expected: string, suggestion?: string): ValueVerdict {
  return { severity: 'error', code: 'bad-value', reason, expected, ...(suggestion !== undefined ? { suggestion } : {}) };
}

const INTEGER_EXPECTED = 'Expected digits like 42, optionally with a minus sign.';

const integerRule: Rule = (value) => {
  if (value === '') return bad('is empty', 'Expected a whole number like 42 (Copernica would store 0).', '0');
  const trimmed = value.trim();
  if (trimmed !== value && /^[+-]?\d+$/.test(trimmed)) return bad('has spaces around it', INTEGER_EXPECTED, trimmed);
  if (/^[+-]?\d+[.,]\d+$/.test(value)) return bad('is not a whole number (it has decimals)', INTEGER_EXPECTED);
  if (!/^[+-]?\d+$/.test(value)) return bad('is not a whole number', INTEGER_EXPECTED);
  const n = BigInt(value);
  if (n < BigInt(MIN_INTEGER) || n > BigInt(MAX_INTEGER)) {
    return { ...bad('is out of range', `Expected a whole number from ${MIN_INTEGER} to ${MAX_INTEGER}.`), code: 'out-of-range' };
  }
  return undefined;
};

const FLOAT_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FLOAT_EXPECTED = 'Expected a number like 2.5, with a dot for decimals.';

const floatRule: Rule = (value) => {
  if (value === '') return bad('is empty', 'Expected a number like 2.5 (Copernica would store 0).', '0');
  if (/^[+-]?\d+,\d+$/.test(value)) return bad('uses a decimal comma', FLOAT_EXPECTED, value.replace(',', '.'));
  if (!FLOAT_PATTERN.test(value)) return bad('is not a decimal number', FLOAT_EXPECTED);
  if (!Number.isFinite(Number(value))) {
    return { ...bad('is too large', 'Expected a finite number.'), code: 'out-of-range' };
  }
  return undefined;
};

function dateRule(withTime: boolean, optional: boolean): Rule {
  const zero = withTime ? ZERO_DATETIME : ZERO_DATE;
  const form = withTime ? 'YYYY-MM-DD hh:mm:ss' : 'YYYY-MM-DD';
  const example = withTime ? '2024-03-15 14:30:00' : '2024-03-15';
  const expected = `Expected a ${withTime ? 'date and time' : 'date'} like ${example}` +
    (optional ? ', or "" for none.' : `, or ${zero} for none.`);
  const pattern = withTime ? DATETIME_PATTERN : DATE_PATTERN;
  return (value) => {
    if (value === '') return optional ? undefined : bad('is empty', expected, zero);
    // The API turns the zero date into "" for optional fields: refuse it so nothing changes unseen.
    if (value === zero) return optional ? bad('is the zero date', expected, '') : undefined;
    if (withTime && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) {
      return bad('has a "T" between date and time', expected, value.replace('T', ' '));
    }
    if (!withTime && DATETIME_PATTERN.test(value)) return bad('has a time, but this field holds only a date', expected, value.slice(0, 10));
    if (!pattern.test(value)) return bad(`is not in the form ${form}`, expected);
    const why = impossibleDateTime(value);
    return why === undefined ? undefined : bad(`is not a real ${withTime ? 'date and time' : 'date'} (${why})`, expected);
  };
}

const selectRule: Rule = (value, field) => {
  const { choices } = selectChoices(field);
  if (value === '' || choices.includes(value)) return undefined;
  const listed = choices.slice(0, 10).map((c) => quote(c)).join(', ') + (choices.length > 10 ? ', …' : '');
  const expected = choices.length === 0
    ? 'Expected "" (the field has no choices).'
    : `Expected one of ${listed}, or "" for none (choices are case-sensitive).`;
  const suggestion = choices.find((c) => c.toLowerCase() === value.trim().toLowerCase()) ?? closest(value, choices);
  return bad('is not one of the choices', expected, suggestion);
};

const emailRule: Rule = (value) => {
  if (value === '' || /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value)) return undefined;
  return {
    severity: 'warning',
    code: 'suspicious-email',
    reason: 'does not look like an email address',
    expected: 'Expected something like name@example.com; Copernica will store it as it is.',
  };
};

const foreignKeyRule: Rule = (value) =>
  /^\d*$/.test(value) ? undefined : bad('is not a profile ID', 'Expected digits like 18381, or "" for none.');

const TYPE_RULES: Record<string, Rule> = {
  integer: integerRule,
  float: floatRule,
  date: dateRule(false, false),
  empty_date: dateRule(false, true),
  datetime: dateRule(true, false),
  empty_datetime: dateRule(true, true),
  select: selectRule,
  email: emailRule,
  foreign_key: foreignKeyRule,
};

/** Free text may span lines; every other type is a single token where even a tab is a mistake. */
const MULTILINE_TYPES = new Set(['text', 'big']);

function characterRule(value: string, field: Field): ValueVerdict | undefined {
  const control = findControlCharacter(value, MULTILINE_TYPES.has(field.type));
  if (control >= 0) {
    return {
      severity: 'error',
      code: 'control-character',
      reason: `contains a control character (${hex(value.charCodeAt(control))}) at position ${control + 1}`,
      expected: 'Remove it: Copernica would store it invisibly.',
    };
  }
  const surrogate = findLoneSurrogate(value);
  if (surrogate < 0) return undefined;
  return bad(`contains a broken character (a lone ${hex(value.charCodeAt(surrogate))}) at position ${surrogate + 1}`,
    'Remove it or write the whole character.');
}

function lengthRule(value: string, field: Field): ValueVerdict | undefined {
  const limit = maxLength(field);
  if (limit === undefined || value.length <= limit) return undefined;
  const length = charLength(value);
  if (length <= limit) return undefined;
  return {
    ...bad(`is too long (${length} characters)`, `Expected at most ${limit} characters; Copernica would cut off the rest.`),
    code: 'too-long',
  };
}

/** The first problem with `value` for `field`, or undefined when Copernica would store it unchanged. */
export function checkFieldValue(field: Field, value: string): ValueVerdict | undefined {
  return characterRule(value, field) ?? lengthRule(value, field) ?? TYPE_RULES[field.type]?.(value, field);
}

/** The full message, e.g. `Field "age" (integer): "abc" is not a whole number. Expected digits like 42.` */
export function valueMessage(field: Field, value: string, verdict: ValueVerdict): string {
  return `Field "${field.name}" (${field.type}): ${quote(value)} ${verdict.reason}. ${verdict.expected}`;
}
