// What a field definition means for a document: select choices, defaults, limits and labels
// (copernica-api.md §5.1, §5.2).
import type { Field } from '../../api/types';

export interface SelectChoices {
  choices: string[];
  /** The choice marked with a trailing `*`, if any (the API stopped returning the marker in 2022). */
  defaultChoice?: string;
}

/** Choices are separated by \r\n (output) or \n (input) and compared right-trimmed, like the API. */
export function selectChoices(field: Pick<Field, 'value'>): SelectChoices {
  const result: SelectChoices = { choices: [] };
  for (const line of field.value.split(/\r?\n/)) {
    let choice = line.trimEnd();
    const marked = choice.endsWith('*');
    if (marked) choice = choice.slice(0, -1).trimEnd();
    if (choice === '' || result.choices.includes(choice)) continue;
    result.choices.push(choice);
    if (marked && result.defaultChoice === undefined) result.defaultChoice = choice;
  }
  return result;
}

export const MAX_INTEGER = 2147483647;
export const MIN_INTEGER = -2147483648;
/** `big` fields hold up to about 16 million characters (MySQL MEDIUMTEXT). */
export const MAX_BIG_LENGTH = 16_000_000;

/** The field's `length` as a limit, or undefined when unset or not a positive number. */
export function maxLength(field: Pick<Field, 'length' | 'type'>): number | undefined {
  if (field.type === 'big') return MAX_BIG_LENGTH;
  if (!LENGTH_LIMITED.has(field.type)) return undefined;
  const n = Number.parseInt(field.length, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

const LENGTH_LIMITED = new Set(['text', 'email', 'phone', 'phone_fax', 'phone_gsm']);

const LABELS: Record<string, string> = {
  text: 'text',
  email: 'email address',
  phone: 'phone number',
  phone_fax: 'fax number',
  phone_gsm: 'mobile number',
  integer: 'whole number',
  float: 'decimal number',
  date: 'date',
  empty_date: 'optional date',
  datetime: 'date and time',
  empty_datetime: 'optional date and time',
  select: 'choice',
  big: 'long text',
  foreign_key: 'profile ID',
};

/** A short human description of a field type, e.g. "whole number". */
export function typeLabel(type: string): string {
  return LABELS[type] ?? type;
}
