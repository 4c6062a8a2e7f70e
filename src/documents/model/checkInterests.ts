// Checks a profile's "interests": a list of names that are set, or an object {name: 0|1|true|false}
// (both forms the API accepts:
// https://www.copernica.com/en/documentation/restv4/rest-put-profile-interests). Unknown names would be ignored.
import * as l10n from '@vscode/l10n';
import type { Node } from './jsonc';
import { type CheckContext, isFull, properties, report, typeName } from './tree';
import { closest, didYouMean } from './text';

/**
 * The database's interest names, looked up once per check: a document may list every one of
 * 200,000 interests, so a name costs a set lookup, not a pass over the list. Names the opened
 * copy has count as known: an interest added in Copernica after the definitions were loaded
 * must not block saving a profile the user did not change there.
 */
interface KnownInterests {
  names: ReadonlySet<string>;
  /** Lower-cased name -> the first name spelled so, for "spelled differently" in O(1). */
  lower: ReadonlyMap<string, string>;
  list: readonly string[];
}

function knownInterests(ctx: CheckContext): KnownInterests | undefined {
  const interests = ctx.schema.interests;
  if (!interests) return undefined;
  const list = interests.map((i) => i.name);
  const names = new Set([...list, ...(ctx.original?.interests ?? [])]);
  const lower = new Map<string, string>();
  for (const name of list) if (!lower.has(name.toLowerCase())) lower.set(name.toLowerCase(), name);
  return { names, lower, list };
}

/** Reports an unknown or miscased interest name; true when the name is known (or can't be checked). */
function checkInterestName(
  ctx: CheckContext,
  known: KnownInterests | undefined,
  name: string,
  node: Node,
): boolean {
  if (!known || known.names.has(name)) return true;
  if (isFull(ctx)) {
    report(ctx, node, { code: 'unknown-interest', message: '' });
    return false;
  }
  const cased = known.lower.get(name.toLowerCase());
  if (cased !== undefined) {
    report(ctx, node, {
      code: 'wrong-case',
      message: l10n.t(
        'Interest "{0}" is spelled "{1}" in this database; write the name exactly as defined.',
        name,
        cased,
      ),
      suggestion: cased,
    });
    return false;
  }
  const near = closest(name, known.list);
  report(ctx, node, {
    code: 'unknown-interest',
    message: didYouMean(
      l10n.t(
        'Unknown interest "{0}": this database has no such interest, and Copernica would silently ignore it.',
        name,
      ),
      near,
    ),
    ...(near !== undefined ? { suggestion: near } : {}),
  });
  return false;
}

function checkList(ctx: CheckContext, known: KnownInterests | undefined, node: Node): string[] {
  const names = new Set<string>();
  for (const item of node.children ?? []) {
    if (item.type !== 'string') {
      report(ctx, item, {
        code: 'wrong-type',
        message: l10n.t(
          '"interests" lists interest names as strings; {0} is not allowed.',
          typeName(item),
        ),
      });
      continue;
    }
    const name = String(item.value);
    if (!checkInterestName(ctx, known, name, item)) continue;
    if (names.has(name)) {
      report(ctx, item, {
        code: 'duplicate-interest',
        message: l10n.t('Interest "{0}" is listed twice; remove one.', name),
      });
      continue;
    }
    names.add(name);
  }
  return [...names];
}

function flagOf(node: Node): boolean | undefined {
  if (node.type === 'boolean') return node.value === true;
  if (node.type === 'number' && (node.value === 0 || node.value === 1)) return node.value === 1;
  return undefined;
}

/** The object form sets the listed interests on or off and leaves the others as they were. */
function checkObject(ctx: CheckContext, known: KnownInterests | undefined, node: Node): string[] {
  const names = new Set(ctx.original?.interests ?? []);
  for (const { name, key, value } of properties(node)) {
    if (!checkInterestName(ctx, known, name, key) || !value) continue;
    const flag = flagOf(value);
    if (flag === undefined) {
      report(ctx, value, {
        code: 'bad-value',
        message: l10n.t({
          message:
            'Interest "{0}": {1} is not allowed. Expected 1 or true (set), 0 or false (not set).',
          args: [name, value.type === 'string' ? JSON.stringify(value.value) : typeName(value)],
          comment: ['{1} is the quoted value or what was found, such as "an array"'],
        }),
      });
    } else if (flag) names.add(name);
    else names.delete(name);
  }
  return [...names];
}

/** Checks the value of the top-level "interests" key; returns the names that will be set. */
export function checkInterests(ctx: CheckContext, node: Node): string[] {
  if (node.type === 'array') return checkList(ctx, knownInterests(ctx), node);
  if (node.type === 'object') return checkObject(ctx, knownInterests(ctx), node);
  report(ctx, node, {
    code: 'wrong-type',
    message: l10n.t(
      '"interests" must be a list of interest names like ["soccer"], or an object like {"soccer": 1}; found {0}.',
      typeName(node),
    ),
  });
  return [];
}
