// The `fields[]` filter syntax of (sub)profile listings: `<field><operator><value>`
// (https://www.copernica.com/en/documentation/restv4/rest-fields-parameter).
import * as l10n from '@vscode/l10n';
import type { Condition, ConditionOperator } from './types';
import { CONDITION_OPERATORS } from './types';

// Two-character operators first, so `a<=1` is `<=` and not `<` with value `=1`.
const OPERATOR_PATTERN = /^(.+?)(==|!=|<>|<=|>=|=~|!~|<|>)(.*)$/s;
const OPERATOR_CHARS = /[=<>!~]/;

/** The three parts of `text`, trimmed; undefined when it has no operator or a bad field name. */
function read(text: string): Condition | 'no-operator' | 'bad-field' {
  const match = OPERATOR_PATTERN.exec(text.trim());
  if (match === null) return 'no-operator';
  const field = (match[1] ?? '').trim();
  const operator = match[2] as ConditionOperator;
  const value = (match[3] ?? '').trim();
  if (field === '' || OPERATOR_CHARS.test(field) || /\s/.test(field)) return 'bad-field';
  return { field, operator, value };
}

function same(a: Condition, b: Condition | string): boolean {
  return (
    typeof b !== 'string' && a.field === b.field && a.operator === b.operator && a.value === b.value
  );
}

/**
 * Parses a condition as a user writes it. Whitespace around the field name and around the value
 * is dropped: the API would ignore a field name followed by a space and match a value that
 * starts with one literally, neither of which is what someone typing `email == x` means.
 * A condition is accepted only when what is sent reads back as itself: `age < =5` would be
 * sent as `age<=5`, which Copernica reads as "at most 5", not "less than '=5'".
 */
export function parseCondition(text: string): Condition {
  const condition = read(text);
  if (condition === 'no-operator') {
    throw new Error(
      l10n.t(
        'Not a filter: "{0}" — write it as <field><operator><value>, e.g. email==john@example.com. Operators: {1}',
        text,
        CONDITION_OPERATORS.join(' '),
      ),
    );
  }
  if (condition === 'bad-field') {
    throw new Error(
      l10n.t(
        'Not a valid field name in filter "{0}" — write it as <field><operator><value>, e.g. email==john@example.com',
        text,
      ),
    );
  }
  const wire = wireForm(condition);
  const back = read(wire);
  if (!same(condition, back)) {
    const operator = typeof back === 'string' ? '' : back.operator;
    throw new Error(
      l10n.t(
        'Filter "{0}" would be sent as "{1}", which Copernica reads with the operator "{2}" instead of "{3}". Write the operator without a space inside it.',
        text,
        wire,
        operator,
        condition.operator,
      ),
    );
  }
  return condition;
}

function wireForm(condition: Condition): string {
  return `${condition.field}${condition.operator}${condition.value}`;
}

/**
 * The wire form of a condition, the value of one `fields[]` query parameter. Its errors guard
 * against a caller's bug (conditions reach it parsed), never a user's input: not translated.
 */
export function formatCondition(condition: Condition): string {
  if (!CONDITION_OPERATORS.includes(condition.operator)) {
    throw new Error(`Unknown filter operator "${condition.operator}"`);
  }
  if (condition.field === '' || OPERATOR_CHARS.test(condition.field)) {
    throw new Error(`Not a valid field name in a filter: "${condition.field}"`);
  }
  const wire = wireForm(condition);
  // Sent as is, `{operator: '<', value: '=5'}` would mean `<=` `5`: refuse what reads back otherwise.
  if (!same(condition, read(wire)))
    throw new Error(`The filter "${wire}" would be read as a different condition`);
  return wire;
}
