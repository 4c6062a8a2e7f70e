// Checks one field value (already a string) against its field type. Copernica coerces every bad
// value silently (test/simulator/README.md §5.3), so each rule refuses what would be changed on the way in.
import * as l10n from '@vscode/l10n';
import type { Field } from '../../api/types';
import {
  DATE_PATTERN,
  DATETIME_PATTERN,
  ZERO_DATE,
  ZERO_DATETIME,
  impossibleDateTime,
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

export interface CheckOptions {
  /**
   * False when no "did you mean" is wanted (the problem will only be counted): finding the
   * closest of many choices is the costly part of a bad value.
   */
  suggest?: boolean;
}

type Rule = (value: string, field: Field, options: CheckOptions) => ValueVerdict | undefined;

function bad(reason: string, expected: string, suggestion?: string): ValueVerdict {
  return {
    severity: 'error',
    code: 'bad-value',
    reason,
    expected,
    ...(suggestion !== undefined ? { suggestion } : {}),
  };
}

// Messages are looked up when a value is checked, never at load time: the translations are
// configured after the modules load. A reason follows the quoted value ("abc" is not a whole number).
function isEmpty(): string {
  return l10n.t({ message: 'is empty', comment: ['Follows a quoted field value: "" is empty'] });
}

function integerExpected(): string {
  return l10n.t('Expected digits like 42, optionally with a minus sign.');
}

const integerRule: Rule = (value) => {
  if (value === '')
    return bad(
      isEmpty(),
      l10n.t('Expected a whole number like 42 (Copernica would store 0).'),
      '0',
    );
  const trimmed = value.trim();
  if (trimmed !== value && /^[+-]?\d+$/.test(trimmed))
    return bad(l10n.t('has spaces around it'), integerExpected(), trimmed);
  if (/^[+-]?\d+[.,]\d+$/.test(value))
    return bad(l10n.t('is not a whole number (it has decimals)'), integerExpected());
  if (!/^[+-]?\d+$/.test(value)) return bad(l10n.t('is not a whole number'), integerExpected());
  const n = BigInt(value);
  if (n < BigInt(MIN_INTEGER) || n > BigInt(MAX_INTEGER)) {
    const expected = l10n.t('Expected a whole number from {0} to {1}.', MIN_INTEGER, MAX_INTEGER);
    return { ...bad(l10n.t('is out of range'), expected), code: 'out-of-range' };
  }
  return undefined;
};

const FLOAT_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function floatExpected(): string {
  return l10n.t('Expected a number like 2.5, with a dot for decimals.');
}

const floatRule: Rule = (value) => {
  if (value === '')
    return bad(isEmpty(), l10n.t('Expected a number like 2.5 (Copernica would store 0).'), '0');
  if (/^[+-]?\d+,\d+$/.test(value))
    return bad(l10n.t('uses a decimal comma'), floatExpected(), value.replace(',', '.'));
  if (!FLOAT_PATTERN.test(value)) return bad(l10n.t('is not a decimal number'), floatExpected());
  if (!Number.isFinite(Number(value))) {
    return {
      ...bad(l10n.t('is too large'), l10n.t('Expected a finite number.')),
      code: 'out-of-range',
    };
  }
  return undefined;
};

function dateExpected(withTime: boolean, optional: boolean): string {
  if (withTime) {
    return optional
      ? l10n.t('Expected a date and time like {0}, or "" for none.', '2024-03-15 14:30:00')
      : l10n.t(
          'Expected a date and time like {0}, or {1} for none.',
          '2024-03-15 14:30:00',
          ZERO_DATETIME,
        );
  }
  return optional
    ? l10n.t('Expected a date like {0}, or "" for none.', '2024-03-15')
    : l10n.t('Expected a date like {0}, or {1} for none.', '2024-03-15', ZERO_DATE);
}

function notReal(withTime: boolean, why: string): string {
  return withTime
    ? l10n.t('is not a real date and time ({0})', why)
    : l10n.t('is not a real date ({0})', why);
}

function dateRule(withTime: boolean, optional: boolean): Rule {
  const zero = withTime ? ZERO_DATETIME : ZERO_DATE;
  const form = withTime ? 'YYYY-MM-DD hh:mm:ss' : 'YYYY-MM-DD';
  const pattern = withTime ? DATETIME_PATTERN : DATE_PATTERN;
  return (value) => {
    const expected = (): string => dateExpected(withTime, optional);
    if (value === '') return optional ? undefined : bad(isEmpty(), expected(), zero);
    // The API turns the zero date into "" for optional fields: refuse it so nothing changes unseen.
    if (value === zero)
      return optional ? bad(l10n.t('is the zero date'), expected(), '') : undefined;
    if (withTime && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) {
      return bad(l10n.t('has a "T" between date and time'), expected(), value.replace('T', ' '));
    }
    if (!withTime && DATETIME_PATTERN.test(value)) {
      return bad(
        l10n.t('has a time, but this field holds only a date'),
        expected(),
        value.slice(0, 10),
      );
    }
    if (!pattern.test(value)) return bad(l10n.t('is not in the form {0}', form), expected());
    const why = impossibleDateTime(value);
    return why === undefined ? undefined : bad(notReal(withTime, why), expected());
  };
}

/**
 * The choices of each select definition, read once. A document may repeat one select key
 * thousands of times (duplicate keys are reported, but each value is still checked): its choices
 * are not split and compared anew per value. Definitions are never changed in place (a reload
 * makes new objects), so the definition itself is the key.
 */
const choicesByField = new WeakMap<
  Field,
  { choices: readonly string[]; set: ReadonlySet<string> }
>();

function choicesOf(field: Field): { choices: readonly string[]; set: ReadonlySet<string> } {
  let known = choicesByField.get(field);
  if (!known) {
    const { choices } = selectChoices(field);
    known = { choices, set: new Set(choices) };
    choicesByField.set(field, known);
  }
  return known;
}

const selectRule: Rule = (value, field, options) => {
  const { choices, set } = choicesOf(field);
  if (value === '' || set.has(value)) return undefined;
  const listed =
    choices
      .slice(0, 10)
      .map((c) => quote(c))
      .join(', ') + (choices.length > 10 ? ', …' : '');
  const expected =
    choices.length === 0
      ? l10n.t('Expected "" (the field has no choices).')
      : l10n.t('Expected one of {0}, or "" for none (choices are case-sensitive).', listed);
  if (options.suggest === false) return bad(l10n.t('is not one of the choices'), expected);
  const suggestion =
    choices.find((c) => c.toLowerCase() === value.trim().toLowerCase()) ?? closest(value, choices);
  return bad(l10n.t('is not one of the choices'), expected, suggestion);
};

const emailRule: Rule = (value) => {
  if (value === '' || /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value)) return undefined;
  return {
    severity: 'warning',
    code: 'suspicious-email',
    reason: l10n.t('does not look like an email address'),
    expected: l10n.t('Expected something like name@example.com; Copernica will store it as it is.'),
  };
};

