// `fields[]` conditions (§4.7) and `orderby`/`order` (§4.6) of the (sub)profile listings.
import type { ConditionOperator } from '../../src/api/types';
import { phpFloat } from './coerce';
import { formatWall, parseDate } from './dates';
import type { AnyEntity, FieldDef, FieldOwner } from './model';
import type { Rng } from './rng';

type Kind = 'number' | 'date' | 'datetime' | 'text';

interface Target {
  kind: Kind;
  read(entity: AnyEntity): string;
  /** The number `read` stands for, without the text round trip (the ID's). */
  number?(entity: AnyEntity): number;
}

export interface Condition {
  target: Target;
  op: ConditionOperator;
  value: string;
  /** Compiled once per request: lists can have 100,000 entries. */
  like: RegExp | undefined;
  /** The value made comparable once per request, for the same reason. */
  against: number | string;
}

const OPERATORS = new Set<string>(['==', '!=', '<>', '<', '>', '<=', '>=', '=~', '!~']);
const EXPRESSION = /^(.+?)([=<>!~]{1,2})(.*)$/s;

function kindOf(field: FieldDef): Kind {
  switch (field.type) {
    case 'integer':
    case 'float':
    case 'foreign_key':
      return 'number';
    case 'date':
    case 'empty_date':
      return 'date';
    case 'datetime':
    case 'empty_datetime':
      return 'datetime';
    default:
      return 'text';
  }
}

function fieldTarget(owner: FieldOwner, name: string, allowId: boolean): Target | undefined {
  const key = name.toLowerCase();
  let index = owner.fields.findIndex((f) => f.key === key);
  if (index < 0 && allowId) index = owner.fields.findIndex((f) => String(f.id) === name);
  const field = owner.fields[index];
  return field ? { kind: kindOf(field), read: (e) => e.values[index] ?? '' } : undefined;
}

const ID_TARGET: Target = { kind: 'number', read: (e) => String(e.id), number: (e) => e.id };
const MODIFIED_TARGET: Target = { kind: 'datetime', read: (e) => e.modified };
const CODE_TARGET: Target = { kind: 'text', read: (e) => e.secret };

/** A real field wins over the special names `id`, `code` and `modified` (§4.7). */
function resolveTarget(owner: FieldOwner, name: string): Target | undefined {
  const special: Record<string, Target> = {
    id: ID_TARGET,
    code: CODE_TARGET,
    modified: MODIFIED_TARGET,
  };
  return fieldTarget(owner, name, false) ?? special[name.toLowerCase()];
}

/** Unknown field names and malformed expressions are dropped silently, as the API does. */
export function parseConditions(expressions: readonly string[], owner: FieldOwner): Condition[] {
  const result: Condition[] = [];
  for (const expression of expressions) {
    const m = EXPRESSION.exec(expression.trim());
    if (!m || !OPERATORS.has(m[2] ?? '')) continue;
    const target = resolveTarget(owner, m[1] ?? '');
    const op = m[2] as ConditionOperator;
    const value = m[3] ?? '';
    if (target)
      result.push({
        target,
        op,
        value,
        like: op === '=~' || op === '!~' ? likeRegex(value) : undefined,
        against: comparable(target.kind, value),
      });
  }
  return result;
}

function likeRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i] ?? '');
    else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`, 'is');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Numbers and dates are trimmed before comparison; text is compared case-insensitively. */
function comparable(kind: Kind, text: string): number | string {
  if (kind === 'number') return phpFloat(text.trim());
  if (kind === 'text') return text.toLowerCase();
  const parsed = parseDate(text.trim());
  if (typeof parsed !== 'object') return text.trim();
  const formatted = formatWall(parsed);
  return kind === 'date' ? formatted.slice(0, 10) : formatted;
}

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type IdBound = { id: number; inclusive: boolean };

/**
 * The tightest bound on the ID from one side that the conditions `id>N`/`id>=N` (from below) or
 * `id<N`/`id<=N` (from above) give, ID as the special name, not a field called "id"; undefined
 * when none bounds it from that side. In ID order a scan can start or stop there, as an index
 * range scan does.
 */
function admittedIdBound(conditions: readonly Condition[], below: boolean): IdBound | undefined {
  const [strict, inclusiveOp] = below ? ['>', '>='] : ['<', '<='];
  let bound: IdBound | undefined;
  for (const c of conditions) {
    if (c.target !== ID_TARGET || (c.op !== strict && c.op !== inclusiveOp)) continue;
    const id = phpFloat(c.value.trim());
    const inclusive = c.op === inclusiveOp;
    const tighter = below ? id > (bound?.id ?? -Infinity) : id < (bound?.id ?? Infinity);
    if (!bound || tighter || (id === bound.id && !inclusive)) bound = { id, inclusive };
  }
  return bound;
}

/** The lowest ID the conditions admit (`id>N`, `id>=N`); undefined when none bounds it from below. */
export function lowestAdmittedId(conditions: readonly Condition[]): IdBound | undefined {
  return admittedIdBound(conditions, true);
}

/** The highest ID the conditions admit (`id<N`, `id<=N`); undefined when none bounds it from above. */
export function highestAdmittedId(conditions: readonly Condition[]): IdBound | undefined {
  return admittedIdBound(conditions, false);
}

export function matches(entity: AnyEntity, conditions: readonly Condition[]): boolean {
  for (const c of conditions) {
    if (c.target.number && !c.like) {
      if (!operatorHolds(c.op, compare(c.target.number(entity), c.against))) return false;
      continue;
    }
    const raw = c.target.read(entity);
    if (c.like) {
      if (c.like.test(raw) !== (c.op === '=~')) return false;
      continue;
    }
    const a =
      c.target.kind === 'text'
        ? raw.toLowerCase()
        : c.target.kind === 'number'
          ? phpFloat(raw)
          : raw;
    const order = compare(a, c.against);
    if (!operatorHolds(c.op, order)) return false;
  }
  return true;
}

function operatorHolds(op: ConditionOperator, order: number): boolean {
  switch (op) {
    case '==':
      return order === 0;
    case '!=':
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
    default:
      return false;
  }
}

/**
 * Sorts in place. `orderby` is `id` (default), `modified` (always the timestamp, even when a
 * field is named so), `random`, or a field name (case-insensitive) or field ID; unknown → ID order.
 */
export function sortEntities<T extends AnyEntity>(
  list: T[],
  owner: FieldOwner,
  orderby: string | undefined,
  order: string | undefined,
  rng: Rng,
): T[] {
  const key = (orderby ?? 'id').toLowerCase();
  if (key === 'random') return shuffle(list, rng);
  const descending = /^desc(ending)?$/i.test(order ?? '');
  const read =
    key === 'modified' ? MODIFIED_TARGET : (fieldTarget(owner, orderby ?? 'id', true) ?? ID_TARGET);
  const keyed = list.map((e) => ({ e, k: sortKey(read, e) }));
  keyed.sort((x, y) => compare(x.k, y.k) || x.e.id - y.e.id);
  if (descending) keyed.reverse();
  return keyed.map((x) => x.e);
}

function sortKey(target: Target, entity: AnyEntity): number | string {
  const raw = target.read(entity);
  if (target.kind === 'number') return phpFloat(raw);
  return target.kind === 'text' ? raw.toLowerCase() : raw;
}

function shuffle<T>(list: T[], rng: Rng): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = list[i] as T;
    list[i] = list[j] as T;
    list[j] = tmp;
  }
  return list;
}
