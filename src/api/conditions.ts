// The `fields[]` filter syntax of (sub)profile listings: `<field><operator><value>`
// (https://www.copernica.com/en/documentation/restv4/rest-fields-parameter).
import * as l10n from '@vscode/l10n';
import type { Condition, ConditionOperator } from './types';
import { CONDITION_OPERATORS } from './types';

// Two-character operators first, so `a<=1` is `<=` and not `<` with value `=1`.
const OPERATOR_PATTERN = /^(.+?)(==|!=|<>|<=|>=|=~|!~|<|>)(.*)$/s;
const OPERATOR_CHARS = /[=<>!~]/;

/**
 * Parses a condition as a user writes it. Whitespace around the field name and around the value
 * is dropped: the API would ignore a field name followed by a space and match a value that
 * starts with one literally, neither of which is what someone typing `email == x` means.
 */
export function parseCondition(text: string): Condition {
  const match = OPERATOR_PATTERN.exec(text.trim());
  if (match === null) {
    throw new Error(l10n.t('Not a filter: "{0}" — write it as <field><operator><value>, e.g. email==john@example.com. Operators: {1}',
      text, CONDITION_OPERATORS.join(' ')));
  }
  const field = (match[1] ?? '').trim();
  const operator = match[2] as ConditionOperator;
  const value = (match[3] ?? '').trim();
  if (field === '' || OPERATOR_CHARS.test(field) || /\s/.test(field)) {
    throw new Error(l10n.t('Not a valid field name in filter "{0}" — write it as <field><operator><value>, e.g. email==john@example.com', text));
  }
  return { field, operator, value };
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
  return `${condition.field}${condition.operator}${condition.value}`;
}
