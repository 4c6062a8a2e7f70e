// An import run without the editor: the file through the parser, the column mapping and the dry
// run against the simulator's Newsletter database, as Import… does before it asks to apply.
import * as assert from 'node:assert/strict';
import { CopernicaClient } from '../../../src/api/client';
import {
  type ColumnChoices,
  type ImportAction,
  type ImportPlan,
  findExisting,
  mapColumns,
  parseImport,
  planImport,
  renderPlan,
} from '../../../src/imports';
import { type ProfileOwner, type WriteDeps, ownerOfProfile } from '../../../src/profiles';
import { SchemaCache } from '../../../src/schema';
import type { Session } from '../../../src/session';
import type { Simulator } from '../../simulator/types';

export function clientFor(sim: Simulator): CopernicaClient {
  return new CopernicaClient({
    apiUrl: sim.url,
    authUrl: sim.authUrl,
    apiVersion: 'v4',
    token: sim.token,
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 20,
    timeoutMs: 5000,
  });
}

/** Write-engine callbacks as Import… sets them: never overwrite a changed profile, never repeat a lost create. */
export function importDeps(client: CopernicaClient, warnings: string[] = []): WriteDeps {
  const session: Pick<Session, 'client' | 'onDidChange'> = {
    client: () => client,
    onDidChange: () => ({ dispose: () => undefined }),
  };
  return {
    client,
    owners: { schema: new SchemaCache(session as Session), client: () => client },
    questions: { conflict: async () => 'cancel', confirm: async () => false },
    reports: {
      warn: (m) => warnings.push(m),
      log: () => undefined,
      afterWriteFailed: (e) => warnings.push(String(e)),
    },
  };
}

export async function newsletterOwner(deps: WriteDeps): Promise<ProfileOwner> {
  return ownerOfProfile(deps.owners, 'Newsletter');
}

export type DryRun =
  { ok: false; message: string } | { ok: true; plan: ImportPlan; report: string; read: number };

export interface DryRunOptions {
  keyFields?: string[];
  action?: ImportAction;
  columns?: ColumnChoices;
}

export async function dryRun(
  client: CopernicaClient,
  owner: ProfileOwner,
  bytes: Uint8Array,
  fileName: string,
  options: DryRunOptions = {},
): Promise<DryRun> {
  const parsed = parseImport(bytes, fileName);
  if (!parsed.ok) return { ok: false, message: parsed.problem.message };
  const { table } = parsed;
  const mapping = mapColumns(
    table.columns,
    owner.schema.fields.map((f) => f.name),
    options.columns,
  );
  if (mapping.problems.length > 0)
    return { ok: false, message: mapping.problems.map((p) => p.message).join('\n') };
  const keyFields = options.keyFields ?? ['email'];
  const existing = await findExisting(client, owner, table, mapping.mapped, keyFields);
  const plan = planImport({
    table,
    mapped: mapping.mapped,
    owner,
    keyFields,
    action: options.action ?? 'update or add',
    existing: existing.byKey,
  });
  const report = renderPlan(plan, {
    fileName,
    table,
    mapped: mapping.mapped,
    leftOut: mapping.leftOut,
  });
  return { ok: true, plan, report, read: existing.read };
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function assertOk(run: DryRun): asserts run is Extract<DryRun, { ok: true }> {
  assert.ok(run.ok, run.ok ? '' : run.message);
}
