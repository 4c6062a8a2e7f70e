// Views (selections), miniviews (miniselections), their rules and conditions (README §9):
// the in-memory model and its own ID sequences, one per entity type and never reused (§8).
import type { Collection, Database } from './model';

export interface Intentions {
  email: boolean;
  sms: boolean;
  fax: boolean;
  pdf: boolean;
}

/** The 15 condition types of the API, spelled as GET returns them (§9.3). */
export const CONDITION_TYPES = [
  'Field',
  'Interest',
  'Date',
  'Change',
  'DoubleField',
  'Email',
  'Sms',
  'Fax',
  'Survey',
  'LastContact',
  'ToDo',
  'MiniView',
  'ReferView',
  'Part',
  'Export',
] as const;

export type ConditionType = (typeof CONDITION_TYPES)[number];

/** `$type` in paths and `type` in bodies are matched case-insensitively (§9.3 [?]). */
export function conditionType(input: unknown): ConditionType | undefined {
  if (typeof input !== 'string') return undefined;
  const key = input.toLowerCase();
  return CONDITION_TYPES.find((t) => t.toLowerCase() === key);
}

export interface Condition {
  id: number;
  type: ConditionType;
  ruleId: number;
  /**
   * Type-specific keys as given (hyphenated names, §9.3), in the order first given. A Map: the
   * names come from the client and must never become object properties of ours.
   */
  keys: Map<string, unknown>;
}

export interface Rule {
  id: number;
  name: string;
  description: string;
  /** The view (or miniview, for a minirule) it belongs to. */
  ownerId: number;
  inversed: boolean;
  disabled: boolean;
  conditions: Condition[];
}

interface Built {
  id: number;
  name: string;
  description: string;
  lastBuilt: string;
  intentions: Intentions;
  rules: Rule[];
  /** IDs frozen by the last rebuild; only used with `viewContents: 'rebuild'`. */
  snapshot: Set<number> | undefined;
}

export interface View extends Built {
  databaseId: number;
  /** undefined for a top-level view (parent-type "database"). */
  parentId: number | undefined;
}

export interface MiniView extends Built {
  collectionId: number;
}

const noIntentions = (): Intentions => ({ email: false, sms: false, fax: false, pdf: false });

/** Rules and conditions of one kind: view rules, or the minirules of miniviews. */
export class RuleSet {
  readonly rules = new Map<number, Rule>();
  readonly conditions = new Map<number, Condition>();
  private nextRule = 1;
  private nextCondition = 1;

  add(owner: Built, name: string, inversed = false, disabled = false): Rule {
    const rule: Rule = {
      id: this.nextRule++,
      name,
      description: '',
      ownerId: owner.id,
      inversed,
      disabled,
      conditions: [],
    };
    owner.rules.push(rule);
    this.rules.set(rule.id, rule);
    return rule;
  }

  addCondition(rule: Rule, type: ConditionType, keys: Map<string, unknown>): Condition {
    const condition: Condition = { id: this.nextCondition++, type, ruleId: rule.id, keys };
    rule.conditions.push(condition);
    this.conditions.set(condition.id, condition);
    return condition;
  }

  removeCondition(condition: Condition): void {
    const rule = this.rules.get(condition.ruleId);
    if (rule) rule.conditions = rule.conditions.filter((c) => c !== condition);
    this.conditions.delete(condition.id);
  }

  remove(owner: Built | undefined, rule: Rule): void {
    for (const c of rule.conditions) this.conditions.delete(c.id);
    if (owner) owner.rules = owner.rules.filter((r) => r !== rule);
    this.rules.delete(rule.id);
  }
}

export class ViewStore {
  readonly views = new Map<number, View>();
  readonly miniviews = new Map<number, MiniView>();
  readonly viewRules = new RuleSet();
  readonly miniRules = new RuleSet();
  private nextView = 1;
  private nextMiniView = 1;

  addView(
    db: Database,
    parent: View | undefined,
    name: string,
    description: string,
    now: string,
  ): View {
    const view: View = {
      id: this.nextView++,
      name,
      description,
      databaseId: db.id,
      parentId: parent?.id,
      lastBuilt: now,
      intentions: noIntentions(),
      rules: [],
      snapshot: undefined,
    };
    this.views.set(view.id, view);
    return view;
  }

  addMiniView(collection: Collection, name: string, description: string, now: string): MiniView {
    const miniview: MiniView = {
      id: this.nextMiniView++,
      name,
      description,
      collectionId: collection.id,
      lastBuilt: now,
      intentions: noIntentions(),
      rules: [],
      snapshot: undefined,
    };
    this.miniviews.set(miniview.id, miniview);
    return miniview;
  }

  /** Direct children in ID order; `parentId` undefined gives a database's top-level views. */
  children(databaseId: number, parentId: number | undefined): View[] {
    const result: View[] = [];
    for (const v of this.views.values())
      if (v.databaseId === databaseId && v.parentId === parentId) result.push(v);
    return result;
  }

  /** Views referring to a view (ReferView) or to a miniview (MiniView) through a condition. */
  referrers(type: 'ReferView' | 'MiniView', id: number): View[] {
    const key = type === 'ReferView' ? 'refer-view' : 'mini-view';
    const found = new Set<View>();
    for (const c of this.viewRules.conditions.values()) {
      if (c.type !== type || String(c.keys.get(key) ?? '') !== String(id)) continue;
      const rule = this.viewRules.rules.get(c.ruleId);
      const view = rule && this.views.get(rule.ownerId);
      if (view) found.add(view);
    }
    return [...found].sort((a, b) => a.id - b.id);
  }

  /** Removes a view with its rules and, since a child cannot outlive its parent, its subtree. */
  removeView(view: View): void {
    for (const child of this.children(view.databaseId, view.id)) this.removeView(child);
    for (const rule of [...view.rules]) this.viewRules.remove(view, rule);
    this.views.delete(view.id);
  }

  removeMiniView(miniview: MiniView): void {
    for (const rule of [...miniview.rules]) this.miniRules.remove(miniview, rule);
    this.miniviews.delete(miniview.id);
  }
}
