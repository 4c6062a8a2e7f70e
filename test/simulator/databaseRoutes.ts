// /databases and /database/$db/… (§4.2-§4.12).
import { envelope, parsePaging, phpBoolParam } from './envelope';
import { matches, parseConditions } from './filters';
import { emptyReply, errorReply, jsonReply, jsonTextReply, type Reply } from './httpUtil';
import { conditionExpressions, idList, listEnvelope, listParams, selectEntities } from './listing';
import type { Database, Profile } from './model';
import { applyInterests, isMap, removeProfile, resolveFieldMap, updateEntity } from './mutations';
import { nowString } from './dates';
import {
  MESSAGES,
  created,
  createdByPut,
  invalidMethod,
  missingElement,
  putDone,
  type ApiEnv,
  type ApiRequest,
} from './replies';
import { collectionJson, databaseJson, fieldJson, interestJson, profileJson } from './serialize';
import { routeDatabaseViews } from './viewRoutes';

/**
 * POST database/$id or collection/$id without a body succeeds without X-Created (§6.3, observed):
 * POST is handled as PUT there, and a PUT without changes changes nothing.
 */
export function emptyPost(req: ApiRequest): boolean {
  if (req.method !== 'POST' || req.segments.length !== 2) return false;
  const body = req.body;
  return body === undefined || (isMap(body) && Object.keys(body).length === 0);
}

export function listDatabases(req: ApiRequest, env: ApiEnv): Reply {
  if (req.method !== 'GET') return invalidMethod();
  const paging = parsePaging(req.query, req.version === 1 ? 100 : 1000);
  return definitionReply(
    env,
    `v${req.version} databases ${paging.start} ${paging.limit} ${String(paging.total)}`,
    () => {
      return envelope([...env.store.databases.values()], paging, databaseJson);
    },
  );
}

/** An answer made of definitions only: rendered once per state of the definitions, if so configured. */
function definitionReply(env: ApiEnv, key: string, build: () => unknown): Reply {
  const render = (): string => JSON.stringify(build());
  return jsonTextReply(
    env.options.cacheDefinitionAnswers ? env.store.definitionAnswer(key, render) : render(),
  );
}

/** database/$db/<sub>: the database check comes before anything else in the path (§2.3). */
export function routeDatabase(req: ApiRequest, env: ApiEnv): Reply {
  const [, ref, sub] = req.segments;
  if (ref === undefined) return missingElement(1);
  const db = env.store.findDatabase(ref);
  if (!db) return errorReply(MESSAGES.noDatabase);
  const cap = req.version === 1 ? 100 : 1000;
  const get = req.method === 'GET';
  switch (sub) {
    case undefined:
      if (emptyPost(req)) return putDone(req, env);
      return get && req.segments.length === 2
        ? definitionReply(env, `v${req.version} database ${db.id}`, () => databaseJson(db))
        : invalidMethod();
    case 'views':
      return routeDatabaseViews(req, env, db);
    case 'fields':
      return get
        ? jsonReply(envelope(db.fields, parsePaging(req.query, cap), fieldJson))
        : invalidMethod();
    case 'interests':
      return get
        ? jsonReply(envelope(db.interests, parsePaging(req.query, cap), interestJson))
        : invalidMethod();
    case 'collections':
      return get
        ? jsonReply(envelope(db.collections, parsePaging(req.query, cap), collectionJson))
        : invalidMethod();
    case 'profileids':
      return get ? profileIds(req, env, db) : invalidMethod();
    case 'profiles':
      return routeProfiles(req, env, db);
    default:
      return invalidMethod();
  }
}

/** Extra path components after `profiles` are ignored (§4.6, §4.9). */
function routeProfiles(req: ApiRequest, env: ApiEnv, db: Database): Reply {
  switch (req.method) {
    case 'GET': {
      const params = listParams(req, db);
      const items = selectEntities(db.profiles, db, params, env);
      return jsonReply(
        listEnvelope(items, params, env, (p) => profileJson(db, p, params.dataOnly)),
      );
    }
    case 'POST':
      return createProfile(req, env, db);
    case 'PUT':
      return bulkUpdateProfiles(req, env, db);
    case 'DELETE':
      return bulkDeleteProfiles(req, env, db);
    default:
      return invalidMethod();
  }
}

function profileIds(req: ApiRequest, env: ApiEnv, db: Database): Reply {
  const { start, limit } = parsePaging(req.query, req.version === 1 ? 100 : 1000);
  const live = db.profiles.filter((p) => p.removed === false);
  const page = start < 0 || limit <= 0 ? [] : live.slice(start, start + limit);
  return jsonReply(idList(page, env));
}

/** The create body; v1 sent a flat field map instead of {fields, interests} (§4.9). */
function createBody(req: ApiRequest): { fields: unknown; interests: unknown } | undefined {
  const body = isMap(req.body) && !Array.isArray(req.body) ? req.body : {};
  const fields = req.version === 1 ? body : body.fields;
  // PHP would see a string/number/bool here, which is not an array: rejected.
  if (fields !== undefined && fields !== null && !isMap(fields)) return undefined;
  return { fields, interests: body.interests };
}

function newProfile(
  env: ApiEnv,
  db: Database,
  body: { fields: unknown; interests: unknown },
): Profile {
  const values = env.store.initialValues(db, resolveFieldMap(db, body.fields));
  const profile = env.store.addProfile(db, values, [], nowString());
  applyInterests(db, profile, body.interests, true);
  return profile;
}

function createProfile(req: ApiRequest, env: ApiEnv, db: Database): Reply {
  const body = createBody(req);
  if (!body) return errorReply(MESSAGES.invalidData);
  return created(req, env, 'profile', newProfile(env, db, body).id);
}

/** PUT database/$db/profiles?fields[]=…&create=1 (§4.11). */
function bulkUpdateProfiles(req: ApiRequest, env: ApiEnv, db: Database): Reply {
  const expressions = conditionExpressions(req.query);
  if (!expressions) return errorReply(MESSAGES.fieldsRequired);
  const body = createBody(req);
  if (!body) return errorReply(MESSAGES.invalidData);
  // Conditions on unknown fields are dropped: a filter of only those matches every profile (§4.11).
  const conditions = parseConditions(expressions, db);
  const targets = db.profiles.filter((p) => p.removed === false && matches(p, conditions));
  if (targets.length === 0 && phpBoolParam(req.query.create, false)) {
    return createdByPut(req, env, 'profile', newProfile(env, db, body).id);
  }
  for (const profile of targets) {
    updateEntity(db, profile, { fields: body.fields });
    applyInterests(db, profile, body.interests, true);
  }
  return putDone(req, env);
}

/** DELETE database/$db/profiles with {"profiles":[ids]} (§4.12). */
function bulkDeleteProfiles(req: ApiRequest, env: ApiEnv, db: Database): Reply {
  const ids =
    isMap(req.body) && Array.isArray((req.body as { profiles?: unknown }).profiles)
      ? (req.body as { profiles: unknown[] }).profiles
      : [];
  for (const id of ids) {
    const profile = env.store.findProfile(String(id));
    if (profile && profile.databaseId === db.id && profile.removed === false)
      removeProfile(env.store, profile);
  }
  return req.version >= 3 ? emptyReply(204) : emptyReply(200);
}
