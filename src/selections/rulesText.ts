// The rules of a selection or miniselection as one JSON document a person can read. No `vscode`
// here: it is tested in plain Node. Copernica's own names are kept (condition types, comparisons,
// match modes, hyphenated keys), so what is read here can be looked up in Copernica's pages.
import * as l10n from '@vscode/l10n';
import type { View, ViewCondition, ViewRule } from '../api/types';

type Json = Record<string, unknown>;

/** A plain object built with own data properties only: a key such as "__proto__" stays a key. */
function record(entries: [string, unknown][]): Json {
  return Object.fromEntries(entries);
}

function nameOf(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const name = (value as Json)['name'];
    if (typeof name === 'string') return name;
  }
  return value;
}

/** A Field or Interest condition in words; other types are shown by their keys only. */
export function conditionReading(condition: ViewCondition): string | undefined {
  const p = condition.properties;
  const type = condition.type.toLowerCase();
  if (type === 'field') {
    const field = String(nameOf(p['field']) ?? '?');
    const comparison = typeof p['comparison'] === 'string' ? p['comparison'] : 'equals';
    const other = p['other-field'];
    const against =
      other !== undefined && other !== false && other !== null && other !== ''
        ? l10n.t('field {0}', String(nameOf(other)))
        : JSON.stringify(typeof p['value'] === 'string' ? p['value'] : String(p['value'] ?? ''));
    const unary = ['is_email', 'is email', 'is-numeric'].includes(comparison);
    return unary ? `${field} ${comparison}` : `${field} ${comparison} ${against}`;
  }
  if (type === 'interest') {
    const mode = String(p['match-mode'] ?? 'match_profiles_with_interest');
    const target = mode.includes('group')
      ? String(nameOf(p['interest-group']) ?? '?')
      : String(nameOf(p['interest']) ?? '?');
    return `${mode} ${JSON.stringify(target)}`;
  }
  return undefined;
}

function conditionJson(condition: ViewCondition): Json {
  const entries: [string, unknown][] = [
    ['type', condition.type],
    ['ID', condition.ID],
  ];
  const reading = conditionReading(condition);
  if (reading !== undefined) entries.push(['reads', reading]);
  for (const [key, value] of Object.entries(condition.properties)) {
    // A field or interest object is shown by its name; its whole definition is in the tree.
    const shown =
      key === 'field' || key === 'other-field' || key === 'interest' ? nameOf(value) : value;
    entries.push([key, shown]);
  }
  return record(entries);
}

function ruleJson(rule: ViewRule): Json {
  return record([
    ['rule', rule.name],
    ['ID', rule.ID],
    ['inversed', rule.inversed],
    ['disabled', rule.disabled],
    ['conditions', rule.conditions.map(conditionJson)],
  ]);
}

/** What the rules mean together, as Copernica's documentation says it (rules OR, conditions AND). */
function howRulesCombine(view: View): string {
  const parent =
    view.parentType === 'collection'
      ? l10n.t(
          'A subprofile is in this miniselection when it matches at least one rule that is not disabled.',
        )
      : view.parentType === 'view'
        ? l10n.t(
            'A profile is in this selection when it is in the parent selection and matches at least one rule that is not disabled.',
          )
        : l10n.t(
            'A profile is in this selection when it matches at least one rule that is not disabled.',
          );
  return `${parent} ${l10n.t('A rule matches when all its conditions hold; an inversed rule matches when they do not.')}`;
}

export interface RulesDocumentInput {
  view: View;
  rules: readonly ViewRule[];
  /** Where the selection lives, e.g. `database Newsletter` or `selection Customers`. */
  parent: string;
}

/** The text of the rules document: pretty JSON with a trailing newline. */
export function rulesDocumentText({ view, rules, parent }: RulesDocumentInput): string {
  const miniselection = view.parentType === 'collection';
  const document = record([
    [miniselection ? 'miniselection' : 'selection', view.name],
    ['ID', view.ID],
    ['description', view.description],
    ['in', parent],
    ['last-built', view.lastBuilt === '' ? null : view.lastBuilt],
    [
      'how-rules-combine',
      rules.length === 0 ? l10n.t('There are no rules.') : howRulesCombine(view),
    ],
    ['rules', rules.map(ruleJson)],
  ]);
  return `${JSON.stringify(document, null, 2)}\n`;
}
