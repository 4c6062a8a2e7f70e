// /database/$db/views, /view/$id/…, /rule/…, /condition/… (README §9.1-§9.4).
import { envelope, parsePaging } from './envelope';
import { emptyReply, errorReply, jsonReply, type Reply } from './httpUtil';
import { idList, listEnvelope, listParams, selectEntities } from './listing';
import type { Database } from './model';
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
import { flag, listRules, ownedRule, routeCondition, routeRule, type RuleKind } from './ruleRoutes';
import { profileJson } from './serialize';
import { rebuildView, viewPredicate } from './viewContents';
import { ruleJson, viewJson } from './viewJson';
import type { Intentions, MiniView, View } from './views';

export const VIEW_RULES: RuleKind = {
  entity: 'rule',
  condition: 'condition',
  rules: (env) => env.store.views.viewRules,
  owner: (env, rule) => env.store.views.views.get(rule.ownerId),
  fields: (env, rule) => databaseOfRule(env, rule.ownerId),
  json: (env, rule) => ruleJson(databaseOfRule(env, rule.ownerId), rule, env.options),
};

function databaseOfRule(env: ApiEnv, viewId: number): Database | { fields: [] } {
  const view = env.store.views.views.get(viewId);
  return (view && env.store.databases.get(view.databaseId)) ?? { fields: [] };
}

type Body = Record<string, unknown>;

export const bodyOf = (req: ApiRequest): Body =>
  isMap(req.body) && !Array.isArray(req.body) ? req.body : {};

/** The most items a list answers at once: 100 on v1, 1000 since (§3). */
export const cap = (req: ApiRequest): number => (req.version === 1 ? 100 : 1000);

/** The name (required) and description of a new view or miniview, or the error reply. */
export function newViewBody(req: ApiRequest): { name: string; description: string } | Reply {
  const body = bodyOf(req);
  if (typeof body.name !== 'string' || body.name.trim() === '') return errorReply(MESSAGES.noName);
  const description = typeof body.description === 'string' ? body.description : '';
  return { name: body.name, description };
}

/** database/$db/views: top-level views, or all of them with `viewListNested` (§9.1). */
export function routeDatabaseViews(req: ApiRequest, env: ApiEnv, db: Database): Reply {
  if (req.method === 'POST') return createView(req, env, db, undefined);
  if (req.method !== 'GET') return invalidMethod();
  const views = env.options.viewListNested
    ? [...env.store.views.views.values()].filter((v) => v.databaseId === db.id)
    : env.store.views.children(db.id, undefined);
  return jsonReply(
    envelope(views, parsePaging(req.query, cap(req)), (v) => viewJson(env.store, v)),
  );
}

function createView(req: ApiRequest, env: ApiEnv, db: Database, parent: View | undefined): Reply {
  const body = newViewBody(req);
  if (!('name' in body)) return body;
  const view = env.store.views.addView(db, parent, body.name, body.description, '');
  rebuildView(env.store, view, env.options);
  return created(req, env, 'view', view.id);
}

export function routeView(req: ApiRequest, env: ApiEnv): Reply {
  const [, ref, sub] = req.segments;
  if (ref === undefined) return missingElement(1);
  const view = /^\d+$/.test(ref) ? env.store.views.views.get(Number(ref)) : undefined;
  if (!view) return errorReply(MESSAGES.noView);
  const db = env.store.databases.get(view.databaseId);
  if (!db) return errorReply(MESSAGES.noDatabase);
  const get = req.method === 'GET';
  switch (sub) {
    case undefined:
      return viewItself(req, env, view);
    case 'views':
      return get
        ? childViews(req, env, view)
        : req.method === 'POST'
          ? createView(req, env, db, view)
          : invalidMethod();
    case 'profiles':
      return get ? viewProfiles(req, env, db, view) : invalidMethod();
    case 'profileids':
      return get
        ? jsonReply(idList(db.profiles.filter(viewPredicate(env.store, view, env.options)), env))
        : invalidMethod();
    case 'copy':
      return req.method === 'POST' || req.method === 'PUT'
        ? copyView(req, env, db, view)
        : invalidMethod();
    case 'intentions':
      return setIntentions(req, env, view);
    case 'rebuild':
      if (req.method !== 'POST' && req.method !== 'PUT') return invalidMethod();
      rebuildView(env.store, view, env.options);
      return rebuilt(env);
    case 'rules':
      return listRules(req, env, view, VIEW_RULES);
    case 'rule':
      return ownedRule(req, env, view, VIEW_RULES);
    default:
      return invalidMethod();
  }
}

