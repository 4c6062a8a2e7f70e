// Test controls, in-process (createControls) and over HTTP under /__sim/ (handleControl), for tests
// that run in another process such as the VS Code extension host. Control requests need no
// auth, get no latency or faults and are not recorded.
//
//   POST   /__sim/latency       {"ms":50}
//   POST   /__sim/fail          {"count":1,"status":503,"body":"...","contentType":"text/html","headers":{},"method":"PUT","path":"^/v4/profile/"}
//   POST   /__sim/drop          {"count":1,"method":"GET","path":"..."}   socket destroyed, no response
//   POST   /__sim/truncate      {"count":1,...}                           real answer, body cut in half
//   POST   /__sim/hang          {"count":1,...}                           never answered until reset/close
//   POST   /__sim/stall         {"count":1,...}                           headers + half the body, then nothing
//   POST   /__sim/flood         {"count":1,...}                           200 with an endless body
//   POST   /__sim/quirks        {"ignoreStart":true,"ignoreIdConditions":true}   lists page wrongly until reset
//   POST   /__sim/revoke        token and all JWTs invalid ...
//   POST   /__sim/restore       ... until restored
//   POST   /__sim/expire-jwts   every JWT issued so far stops working
//   PUT    /__sim/profile/:id     {"fields":{...}}   another user's edit; bumps `modified`
//   PUT    /__sim/subprofile/:id  {"fields":{...}}
//   GET    /__sim/requests      → RecordedRequest[] (JSON)
//   DELETE /__sim/requests
//   POST   /__sim/reset         {"reseed":true}? clears faults, latency, log, revocation; optionally rebuilds the data
// Success is 204 (GET requests: 200 JSON); a bad request 400 and an unknown ID 404, with {"error":{"message"}}.
import { errorReply, jsonReply, emptyReply, type Reply } from './httpUtil';
import { changeBehindBack, isMap } from './mutations';
import type { SimState } from './state';
import type { FaultSpec, SimulatorControls } from './types';

export class NotFoundError extends Error {}

export function createControls(state: SimState): SimulatorControls {
  return {
    setLatency: (ms) => {
      state.latencyMs = ms;
    },
    failNext: (spec) => state.faults.add('fail', spec),
    dropNext: (spec) => state.faults.add('drop', spec),
    loseAnswerNext: (spec) => state.faults.add('lose', spec),
    truncateNext: (spec) => state.faults.add('truncate', spec),
    hangNext: (spec) => state.faults.add('hang', spec),
    stallNext: (spec) => state.faults.add('stall', spec),
    floodNext: (spec) => state.faults.add('flood', spec),
    setQuirks: (quirks) => {
      state.quirks = { ...quirks };
    },
    revokeToken: () => state.auth.revoke(),
    restoreToken: () => state.auth.restore(),
    expireJwts: () => state.auth.expireAll(),
    changeProfile: (id, fields) => {
      const profile = state.store.findProfile(id);
      if (!profile) throw new NotFoundError(`No profile ${id}`);
      changeBehindBack(state.store.databaseOf(profile), profile, fields);
    },
    changeSubprofile: (id, fields) => {
      const sub = state.store.findSubprofile(id);
      if (!sub) throw new NotFoundError(`No subprofile ${id}`);
      changeBehindBack(state.store.collectionOf(sub), sub, fields);
    },
    requests: () => state.log.slice(),
    clearRequests: () => {
      state.log = [];
    },
    reset: (options) => state.reset(options?.reseed === true),
  };
}

function parseJson(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const value: unknown = JSON.parse(text);
  if (!isMap(value) || Array.isArray(value)) throw new Error('body must be a JSON object');
  return value;
}

function stringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (isMap(value)) for (const [k, v] of Object.entries(value)) map[k] = String(v);
  return map;
}

/** Routes one /__sim/ request; `path` is the part after `/__sim`. */
export function handleControl(
  controls: SimulatorControls,
  method: string,
  path: string,
  bodyText: string,
): Reply {
  try {
    const body = parseJson(bodyText);
    const reply = dispatch(controls, method, path.replace(/\/+$/, ''), body);
    return reply ?? errorReply(`Unknown control ${method} /__sim${path}`, 404);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return errorReply(message, error instanceof NotFoundError ? 404 : 400);
  }
}

function dispatch(
  controls: SimulatorControls,
  method: string,
  path: string,
  body: Record<string, unknown>,
): Reply | undefined {
  const done = emptyReply(204);
  const spec = body as FaultSpec;
  const entity = /^\/(profile|subprofile)\/(\d+)$/.exec(path);
  if (method === 'PUT' && entity) {
    const fields = stringMap(body.fields);
    if (entity[1] === 'profile') controls.changeProfile(entity[2] ?? '', fields);
    else controls.changeSubprofile(entity[2] ?? '', fields);
    return done;
  }
  if (path === '/requests') {
    if (method === 'GET') return jsonReply(controls.requests());
    if (method === 'DELETE') {
      controls.clearRequests();
      return done;
    }
    return undefined;
  }
  if (method !== 'POST') return undefined;
  const actions: Record<string, () => void> = {
    '/latency': () => controls.setLatency(Number(body.ms ?? 0)),
    '/fail': () => controls.failNext(spec),
    '/drop': () => controls.dropNext(spec),
    '/lose-answer': () => controls.loseAnswerNext(spec),
    '/truncate': () => controls.truncateNext(spec),
    '/hang': () => controls.hangNext(spec),
    '/stall': () => controls.stallNext(spec),
    '/flood': () => controls.floodNext(spec),
    '/quirks': () =>
      controls.setQuirks({
        ignoreStart: body.ignoreStart === true,
        ignoreIdConditions: body.ignoreIdConditions === true,
      }),
    '/revoke': () => controls.revokeToken(),
    '/restore': () => controls.restoreToken(),
    '/expire-jwts': () => controls.expireJwts(),
    '/reset': () => controls.reset({ reseed: body.reseed === true }),
  };
  const action = actions[path];
  if (!action) return undefined;
  action();
  return done;
}
