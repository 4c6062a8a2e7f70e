// Rules and conditions, shared by views (rule/condition) and miniviews (minirule/minicondition):
// README §9.2, §9.3, §9.5.
import { phpTruthy } from './coerce';
import { envelope, parsePaging } from './envelope';
import { errorReply, jsonReply, type Reply } from './httpUtil';
import type { FieldOwner } from './model';
import { isMap } from './mutations';
import {
  MESSAGES,
  created,
  deleted,
  invalidMethod,
  missingElement,
  putDone,
  type ApiEnv,
  type ApiRequest,
} from './replies';
import { fieldDefaults, interestDefaults, mergeConditionKeys } from './viewConditions';
import { conditionType, type MiniView, type Rule, type RuleSet, type View } from './views';

/** What differs between view rules and minirules. */
export interface RuleKind {
  /** `rule` or `minirule`: the entity name in X-location. */
  entity: 'rule' | 'minirule';
  condition: 'condition' | 'minicondition';
  rules(env: ApiEnv): RuleSet;
  owner(env: ApiEnv, rule: Rule): View | MiniView | undefined;
  /** The fields a Field condition refers to: the database's or the collection's. */
  fields(env: ApiEnv, rule: Rule): FieldOwner;
  json(env: ApiEnv, rule: Rule): unknown;
}

type Body = Record<string, unknown>;

const bodyOf = (req: ApiRequest): Body =>
  isMap(req.body) && !Array.isArray(req.body) ? req.body : {};

/** Booleans arrive as JSON booleans, numbers or form strings; "false" means false. */
export function flag(value: unknown): boolean {
  return value !== 'false' && phpTruthy(value);
}

/** `inversed`, or its documented twin `inverted` (§9.2). */
function inversedOf(body: Body): unknown {
  return body.inversed ?? body.inverted;
}

export function listRules(
  req: ApiRequest,
  env: ApiEnv,
  owner: View | MiniView,
  kind: RuleKind,
): Reply {
  if (req.method === 'GET') {
    const paging = parsePaging(req.query, req.version === 1 ? 100 : 1000);
    return jsonReply(envelope(owner.rules, paging, (r) => kind.json(env, r)));
  }
  if (req.method !== 'POST') return invalidMethod();
  const body = bodyOf(req);
  if (typeof body.name !== 'string' || body.name.trim() === '') return errorReply(MESSAGES.noName);
  const rule = kind.rules(env).add(owner, body.name, flag(inversedOf(body)), flag(body.disabled));
  if (typeof body.description === 'string') rule.description = body.description;
  return created(req, env, kind.entity, rule.id);
}

/** view/$id/rule/$rid and miniview/$id/minirule/$rid: the rule must belong to that owner. */
export function ownedRule(
  req: ApiRequest,
  env: ApiEnv,
  owner: View | MiniView,
  kind: RuleKind,
): Reply {
  const ref = req.segments[3];
  if (ref === undefined) return missingElement(3);
  const rule = /^\d+$/.test(ref) ? kind.rules(env).rules.get(Number(ref)) : undefined;
  if (!rule || rule.ownerId !== owner.id) return errorReply(MESSAGES.noRule);
  if (req.method !== 'GET' || req.segments.length > 4) return invalidMethod();
  return jsonReply(kind.json(env, rule));
}

/** rule/$rid and rule/$rid/conditions. */
export function routeRule(req: ApiRequest, env: ApiEnv, kind: RuleKind): Reply {
  const [, ref, sub] = req.segments;
  if (ref === undefined) return missingElement(1);
  const rule = /^\d+$/.test(ref) ? kind.rules(env).rules.get(Number(ref)) : undefined;
  if (!rule) return errorReply(MESSAGES.noRule);
  if (sub === 'conditions') return addCondition(req, env, rule, kind);
  if (sub !== undefined) return invalidMethod();
  switch (req.method) {
    case 'GET':
      return jsonReply(kind.json(env, rule));
    case 'PUT':
    case 'POST':
      updateRule(rule, bodyOf(req));
      return putDone(req, env);
    case 'DELETE':
      kind.rules(env).remove(kind.owner(env, rule), rule);
      return deleted(req, kind.entity, rule.id);
    default:
      return invalidMethod();
  }
}

function updateRule(rule: Rule, body: Body): void {
  if (typeof body.name === 'string' && body.name.trim() !== '') rule.name = body.name;
  if (typeof body.description === 'string') rule.description = body.description;
  if (inversedOf(body) !== undefined) rule.inversed = flag(inversedOf(body));
  if (body.disabled !== undefined) rule.disabled = flag(body.disabled);
}

function addCondition(req: ApiRequest, env: ApiEnv, rule: Rule, kind: RuleKind): Reply {
  if (req.method !== 'POST') return invalidMethod();
  const body = bodyOf(req);
  const type = conditionType(body.type);
  if (!type) return errorReply(MESSAGES.invalidConditionType);
  const keys =
    type === 'Field' ? fieldDefaults() : type === 'Interest' ? interestDefaults() : new Map();
  const problem = mergeConditionKeys(keys, body, type === 'Field', kind.fields(env, rule));
  if (problem) return errorReply(problem);
  if (type === 'Field' && keys.get('field') === false) return errorReply(MESSAGES.noField);
  const condition = kind.rules(env).addCondition(rule, type, keys);
  return created(req, env, kind.condition, condition.id);
}

/** condition/$type/$cid: `$type` matched case-insensitively and against the condition's own type. */
export function routeCondition(req: ApiRequest, env: ApiEnv, kind: RuleKind): Reply {
  const [, typeRef, ref] = req.segments;
  if (typeRef === undefined) return missingElement(1);
  if (ref === undefined) return missingElement(2);
  const type = conditionType(typeRef);
  if (!type) return errorReply(MESSAGES.invalidConditionType);
  const set = kind.rules(env);
  const condition = /^\d+$/.test(ref) ? set.conditions.get(Number(ref)) : undefined;
  const rule = condition && set.rules.get(condition.ruleId);
  if (!condition || !rule || condition.type !== type) return errorReply(MESSAGES.noCondition);
  if (req.segments.length > 3) return invalidMethod();
  if (req.method === 'DELETE') {
    set.removeCondition(condition);
    return deleted(req, kind.condition, condition.id);
  }
  if (req.method !== 'PUT' && req.method !== 'POST') return invalidMethod();
  const problem = mergeConditionKeys(
    condition.keys,
    req.body,
    type === 'Field',
    kind.fields(env, rule),
  );
  return problem ? errorReply(problem) : putDone(req, env);
}
