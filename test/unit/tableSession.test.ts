// The table's host side against the simulator over real HTTP: a cell checked with the document's
// rules before anything is sent, Save per row through the write engine, a failed row keeping its
// edits. Plain Node, no 'vscode'.
import * as assert from 'node:assert/strict';
import { CopernicaClient } from '../../src/api/client';
import { type WriteDeps, ownerOfProfile } from '../../src/profiles';
import { SchemaCache } from '../../src/schema';
import type { Session } from '../../src/session';
import { RowModel } from '../../src/table/rows/rowModel';
import { rowSource } from '../../src/table/rows/rowSource';
import { TableSession } from '../../src/table/tableSession';
import { startSimulator } from '../simulator';
import type { RecordedRequest, Simulator } from '../simulator/types';

describe('Table: session edits and Save, against the simulator', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let deps: WriteDeps;
  let table: TableSession;

  const writes = (): RecordedRequest[] =>
    sim.controls.requests().filter((r) => r.method !== 'GET' && r.path.startsWith('/v4/'));

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => sim.close());
  beforeEach(async () => {
    sim.controls.reset({ reseed: true });
    const client = new CopernicaClient({
      apiUrl: sim.url,
      authUrl: sim.authUrl,
      apiVersion: 'v4',
      token: sim.token,
      retryLimit: 0,
      timeoutMs: 2000,
    });
    const session: Pick<Session, 'client' | 'onDidChange'> = {
      client: () => client,
      onDidChange: () => ({ dispose: () => undefined }),
    };
    deps = {
      client,
      owners: { schema: new SchemaCache(session as Session), client: () => client },
      questions: { conflict: async () => 'cancel', confirm: async () => false },
      reports: { warn: () => undefined, log: () => undefined, afterWriteFailed: () => undefined },
    };
    const owner = await ownerOfProfile(deps.owners, 'Newsletter');
    const source = rowSource(
      client,
      { type: 'database', database: owner.database.ID },
      owner.schema.fields,
    );
    const model = new RowModel(source.fetch, { pageSize: 50 });
    await model.open();
    table = new TableSession(source, owner, model);
    sim.controls.clearRequests();
  });

  const rowIds = async (): Promise<[string, string]> => {
    const rows = (await table.model.page(0)).rows;
    return [rows[0]?.ID ?? '', rows[1]?.ID ?? ''];
  };

  it('marks a bad value with the field rule message, keeps it out of Save, and sends nothing', async () => {
    const [id] = await rowIds();
    const edit = table.edit(id, 'age', 'twelve');
    assert.match(edit.error ?? '', /integer|whole number/i);
    assert.deepEqual(table.planned(), []);
    assert.deepEqual(await table.save(deps, table.planned()), []);
    assert.deepEqual(writes(), []);
    assert.equal(table.allEdits().length, 1, 'the bad value stays on its cell');
  });

  it('an edit back to the stored value is no edit', async () => {
    const [id] = await rowIds();
    const stored = (await table.model.page(0)).rows[0]?.fields.firstname ?? '';
    table.edit(id, 'firstname', `${stored}x`);
    table.edit(id, 'firstname', stored);
    assert.deepEqual(table.allEdits(), []);
  });

  it('saves each row with one PUT of its changed fields; a failed row keeps its edits', async () => {
    const [a, b] = await rowIds();
    table.edit(a, 'firstname', 'Ada');
    table.edit(b, 'firstname', 'Bea');
    table.edit(b, 'lastname', 'Bee');
    sim.controls.failNext({ method: 'PUT', path: `/profile/${b}$`, status: 400, count: 1 });
    const outcomes = await table.save(deps, table.planned());
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.ok]),
      [
        [a, true],
        [b, false],
      ],
    );
    assert.match(outcomes[0]?.message ?? '', /firstname="Ada"/);
    const sent = writes();
    assert.deepEqual(
      sent.map((r) => [r.method, r.path, JSON.parse(r.body)]),
      [
        ['PUT', `/v4/profile/${a}`, { fields: { firstname: 'Ada' } }],
        ['PUT', `/v4/profile/${b}`, { fields: { firstname: 'Bea', lastname: 'Bee' } }],
      ],
    );
    assert.deepEqual(
      table.allEdits().map((e) => [e.id, e.column, e.value]),
      [
        [b, 'firstname', 'Bea'],
        [b, 'lastname', 'Bee'],
      ],
    );
    // The row model shows what Copernica stored for the saved row.
    assert.equal(table.model.find(a)?.fields.firstname, 'Ada');
  });
});