const foreignKeyRule: Rule = (value) =>
  /^\d*$/.test(value)
    ? undefined
    : bad(l10n.t('is not a profile ID'), l10n.t('Expected digits like 18381, or "" for none.'));

// A map, not an object literal: a type the API adds later might be called "constructor".
const TYPE_RULES: ReadonlyMap<string, Rule> = new Map([
  ['integer', integerRule],
  ['float', floatRule],
  ['date', dateRule(false, false)],
  ['empty_date', dateRule(false, true)],
  ['datetime', dateRule(true, false)],
  ['empty_datetime', dateRule(true, true)],
  ['select', selectRule],
  ['email', emailRule],
  ['foreign_key', foreignKeyRule],
]);

/** Free text may span lines; every other type is a single token where even a tab is a mistake. */
const MULTILINE_TYPES = new Set(['text', 'big']);

function characterRule(value: string, field: Field): ValueVerdict | undefined {
  const control = findControlCharacter(value, MULTILINE_TYPES.has(field.type));
  if (control >= 0) {
    return {
      severity: 'error',
      code: 'control-character',
      reason: l10n.t(
        'contains a control character ({0}) at position {1}',
        hex(value.charCodeAt(control)),
        control + 1,
      ),
      expected: l10n.t('Remove it: Copernica would store it invisibly.'),
    };
  }
  const surrogate = findLoneSurrogate(value);
  if (surrogate < 0) return undefined;
  return bad(
    l10n.t(
      'contains a broken character (a lone {0}) at position {1}',
      hex(value.charCodeAt(surrogate)),
      surrogate + 1,
    ),
    l10n.t('Remove it or write the whole character.'),
  );
}

function lengthRule(value: string, field: Field): ValueVerdict | undefined {
  const limit = maxLength(field);
  if (limit === undefined || value.length <= limit) return undefined;
  const length = charLength(value);
  if (length <= limit) return undefined;
  return {
    ...bad(
      l10n.t('is too long ({0} characters)', length),
      l10n.t('Expected at most {0} characters; Copernica would cut off the rest.', limit),
    ),
    code: 'too-long',
  };
}

/** The first problem with `value` for `field`, or undefined when Copernica would store it unchanged. */
export function checkFieldValue(
  field: Field,
  value: string,
  options: CheckOptions = {},
): ValueVerdict | undefined {
  return (
    characterRule(value, field) ??
    lengthRule(value, field) ??
    TYPE_RULES.get(field.type)?.(value, field, options)
  );
}

/** The full message, e.g. `Field "age" (integer): "abc" is not a whole number. Expected digits like 42.` */
export function valueMessage(field: Field, value: string, verdict: ValueVerdict): string {
  return l10n.t({
    message: 'Field "{0}" ({1}): {2} {3}. {4}',
    args: [field.name, field.type, quote(value), verdict.reason, verdict.expected],
    comment: [
      '{0} field name, {1} field type, {2} quoted value, {3} what is wrong with it ("is not a whole number"), {4} what is expected',
    ],
  });
}
