// /subprofile/$id/… and /collection/$cid/… (§4.5, §4.14).
import { envelope, parsePaging } from './envelope';
import { matches, parseConditions } from './filters';
import { errorReply, jsonReply, type Reply } from './httpUtil';
import { conditionExpressions, idList, listEnvelope, listParams, selectEntities } from './listing';
import type { Collection } from './model';
import { isMap, removeSubprofile, updateEntity } from './mutations';
import {
  MESSAGES,
  deleted,
  invalidMethod,
  missingElement,
  putDone,
  type ApiEnv,
  type ApiRequest,
} from './replies';
import { collectionJson, fieldJson, fieldMap, subprofileJson } from './serialize';
import { emptyPost } from './databaseRoutes';
import { routeCollectionMiniviews } from './miniviewRoutes';

export function routeSubprofile(req: ApiRequest, env: ApiEnv): Reply {
  const [, ref, sub] = req.segments;
  if (ref === undefined) return missingElement(1);
  const subprofile = env.store.findSubprofile(ref);
  if (!subprofile) return errorReply(MESSAGES.noSubprofile);
  const collection = env.store.collectionOf(subprofile);
  if (req.method === 'DELETE') {
    if (subprofile.removed !== false) return errorReply(MESSAGES.subprofileRemoved);
    if (sub !== undefined) return invalidMethod();
    removeSubprofile(env.store, subprofile);
    return deleted(req, 'subprofile', subprofile.id);
  }
  const writes = req.method === 'PUT' || req.method === 'POST';
  if (sub === undefined) {
    if (req.method === 'GET') return jsonReply(subprofileJson(collection, subprofile));
    if (!writes) return invalidMethod();
    const body = isMap(req.body) && !Array.isArray(req.body) ? req.body : {};
    updateEntity(collection, subprofile, {
      fields: isMap(body.fields) ? body.fields : undefined,
      secret: body.secret,
    });
    return putDone(req, env);
  }
  if (sub !== 'fields') return invalidMethod();
  if (req.method === 'GET') return jsonReply(fieldMap(collection, subprofile.values));
  if (!writes) return invalidMethod();
  updateEntity(collection, subprofile, { fields: req.body });
  return putDone(req, env);
}

export function routeCollection(req: ApiRequest, env: ApiEnv): Reply {
  const [, ref, sub] = req.segments;
  if (ref === undefined) return missingElement(1);
  const collection = env.store.findCollection(ref);
  if (!collection) return errorReply(MESSAGES.noCollection);
  const get = req.method === 'GET';
  switch (sub) {
    case undefined:
      if (emptyPost(req)) return putDone(req, env);
      return get && req.segments.length === 2
        ? jsonReply(collectionJson(collection))
        : invalidMethod();
    case 'miniviews':
      return routeCollectionMiniviews(req, env, collection);
    case 'fields':
      return get
        ? jsonReply(
            envelope(
              collection.fields,
              parsePaging(req.query, req.version === 1 ? 100 : 1000),
              fieldJson,
            ),
          )
        : invalidMethod();
    case 'subprofileids':
      return get
        ? jsonReply(
            idList(
              collection.subprofiles.filter((s) => s.removed === false),
              env,
            ),
          )
        : invalidMethod();
    case 'subprofiles':
      return collectionSubprofiles(req, env, collection);
    default:
      return invalidMethod();
  }
}

function collectionSubprofiles(req: ApiRequest, env: ApiEnv, collection: Collection): Reply {
  if (req.method === 'GET') {
    const params = listParams(req, collection);
    const items = selectEntities(collection.subprofiles, collection, params, env);
    return jsonReply(
      listEnvelope(items, params, env, (s) => subprofileJson(collection, s, params.dataOnly)),
    );
  }
  if (req.method !== 'PUT') return invalidMethod();
  const expressions = conditionExpressions(req.query);
  if (!expressions) return errorReply(MESSAGES.fieldsRequired);
  const conditions = parseConditions(expressions, collection);
  // The docs show both a flat and a {"fields":{…}} body here (§4.14 [?]): accept both.
  const body = isMap(req.body) && !Array.isArray(req.body) ? req.body : {};
  const wrapped = isMap(body.fields) && !collection.fields.some((f) => f.key === 'fields');
  const fields = wrapped ? body.fields : body;
  for (const sub of collection.subprofiles) {
    if (sub.removed === false && matches(sub, conditions))
      updateEntity(collection, sub, { fields });
  }
  return putDone(req, env);
}
