import * as assert from 'node:assert';
import { loadDatabase, loadOriginal } from '../../fixtures/documents';
import { startSimulator, type Simulator } from '..';

describe('simulator: extraDatabases', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({
      extraDatabases: [{ database: loadDatabase(), profiles: [loadOriginal()] }],
    });
  });
  after(() => sim.close());

  it('serves an imported profile exactly as given, IDs included', async () => {
    const original = loadOriginal();
    const res = await fetch(`${sim.url}/v3/profile/${original.ID}?access_token=${sim.token}`);
    assert.strictEqual(res.status, 200);
    const served = (await res.json()) as typeof original;
    // Interests come in the database's interest order, whatever order the fixture lists them in.
    assert.deepStrictEqual(
      { ...served, interests: [...served.interests].sort() },
      { ...original, interests: [...original.interests].sort() },
    );
  });

  it('serves the imported database with its field definitions', async () => {
    const schema = loadDatabase();
    const res = await fetch(`${sim.url}/v3/database/${schema.ID}/fields?access_token=${sim.token}`);
    const body = (await res.json()) as { data: { ID: string; name: string; type: string }[] };
    assert.deepStrictEqual(
      body.data.map((f) => [f.ID, f.name, f.type]),
      schema.fields.data.map((f) => [f.ID, f.name, f.type]),
    );
  });
});
