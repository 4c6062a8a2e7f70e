// /collection/$cid/miniviews, /miniview/$id/…, /minirule/…, /minicondition/… (README §9.5).
import { envelope, parsePaging } from './envelope';
import { errorReply, jsonReply, type Reply } from './httpUtil';
import { idList, listEnvelope, listParams, selectEntities } from './listing';
import type { Collection } from './model';
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
import { listRules, ownedRule, routeCondition, routeRule, type RuleKind } from './ruleRoutes';
import { subprofileJson } from './serialize';
import { miniviewPredicate, rebuildMiniView } from './viewContents';
import { miniruleJson, miniviewJson, viewJson } from './viewJson';
import { cap, newViewBody, rebuilt, renameFromBody, setIntentions } from './viewRoutes';
import type { MiniView } from './views';

function collectionOfRule(env: ApiEnv, miniviewId: number): Collection | { fields: [] } {
  const miniview = env.store.views.miniviews.get(miniviewId);
  return (miniview && env.store.collections.get(miniview.collectionId)) ?? { fields: [] };
}

export const MINI_RULES: RuleKind = {
  entity: 'minirule',
  condition: 'minicondition',
  rules: (env) => env.store.views.miniRules,
  owner: (env, rule) => env.store.views.miniviews.get(rule.ownerId),
  fields: (env, rule) => collectionOfRule(env, rule.ownerId),
  json: (env, rule) => miniruleJson(collectionOfRule(env, rule.ownerId), rule, env.options),
};

export function routeCollectionMiniviews(
  req: ApiRequest,
  env: ApiEnv,
  collection: Collection,
): Reply {
  if (req.method === 'GET') {
    const list = [...env.store.views.miniviews.values()].filter(
      (m) => m.collectionId === collection.id,
    );
    return jsonReply(envelope(list, parsePaging(req.query, cap(req)), miniviewJson));
  }
  if (req.method !== 'POST') return invalidMethod();
  const body = newViewBody(req);
  if (!('name' in body)) return body;
  const miniview = env.store.views.addMiniView(collection, body.name, body.description, '');
  rebuildMiniView(env.store, miniview, env.options);
  return created(req, env, 'miniview', miniview.id);
}

export function routeMiniview(req: ApiRequest, env: ApiEnv): Reply {
  const [, ref, sub] = req.segments;
  if (ref === undefined) return missingElement(1);
  const miniview = /^\d+$/.test(ref) ? env.store.views.miniviews.get(Number(ref)) : undefined;
  if (!miniview) return errorReply(MESSAGES.noMiniView);
  const collection = env.store.collections.get(miniview.collectionId);
  if (!collection) return errorReply(MESSAGES.noCollection);
  const get = req.method === 'GET';
  switch (sub) {
    case undefined:
      return miniviewItself(req, env, miniview);
    case 'subprofiles':
      return get ? miniviewSubprofiles(req, env, collection, miniview) : invalidMethod();
    case 'subprofileids': {
      const member = miniviewPredicate(env.store, miniview, env.options);
      return get ? jsonReply(idList(collection.subprofiles.filter(member), env)) : invalidMethod();
    }
    case 'views':
      return get ? dependentViews(req, env, miniview) : invalidMethod();
    case 'intentions':
      return setIntentions(req, env, miniview);
    case 'rebuild':
      if (req.method !== 'POST' && req.method !== 'PUT') return invalidMethod();
      rebuildMiniView(env.store, miniview, env.options);
      return rebuilt(env);
    // Both spellings are documented (§9.5).
    case 'minirules':
    case 'rules':
      return listRules(req, env, miniview, MINI_RULES);
    case 'minirule':
    case 'rule':
      return ownedRule(req, env, miniview, MINI_RULES);
    default:
      return invalidMethod();
  }
}

function miniviewItself(req: ApiRequest, env: ApiEnv, miniview: MiniView): Reply {
  if (req.segments.length > 2) return invalidMethod();
  switch (req.method) {
    case 'GET':
      return jsonReply(miniviewJson(miniview));
    case 'PUT':
    case 'POST':
      renameFromBody(miniview, isMap(req.body) && !Array.isArray(req.body) ? req.body : {});
      return putDone(req, env);
    case 'DELETE':
      env.store.views.removeMiniView(miniview);
      return deleted(req, 'miniview', miniview.id);
    default:
      return invalidMethod();
  }
}

/** Like collection/$cid/subprofiles (§4.14), narrowed to the miniview's members. */
function miniviewSubprofiles(
  req: ApiRequest,
  env: ApiEnv,
  collection: Collection,
  miniview: MiniView,
): Reply {
  const params = listParams(req, collection);
  const member = miniviewPredicate(env.store, miniview, env.options);
  const items = selectEntities(collection.subprofiles, collection, params, env, member);
  return jsonReply(
    listEnvelope(items, params, env, (s) => subprofileJson(collection, s, params.dataOnly)),
  );
}

/** The views whose rules depend on this miniview through a MiniView condition (§9.5). */
function dependentViews(req: ApiRequest, env: ApiEnv, miniview: MiniView): Reply {
  const views = env.store.views.referrers('MiniView', miniview.id);
  return jsonReply(
    envelope(views, parsePaging(req.query, cap(req)), (v) => viewJson(env.store, v)),
  );
}

export const routeMinirule = (req: ApiRequest, env: ApiEnv): Reply =>
  routeRule(req, env, MINI_RULES);

export const routeMinicondition = (req: ApiRequest, env: ApiEnv): Reply =>
  routeCondition(req, env, MINI_RULES);
