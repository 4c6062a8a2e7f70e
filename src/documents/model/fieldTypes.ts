// What a field definition means for a document: select choices, defaults, limits and labels
// (https://www.copernica.com/en/documentation/restv4/rest-post-database-fields).
import * as l10n from '@vscode/l10n';
import type { Field } from '../../api/types';

export interface SelectChoices {
  choices: string[];
  /** The choice marked with a trailing `*`, if any (the API stopped returning the marker in 2022). */
  defaultChoice?: string;
}

/** Choices are separated by \r\n (output) or \n (input) and compared right-trimmed, like the API. */
export function selectChoices(field: Pick<Field, 'value'>): SelectChoices {
  const result: SelectChoices = { choices: [] };
  // A set, not choices.includes: a select may have thousands of choices.
  const seen = new Set<string>();
  for (const line of field.value.split(/\r?\n/)) {
    let choice = line.trimEnd();
    const marked = choice.endsWith('*');
    if (marked) choice = choice.slice(0, -1).trimEnd();
    if (choice === '' || seen.has(choice)) continue;
    seen.add(choice);
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

/** A short human description of a field type, e.g. "whole number"; looked up per call, not at load time. */
export function typeLabel(type: string): string {
  switch (type) {
    case 'text':
      return l10n.t({ message: 'text', comment: ['A field type'] });
    case 'email':
      return l10n.t({ message: 'email address', comment: ['A field type'] });
    case 'phone':
      return l10n.t({ message: 'phone number', comment: ['A field type'] });
    case 'phone_fax':
      return l10n.t({ message: 'fax number', comment: ['A field type'] });
    case 'phone_gsm':
      return l10n.t({ message: 'mobile number', comment: ['A field type'] });
    case 'integer':
      return l10n.t({ message: 'whole number', comment: ['A field type'] });
    case 'float':
      return l10n.t({ message: 'decimal number', comment: ['A field type'] });
    case 'date':
      return l10n.t({ message: 'date', comment: ['A field type'] });
    case 'empty_date':
      return l10n.t({ message: 'optional date', comment: ['A field type'] });
    case 'datetime':
      return l10n.t({ message: 'date and time', comment: ['A field type'] });
    case 'empty_datetime':
      return l10n.t({ message: 'optional date and time', comment: ['A field type'] });
    case 'select':
      return l10n.t({ message: 'choice', comment: ['A field type'] });
    case 'big':
      return l10n.t({ message: 'long text', comment: ['A field type'] });
    case 'foreign_key':
      return l10n.t({ message: 'profile ID', comment: ['A field type'] });
    default:
      return type;
  }
}
