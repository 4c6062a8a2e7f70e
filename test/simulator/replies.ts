// Copernica's exact error messages (§2.3) and the success replies that differ per API version (§2.2).
import { emptyReply, errorReply, type Query, type Reply } from './httpUtil';
import type { ResolvedOptions } from './options';
import type { Store } from './store';

export const MESSAGES = {
  invalidToken: 'Invalid access token',
  invalidMethod: 'Invalid method',
  noDatabase: 'No database with supplied ID',
  noCollection: 'No collection with given ID',
  noProfile: 'No entity with supplied ID',
  noSubprofile: 'No subprofile with supplied ID',
  subprofileNotCreated: 'Subprofile could not be created',
  invalidData: 'Invalid data provided',
  fieldsRequired: 'URL parameter fields is required',
  profileRemoved: 'This profile has already been removed',
  subprofileRemoved: 'This subprofile has already been removed',
  // Views and rules: the real messages are not documented; these follow the pattern above (§9).
  noView: 'No view with supplied ID',
  noMiniView: 'No miniview with supplied ID',
  noRule: 'No rule with supplied ID',
  noCondition: 'No condition with supplied ID',
  noName: 'No name supplied',
  noField: 'No field id supplied for the field',
  invalidConditionType: 'Invalid condition type',
} as const;

export function missingElement(n: number): Reply {
  return errorReply(`Invalid request, element ${n} is missing in 'directory' path`);
}

export const invalidMethod = (): Reply => errorReply(MESSAGES.invalidMethod);

export interface ApiRequest {
  /** 1-4; an unversioned (old-style) path counts as 2. */
  version: number;
  method: string;
  /** Path segments after the version, empty ones dropped. */
  segments: string[];
  query: Query;
  body: unknown;
  /** The request path without the version prefix, e.g. `/profile/5`. */
  resourcePath: string;
  /** The raw query string including `?`, or ''. */
  search: string;
}

export interface ApiEnv {
  store: Store;
  options: ResolvedOptions;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
}

/**
 * v3+: 204. v1/v2: 303 See Other to "the requested URL minus the version prefix" (observed), or 200.
 * The query string stays, so a client that follows the redirect still sends its token.
 */
export function putDone(req: ApiRequest, env: ApiEnv): Reply {
  if (req.version >= 3) return emptyReply(204);
  if (env.options.v2PutStatus === 200) return emptyReply(200);
  return emptyReply(303, { Location: `${env.baseUrl}${req.resourcePath}${req.search}` });
}

/** 201, empty body, X-Created with the bare ID, X-location of the new entity. */
export function created(req: ApiRequest, env: ApiEnv, entity: string, id: number): Reply {
  return emptyReply(201, {
    'X-Created': String(id),
    'X-location': `${env.baseUrl}/v${req.version}/${entity}/${id}`,
  });
}

/** A PUT that created an entity: 201 on v3+, 303 to the new entity on v1/v2. */
export function createdByPut(req: ApiRequest, env: ApiEnv, entity: string, id: number): Reply {
  if (req.version >= 3) return created(req, env, entity, id);
  return emptyReply(303, { Location: `${env.baseUrl}/${entity}/${id}` });
}

export function deleted(req: ApiRequest, entity: string, id: number): Reply {
  return emptyReply(req.version >= 3 ? 204 : 200, { 'X-deleted': `${entity} ${id}` });
}
