// `npm run bench -- --import`: importing a file of N rows, half updates of existing profiles and
// half new ones, the extension's way — one pass over the database's profiles (pages of 1000) to
// match keys, then each row through the write engine (a create: POST + read-back; an update:
// re-read + PUT + read-back), `concurrency` rows at a time. Requests are counted by the simulator.
//   --rows N (default 10000)  --latency N (default 50)  --concurrency N (default 4, the setting's default)
import {
  applyPlan,
  findExisting,
  mapColumns,
  parseImport,
  planImport,
  writableRows,
} from '../../src/imports';
import { ownerOfProfile, type WriteDeps } from '../../src/profiles';
import { numberArg } from '../simulator/cliArgs';
import { schemaCacheFor, signedInClient } from './ours';
import { startSimHost } from './simHost';

export interface ImportBenchResult {
  rows: number;
  existing: number;
  latencyMs: number;
  concurrency: number;
  pages: number;
  creates: number;
  updates: number;
  requests: number;
  /** pages + 2 per create + 3 per update: what this way must send. */
  boundRequests: number;
  dryRunMs: number;
  applyMs: number;
  wallMs: number;
  /** pages × latency + (row requests ÷ concurrency) × latency: the critical path of this way. */
  boundMs: number;
  ratio: number;
}

export async function benchImport(o: {
  rows: number;
  latencyMs: number;
  concurrency: number;
  simulatorEntry?: string;
}): Promise<ImportBenchResult> {
  const existing = Math.floor(o.rows / 2);
  const host = await startSimHost(
    {
      latencyMs: 0,
      generate: {
        databases: 1,
        collectionsPerDatabase: 0,
        fieldsPerDatabase: 10,
        profilesPerDatabase: existing,
      },
    },
    o.simulatorEntry,
  );
  try {
    const client = await signedInClient(host);
    const deps: WriteDeps = {
      client,
      owners: { schema: schemaCacheFor(client), client: () => client },
      questions: { conflict: async () => 'cancel', confirm: async () => false },
      reports: { warn: () => undefined, log: () => undefined, afterWriteFailed: () => undefined },
    };
    const owner = await ownerOfProfile(deps.owners, 'Database_1');
    // The file: every existing profile with field_2 (an integer) changed, and as many new ones.
    const lines = ['email,field_2'];
    for await (const p of client.allProfiles(owner.database.ID))
      lines.push(`${p.fields.email},${Number(p.fields.field_2 ?? 0) + 1}`);
    for (let n = 1; lines.length <= o.rows; n++) lines.push(`new${n}@example.com,${n}`);
    const bytes = new TextEncoder().encode(lines.join('\n'));

    await host.setLatency(o.latencyMs);
    await host.clearRequests();
    const start = performance.now();
    const parsed = parseImport(bytes, 'bench.csv');
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const { table } = parsed;
    const mapping = mapColumns(
      table.columns,
      owner.schema.fields.map((f) => f.name),
    );
    const found = await findExisting(client, owner, table, mapping.mapped, ['email']);
    const plan = planImport({
      table,
      mapped: mapping.mapped,
      owner,
      keyFields: ['email'],
      action: 'update or add',
      existing: found.byKey,
    });
    const planned = performance.now();
    const results = await applyPlan(deps, plan, { concurrency: o.concurrency });
    const end = performance.now();
    const failed = results.filter((r) => r.outcome === 'failed');
    if (failed.length > 0)
      throw new Error(`${failed.length} rows failed: ${JSON.stringify(failed[0])}`);
    const requests = (await host.requests()).filter((r) => r.path.startsWith('/v4/'));
    const pages = requests.filter((r) => r.method === 'GET' && r.path.endsWith('/profiles')).length;
    const { create: creates, update: updates } = plan.counts;
    const rowRequests = 2 * creates + 3 * updates;
    const boundRequests = Math.floor(existing / 1000) + 1 + rowRequests;
    const boundMs = (pages + Math.ceil(rowRequests / o.concurrency)) * o.latencyMs;
    const wallMs = end - start;
    if (writableRows(plan).length !== o.rows) throw new Error('not every row was writable');
    return {
      rows: o.rows,
      existing,
      latencyMs: o.latencyMs,
      concurrency: o.concurrency,
      pages,
      creates,
      updates,
      requests: requests.length,
      boundRequests,
      dryRunMs: Math.round(planned - start),
      applyMs: Math.round(end - planned),
      wallMs: Math.round(wallMs),
      boundMs,
      ratio: boundMs > 0 ? Math.round((wallMs / boundMs) * 100) / 100 : NaN,
    };
  } finally {
    await host.close();
  }
}

export async function runImportBench(args: string[], simulatorEntry: string): Promise<void> {
  const result = await benchImport({
    rows: numberArg(args, '--rows') ?? 10_000,
    latencyMs: numberArg(args, '--latency') ?? 50,
    concurrency: numberArg(args, '--concurrency') ?? 4,
    simulatorEntry,
  });
  const r = result;
  console.log(
    [
      `\nImport bench: ${r.rows.toLocaleString('en')} rows (${r.updates} updates, ${r.creates} creates) into a database of ${r.existing.toLocaleString('en')} profiles, latency ${r.latencyMs} ms, concurrency ${r.concurrency}`,
      '',
      '| way | requests | bound (pages + 2/create + 3/update) | pages | dry run ms | apply ms | wall ms | lower bound ms | wall / bound |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
      `| write engine | ${r.requests} | ${r.boundRequests} | ${r.pages} | ${r.dryRunMs} | ${r.applyMs} | ${r.wallMs} | ${r.boundMs} | ${r.ratio} |`,
    ].join('\n'),
  );
  console.log(`\nJSON: ${JSON.stringify(result)}`);
}