/** The rebuild answer is undocumented (§9.1): an empty 2xx without X-Created. */
export function rebuilt(env: ApiEnv): Reply {
  return emptyReply(env.options.rebuildStatus);
}

function viewItself(req: ApiRequest, env: ApiEnv, view: View): Reply {
  if (req.segments.length > 2) return invalidMethod();
  switch (req.method) {
    case 'GET':
      return jsonReply(viewJson(env.store, view));
    case 'PUT':
    case 'POST':
      renameFromBody(view, bodyOf(req));
      return putDone(req, env);
    case 'DELETE':
      env.store.views.removeView(view);
      return deleted(req, 'view', view.id);
    default:
      return invalidMethod();
  }
}

export function renameFromBody(target: View | MiniView, body: Body): void {
  if (typeof body.name === 'string' && body.name.trim() !== '') target.name = body.name;
  if (typeof body.description === 'string') target.description = body.description;
}

function childViews(req: ApiRequest, env: ApiEnv, view: View): Reply {
  const children = env.store.views.children(view.databaseId, view.id);
  return jsonReply(
    envelope(children, parsePaging(req.query, cap(req)), (v) => viewJson(env.store, v)),
  );
}

/** Like database/$db/profiles (§4.6), narrowed to the view's members. */
function viewProfiles(req: ApiRequest, env: ApiEnv, db: Database, view: View): Reply {
  const params = listParams(req, db);
  const member = viewPredicate(env.store, view, env.options);
  const items = selectEntities(db.profiles, db, params, env, member);
  return jsonReply(listEnvelope(items, params, env, (p) => profileJson(db, p, params.dataOnly)));
}

/** Each key optional (§9.1); the channel flags stay as they are when left out. */
export function setIntentions(req: ApiRequest, env: ApiEnv, target: View | MiniView): Reply {
  if (req.method !== 'PUT' && req.method !== 'POST') return invalidMethod();
  const body = bodyOf(req);
  for (const key of ['email', 'sms', 'fax', 'pdf'] as const satisfies ReadonlyArray<
    keyof Intentions
  >)
    if (body[key] !== undefined) target.intentions[key] = flag(body[key]);
  return putDone(req, env);
}

/** POST view/$id/copy {name, options:{views}}: rules and conditions copied; nested views when asked. */
function copyView(req: ApiRequest, env: ApiEnv, db: Database, view: View): Reply {
  const body = bodyOf(req);
  if (typeof body.name !== 'string' || body.name.trim() === '') return errorReply(MESSAGES.noName);
  const options = isMap(body.options) ? (body.options as Body) : {};
  const parent = view.parentId === undefined ? undefined : env.store.views.views.get(view.parentId);
  const copy = copyTree(env, db, view, parent, body.name, flag(options.views));
  return created(req, env, 'view', copy.id);
}

function copyTree(
  env: ApiEnv,
  db: Database,
  source: View,
  parent: View | undefined,
  name: string,
  deep: boolean,
): View {
  const views = env.store.views;
  const children = deep ? views.children(source.databaseId, source.id) : [];
  const copy = views.addView(db, parent, name, source.description, '');
  copy.intentions = { ...source.intentions };
  for (const rule of source.rules) {
    const twin = views.viewRules.add(copy, rule.name, rule.inversed, rule.disabled);
    twin.description = rule.description;
    for (const c of rule.conditions) views.viewRules.addCondition(twin, c.type, new Map(c.keys));
  }
  for (const child of children) copyTree(env, db, child, copy, child.name, true);
  rebuildView(env.store, copy, env.options);
  return copy;
}

export const routeRuleOfView = (req: ApiRequest, env: ApiEnv): Reply =>
  routeRule(req, env, VIEW_RULES);

export const routeConditionOfView = (req: ApiRequest, env: ApiEnv): Reply =>
  routeCondition(req, env, VIEW_RULES);
