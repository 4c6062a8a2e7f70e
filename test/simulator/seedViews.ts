// Seeded selections and miniselections (README §9.6). They use no random numbers, so the data
// seeded before them stays exactly as it was, and their IDs are fixed: tests name them.
import type { Collection, Database } from './model';
import type { Store } from './store';
import { fieldDefaults, findField, interestDefaults, mergeConditionKeys } from './viewConditions';
import type { ConditionType, MiniView, RuleSet, View } from './views';

const BUILT = '2024-06-01 03:00:00';

type Keys = Record<string, unknown>;

function condition(
  set: RuleSet,
  owner: View | MiniView,
  fields: Database | Collection,
  rule: { name: string; inversed?: boolean; disabled?: boolean },
  type: ConditionType,
  body: Keys,
): void {
  const added = set.add(owner, rule.name, rule.inversed, rule.disabled);
  const keys =
    type === 'Field' ? fieldDefaults() : type === 'Interest' ? interestDefaults() : new Map();
  const problem = mergeConditionKeys(keys, body, type === 'Field', fields);
  if (problem) throw new Error(`seed condition: ${problem}`);
  set.addCondition(added, type, keys);
}

interface SeededView {
  name: string;
  /** Position in NEWSLETTER_VIEWS of the parent; none for a top-level view. */
  parent?: number;
  description?: string;
  rule?: { name: string; type: ConditionType; body: Keys };
}

/** Newsletter's views in ID order (1…7): a three-level tree, then four top-level ones. */
const NEWSLETTER_VIEWS: SeededView[] = [
  {
    name: 'Subscribers',
    description: 'Everyone who wants the newsletter',
    rule: { name: 'Subscribed', type: 'Field', body: { field: 'subscribed', value: 'yes' } },
  },
  {
    name: 'Dutch subscribers',
    parent: 0,
    rule: { name: 'In NL', type: 'Field', body: { field: 'Country', value: 'NL' } },
  },
  {
    name: 'Dutch sports fans',
    parent: 1,
    rule: {
      name: 'Sports',
      type: 'Interest',
      body: { 'match-mode': 'match_profiles_with_interest_group', 'interest-group': 'sports' },
    },
  },
  {
    name: 'Tennis fans',
    rule: {
      name: 'Tennis',
      type: 'Interest',
      body: { 'match-mode': 'match_profiles_with_interest', interest: 'tennis' },
    },
  },
  {
    name: 'Over 40',
    description: 'Age more than 40',
    rule: {
      name: 'Age',
      type: 'Field',
      body: { field: 'age', comparison: 'more', value: '40', 'numeric-comparison': true },
    },
  },
  { name: 'Draft', description: 'No rules yet' },
  {
    name: 'Recent signups',
    rule: {
      name: 'Signed up lately',
      type: 'Date',
      body: { field: 'signup', 'compare-mode': 'full', 'after-time': '2023-01-01 00:00:00' },
    },
  },
];

/**
 * On Newsletter: 1 Subscribers › 2 Dutch subscribers › 3 Dutch sports fans (three levels),
 * 4 Tennis fans, 5 Over 40, 6 Draft (no rules), 7 Recent signups (a Date condition, not evaluated).
 * On Customers › Orders: miniviews 1 Paid orders and 2 Large orders.
 */
export function seedViews(store: Store): void {
  const newsletter = store.findDatabase('Newsletter');
  const customers = store.findDatabase('Customers');
  if (!newsletter || !customers) return;
  const made: View[] = [];
  for (const spec of NEWSLETTER_VIEWS) {
    const parent = spec.parent === undefined ? undefined : made[spec.parent];
    const view = store.views.addView(newsletter, parent, spec.name, spec.description ?? '', BUILT);
    view.intentions.email = true;
    if (spec.rule)
      condition(store.views.viewRules, view, newsletter, spec.rule, spec.rule.type, spec.rule.body);
    made.push(view);
  }
  seedMiniViews(store, customers);
}

function seedMiniViews(store: Store, customers: Database): void {
  const orders = store.findCollection('Orders', customers);
  if (!orders) return;
  const mini = store.views.miniRules;
  const paid = store.views.addMiniView(orders, 'Paid orders', '', BUILT);
  condition(mini, paid, orders, { name: 'Paid' }, 'Field', { field: 'status', value: 'paid' });
  const large = store.views.addMiniView(orders, 'Large orders', 'Over 500', BUILT);
  condition(mini, large, orders, { name: 'Large' }, 'Field', {
    field: 'amount',
    comparison: 'more',
    value: '500',
    'numeric-comparison': true,
  });
}

/**
 * The bench's selections (GenerateSpec.views): on `db`, the first view, "All profiles", holds every
 * profile (`email contains @`); the other `count - 1` spread evenly over `depth` levels (level 1 at
 * the top, each deeper one parented round-robin on the level above), each with a Field rule
 * `email contains <digit>`.
 */
export function addSyntheticViews(store: Store, db: Database, count: number, depth: number): void {
  if (count <= 0) return;
  const views = store.views;
  // Without an email field (fieldsPerDatabase 0) the rules have no conditions: all match.
  const rule = (view: View, name: string, value: string): void => {
    if (!findField(db, 'email')) views.viewRules.add(view, name);
    else
      condition(views.viewRules, view, db, { name }, 'Field', {
        field: 'email',
        comparison: 'contains',
        value,
      });
  };
  const all = views.addView(db, undefined, 'All profiles', 'Every profile', BUILT);
  rule(all, 'Has e-mail', '@');
  const levels = Math.max(1, depth);
  const perLevel = Math.ceil((count - 1) / levels);
  let above: View[] = [all];
  let made = 1;
  for (let level = 1; level <= levels && made < count; level++) {
    const here: View[] = [];
    for (let i = 0; i < perLevel && made < count; i++, made++) {
      const parent = level === 1 ? undefined : above[i % above.length];
      const view = views.addView(db, parent, `Selection ${level}.${i + 1}`, '', BUILT);
      rule(view, 'Slice', String(i % 10));
      here.push(view);
    }
    above = here;
  }
}

/** The `Big` database's selections: "All profiles" (every profile) with a child "VIP" (interest vip). */
export function addBigViews(store: Store, db: Database): void {
  const views = store.views;
  const all = views.addView(db, undefined, 'All profiles', 'Every profile', BUILT);
  condition(views.viewRules, all, db, { name: 'Has e-mail' }, 'Field', {
    field: 'email',
    comparison: 'contains',
    value: '@',
  });
  const vip = views.addView(db, all, 'VIP', 'Every fifth profile', BUILT);
  condition(views.viewRules, vip, db, { name: 'VIP' }, 'Interest', { interest: 'vip' });
}
