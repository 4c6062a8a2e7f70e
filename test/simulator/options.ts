// Defaults of the simulator options, resolved once at start.
import type { GenerateSpec, ImportedDatabase, SimulatorOptions } from './types';

/** The API token of the demo account (printed by `npm run simulator`). */
export const DEMO_TOKEN = 'd3m0c0pern1ca5im0123456789abcdef';

export interface ResolvedOptions {
  port: number;
  host: string;
  token: string;
  latencyMs: number;
  bigProfiles: number;
  generate: GenerateSpec | undefined;
  authFailureStatus: 400 | 401;
  authEndpointFailureStatus: number;
  acceptQueryTokenOnV4: boolean;
  jwtLifetimeSeconds: number;
  emitNextId: boolean;
  subprofileListParams: boolean;
  v2PutStatus: 200 | 303;
  idsAsStrings: boolean;
  seed: number | undefined;
  extraDatabases: ImportedDatabase[];
  cacheDefinitionAnswers: boolean;
  viewListNested: boolean;
  emitInverted: boolean;
  ruleConditions: 'and' | 'or';
  inversedRules: 'or-not' | 'and-not';
  viewWithoutRules: 'empty' | 'parent';
  viewContents: 'live' | 'rebuild';
  rebuildStatus: 200 | 201 | 204;
  miniruleIdKey: 'id' | 'ID';
}

export function resolveOptions(o: SimulatorOptions = {}): ResolvedOptions {
  return {
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    token: o.token ?? DEMO_TOKEN,
    latencyMs: o.latencyMs ?? 0,
    bigProfiles: o.bigProfiles ?? 0,
    generate: o.generate,
    authFailureStatus: o.authFailureStatus ?? 400,
    authEndpointFailureStatus: o.authEndpointFailureStatus ?? 401,
    acceptQueryTokenOnV4: o.acceptQueryTokenOnV4 ?? false,
    jwtLifetimeSeconds: o.jwtLifetimeSeconds ?? 86_400,
    emitNextId: o.emitNextId ?? true,
    subprofileListParams: o.subprofileListParams ?? true,
    v2PutStatus: o.v2PutStatus ?? 303,
    idsAsStrings: o.idsAsStrings ?? true,
    extraDatabases: o.extraDatabases ?? [],
    seed: o.seed,
    cacheDefinitionAnswers: o.cacheDefinitionAnswers ?? true,
    viewListNested: o.viewListNested ?? false,
    emitInverted: o.emitInverted ?? false,
    ruleConditions: o.ruleConditions ?? 'and',
    inversedRules: o.inversedRules ?? 'or-not',
    viewWithoutRules: o.viewWithoutRules ?? 'empty',
    viewContents: o.viewContents ?? 'live',
    rebuildStatus: o.rebuildStatus ?? 204,
    miniruleIdKey: o.miniruleIdKey ?? 'id',
  };
}
