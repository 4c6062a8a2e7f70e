// /profile/$id/… (§4.8, §4.10, §4.12-§4.14).
import { nowString } from './dates';
import { errorReply, jsonReply, type Reply } from './httpUtil';
import {
  conditionExpressions,
  defaultListParams,
  listEnvelope,
  listParams,
  selectEntities,
} from './listing';
import type { Collection, Database, Profile } from './model';
import { applyInterests, isMap, removeProfile, resolveFieldMap, updateEntity } from './mutations';
import { phpBoolParam } from './envelope';
import { matches, parseConditions } from './filters';
import {
  MESSAGES,
  created,
  createdByPut,
  deleted,
  invalidMethod,
  missingElement,
  putDone,
  type ApiEnv,
  type ApiRequest,
} from './replies';
import { fieldMap, interestJson, interestNames, profileJson, subprofileJson } from './serialize';

export function routeProfile(req: ApiRequest, env: ApiEnv): Reply {
  const [, ref, sub] = req.segments;
  if (ref === undefined) return missingElement(1);
  const profile = env.store.findProfile(ref);
  if (!profile) return errorReply(MESSAGES.noProfile);
  const db = env.store.databaseOf(profile);
  // The "already removed" check precedes the extra-path check (§2.3).
  if (req.method === 'DELETE') {
    if (profile.removed !== false) return errorReply(MESSAGES.profileRemoved);
    if (sub !== undefined) return invalidMethod();
    removeProfile(env.store, profile);
    return deleted(req, 'profile', profile.id);
  }
  switch (sub) {
    case undefined:
      return profileItself(req, env, db, profile);
    case 'fields':
      return profileFields(req, env, db, profile);
    case 'interests':
      return profileInterests(req, env, db, profile);
    case 'subprofiles':
      return routeProfileSubprofiles(req, env, db, profile);
    default:
      return invalidMethod();
  }
}

function profileItself(req: ApiRequest, env: ApiEnv, db: Database, profile: Profile): Reply {
  if (req.method === 'GET') return jsonReply(profileJson(db, profile));
  // POST profile/$id behaves like PUT (§4.10).
  if (req.method !== 'PUT' && req.method !== 'POST') return invalidMethod();
  const body = isMap(req.body) && !Array.isArray(req.body) ? req.body : {};
  updateEntity(db, profile, {
    fields: isMap(body.fields) ? body.fields : undefined,
    secret: body.secret,
  });
  if (profile.removed === false) applyInterests(db, profile, body.interests, true);
  return putDone(req, env);
}

/** Components after `fields` are ignored (§4.8). */
function profileFields(req: ApiRequest, env: ApiEnv, db: Database, profile: Profile): Reply {
  if (req.method === 'GET') return jsonReply(fieldMap(db, profile.values));
  if (req.method !== 'PUT' && req.method !== 'POST') return invalidMethod();
  updateEntity(db, profile, { fields: req.body });
  return putDone(req, env);
}

/** GET (names, ?return=ids|objects), PUT replaces the set, POST merges (§4.13). */
function profileInterests(req: ApiRequest, env: ApiEnv, db: Database, profile: Profile): Reply {
  if (req.method === 'GET') {
    const set = new Set(profile.interests);
    const chosen = db.interests.filter((i) => set.has(i.id));
    if (req.query.return === 'ids') return jsonReply(chosen.map((i) => String(i.id)));
    if (req.query.return === 'objects') return jsonReply(chosen.map(interestJson));
    return jsonReply(interestNames(db, profile));
  }
  if (req.method !== 'PUT' && req.method !== 'POST') return invalidMethod();
  if (profile.removed === false) applyInterests(db, profile, req.body, req.method === 'PUT');
  return putDone(req, env);
}

/** profile/$pid/subprofiles/$cid: GET lists, POST creates one, PUT bulk-updates by filter (§4.14). */
function routeProfileSubprofiles(
  req: ApiRequest,
  env: ApiEnv,
  db: Database,
  profile: Profile,
): Reply {
  const ref = req.segments[3];
  if (ref === undefined) return missingElement(3);
  const collection = env.store.findCollection(ref, db);
  switch (req.method) {
    case 'GET': {
      if (!collection) return errorReply(MESSAGES.noCollection);
      const params = env.options.subprofileListParams
        ? listParams(req, collection)
        : defaultListParams(req);
      const items = selectEntities(
        (profile.subprofiles ?? []).filter((s) => s.collectionId === collection.id),
        collection,
        params,
        env,
      );
      return jsonReply(
        listEnvelope(items, params, env, (s) => subprofileJson(collection, s, params.dataOnly)),
      );
    }
    case 'POST': {
      if (!collection) return errorReply(MESSAGES.subprofileNotCreated);
      return created(req, env, 'subprofile', newSubprofile(env, profile, collection, req.body).id);
    }
    case 'PUT':
      return bulkUpdateOwnSubprofiles(req, env, profile, collection);
    default:
      return invalidMethod();
  }
}

/** Flat field map body, no `fields` wrapper; also allowed for a removed profile (observed bug, §4.12). */
export function newSubprofile(
  env: ApiEnv,
  profile: Profile,
  collection: Collection,
  body: unknown,
): { id: number } {
  const values = env.store.initialValues(collection, resolveFieldMap(collection, body));
  return env.store.addSubprofile(profile, collection, values, nowString());
}

function bulkUpdateOwnSubprofiles(
  req: ApiRequest,
  env: ApiEnv,
  profile: Profile,
  collection: Collection | undefined,
): Reply {
  const expressions = conditionExpressions(req.query);
  if (!expressions) return errorReply(MESSAGES.fieldsRequired);
  if (!collection) return errorReply(MESSAGES.noCollection);
  const conditions = parseConditions(expressions, collection);
  const targets = (profile.subprofiles ?? []).filter(
    (s) => s.collectionId === collection.id && s.removed === false && matches(s, conditions),
  );
  if (targets.length === 0 && phpBoolParam(req.query.create, false)) {
    const sub = newSubprofile(env, profile, collection, req.body);
    // v2 observed: no X-Created and an odd location; the requested URL stands in for it.
    return req.version >= 3 ? createdByPut(req, env, 'subprofile', sub.id) : putDone(req, env);
  }
  // A `fields` wrapper is just an unknown field name here (§4.14).
  for (const sub of targets) updateEntity(collection, sub, { fields: req.body });
  return putDone(req, env);
}
