// Who is in a view or miniview (README §9.4): rules OR'ed, conditions in a rule AND'ed, inversed
// rules as "OR NOT", disabled rules skipped, nested views intersected with their parent.
// Only Field and Interest conditions are evaluated; every other type counts as not matching.
import { phpFloat } from './coerce';
import type { AnyEntity, FieldDef, FieldOwner, Interest } from './model';
import type { ResolvedOptions } from './options';
import { findField } from './viewConditions';
import type { Condition, Rule } from './views';

export type Predicate<T> = (entity: T) => boolean;

/** What a condition can see: the owner's fields and the interests of the entity's profile. */
export interface Scope<T extends AnyEntity> {
  owner: FieldOwner;
  interests: readonly Interest[];
  interestIds(entity: T): readonly number[];
}

export type MatchOptions = Pick<
  ResolvedOptions,
  'ruleConditions' | 'inversedRules' | 'viewWithoutRules'
>;

const NEVER = (): boolean => false;
const ALWAYS = (): boolean => true;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMERIC = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** The rules of one view or miniview as a single test (§9.4). */
export function rulesPredicate<T extends AnyEntity>(
  rules: readonly Rule[],
  scope: Scope<T>,
  options: MatchOptions,
): Predicate<T> {
  const enabled = rules.filter((r) => !r.disabled);
  if (enabled.length === 0) return options.viewWithoutRules === 'parent' ? ALWAYS : NEVER;
  const plain = enabled.filter((r) => !r.inversed).map((r) => rulePredicate(r, scope, options));
  const inversed = enabled.filter((r) => r.inversed).map((r) => rulePredicate(r, scope, options));
  if (options.inversedRules === 'and-not') {
    // "To exclude people who satisfy a certain rule": the other rules, minus these.
    return (e) => (plain.length === 0 || plain.some((p) => p(e))) && !inversed.some((p) => p(e));
  }
  return (e) => plain.some((p) => p(e)) || inversed.some((p) => !p(e));
}

/** A rule without conditions matches everything (no condition fails), in both combine modes. */
function rulePredicate<T extends AnyEntity>(
  rule: Rule,
  scope: Scope<T>,
  options: MatchOptions,
): Predicate<T> {
  const tests = rule.conditions.map((c) => conditionPredicate(c, scope));
  if (tests.length === 0) return ALWAYS;
  return options.ruleConditions === 'or'
    ? (e) => tests.some((t) => t(e))
    : (e) => tests.every((t) => t(e));
}

export function conditionPredicate<T extends AnyEntity>(
  c: Condition,
  scope: Scope<T>,
): Predicate<T> {
  if (c.type === 'Field') return fieldPredicate(c, scope.owner);
  if (c.type === 'Interest') return interestPredicate(c, scope);
  return NEVER;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function isNumberField(field: FieldDef): boolean {
  return field.type === 'integer' || field.type === 'float' || field.type === 'foreign_key';
}

function fieldPredicate<T extends AnyEntity>(c: Condition, owner: FieldOwner): Predicate<T> {
  const field = findField(owner, c.keys.get('field'));
  if (!field) return NEVER;
  const index = owner.fields.indexOf(field);
  const other = c.keys.get('other-field');
  const otherIndex =
    other === false || other === undefined
      ? -1
      : owner.fields.indexOf(findField(owner, other) as FieldDef);
  const fixed = text(c.keys.get('value'));
  const numeric = c.keys.get('numeric-comparison') === true || isNumberField(field);
  const test = comparisonTest(text(c.keys.get('comparison')) || 'equals', numeric, fixed);
  return (e) => test(e.values[index] ?? '', otherIndex >= 0 ? (e.values[otherIndex] ?? '') : fixed);
}

type Comparison = (value: string, against: string) => boolean;

/** The comparisons of §9.4; text compares case-insensitively like the `fields[]` filter (§4.7). */
function comparisonTest(comparison: string, numeric: boolean, fixed: string): Comparison {
  const order = (a: string, b: string): number => {
    if (numeric) return Math.sign(phpFloat(a) - phpFloat(b));
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const has = (a: string, b: string): boolean => a.toLowerCase().includes(b.toLowerCase());
  switch (comparison.toLowerCase()) {
    case 'equals':
      return (a, b) => order(a, b) === 0;
    case 'not equals':
      return (a, b) => order(a, b) !== 0;
    case 'contains':
      return has;
    case 'not contains':
      return (a, b) => !has(a, b);
    case 'less':
      return (a, b) => order(a, b) < 0;
    case 'more':
      return (a, b) => order(a, b) > 0;
    case 'is_email':
    case 'is email':
      return (a) => EMAIL.test(a.trim());
    case 'is-numeric':
    case 'is_numeric':
      return (a) => NUMERIC.test(a);
    case 'regexp':
      return regexpTest(fixed);
    default:
      return NEVER;
  }
}

/** MySQL REGEXP: a match anywhere, case-insensitive; a broken pattern matches nothing. */
function regexpTest(fixed: string): Comparison {
  let compiled: RegExp | undefined;
  try {
    compiled = new RegExp(fixed, 'i');
  } catch {
    compiled = undefined;
  }
  return (a, b) => {
    if (b === fixed) return compiled ? compiled.test(a) : false;
    try {
      return new RegExp(b, 'i').test(a);
    } catch {
      return false;
    }
  };
}

/** The four match modes of §9.4, with both spellings of the group modes. */
function interestPredicate<T extends AnyEntity>(c: Condition, scope: Scope<T>): Predicate<T> {
  const mode = text(c.keys.get('match-mode')).toLowerCase() || 'match_profiles_with_interest';
  const group = /interest_?group$/.test(mode);
  const wanted = (group ? text(c.keys.get('interest-group')) : text(c.keys.get('interest')))
    .trim()
    .toLowerCase();
  const ids = new Set(
    scope.interests
      .filter((i) =>
        group
          ? i.group.toLowerCase() === wanted
          : i.name.toLowerCase() === wanted || String(i.id) === wanted,
      )
      .map((i) => i.id),
  );
  const has = (e: T): boolean => scope.interestIds(e).some((id) => ids.has(id));
  if (/^match_profiles_with_interest(_?group)?$/.test(mode)) return has;
  if (/^match_profiles_without_interest(_?group)?$/.test(mode)) return (e) => !has(e);
  return NEVER;
}
