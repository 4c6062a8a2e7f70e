// Dispatch of API paths (§1.1, §2.3): case-sensitive, trailing slashes ignored, unknown → "Invalid method".
import { listDatabases, routeDatabase } from './databaseRoutes';
import { jsonReply, type Reply } from './httpUtil';
import { routeProfile } from './profileRoutes';
import { invalidMethod, type ApiEnv, type ApiRequest } from './replies';
import { identityJson } from './serialize';
import { routeCollection, routeSubprofile } from './subprofileRoutes';
import { routeMinicondition, routeMinirule, routeMiniview } from './miniviewRoutes';
import { routeConditionOfView, routeRuleOfView, routeView } from './viewRoutes';

export function routeApi(req: ApiRequest, env: ApiEnv): Reply {
  switch (req.segments[0]) {
    case 'identity':
      return req.method === 'GET' && req.segments.length === 1
        ? jsonReply(identityJson(env.store.identity, req.version))
        : invalidMethod();
    case 'databases':
      return listDatabases(req, env);
    case 'database':
      return routeDatabase(req, env);
    case 'collection':
      return routeCollection(req, env);
    case 'profile':
      return routeProfile(req, env);
    case 'subprofile':
      return routeSubprofile(req, env);
    case 'view':
      return routeView(req, env);
    case 'rule':
      return routeRuleOfView(req, env);
    case 'condition':
      return routeConditionOfView(req, env);
    case 'miniview':
      return routeMiniview(req, env);
    case 'minirule':
      return routeMinirule(req, env);
    case 'minicondition':
      return routeMinicondition(req, env);
    default:
      return invalidMethod();
  }
}

/** `/v4/profile/5/` → version 4, ['profile', '5']; no version prefix is the old v2-era style (§1.1). */
export function splitApiPath(path: string): {
  version: number;
  segments: string[];
  resourcePath: string;
} {
  const m = /^\/v([1-4])(\/.*)?$/.exec(path);
  const version = m ? Number(m[1]) : 2;
  const rest = m ? (m[2] ?? '') : path;
  const resourcePath = rest.replace(/\/+$/, '');
  const segments = resourcePath
    .split('/')
    .filter((s) => s !== '')
    .map(decodeSegment);
  return { version, segments, resourcePath };
}

/** Database and collection names may arrive percent-encoded (`/database/My%20DB`). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
