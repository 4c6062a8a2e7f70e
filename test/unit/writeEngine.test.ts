// The write engine (src/profiles) against the simulator over real HTTP: what reaches Copernica for
// each kind of edit, the questions asked, and what is reported. Plain Node, no 'vscode'.
import * as assert from 'node:assert/strict';
import { CopernicaClient } from '../../src/api/client';
import type { Database } from '../../src/api/types';
import {
  AmbiguousCreateError,
  DraftRecord,
  type Edit,
  type Entity,
  EntityRecord,
  type Owner,
  PROFILE,
  SUBPROFILE,
  WriteCancelledError,
  WriteRefusedError,
  checkDraft,
  confirmDelete,
  createEntity,
  deleteEntity,
  ownerOfProfile,
  ownerOfSubprofile,
  saveEntity,
  serializeEntity,
  type ConflictChoice,
  type WriteDeps,
} from '../../src/profiles';
import { SchemaCache } from '../../src/schema';
import type { Session } from '../../src/session';
import { startSimulator } from '../simulator';
import type { RecordedRequest, Simulator } from '../simulator/types';

interface Recorded {
  conflicts: string[];
  confirms: string[];
  warnings: string[];
  afterWrite: string[];
}

describe('write engine: one write path, against the simulator', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: CopernicaClient;
  let deps: WriteDeps;
  let said: Recorded;
  let conflictAnswer: ConflictChoice;
  let confirmAnswer: boolean;
  let newsletter: Database;

  const writes = (): RecordedRequest[] =>
    sim.controls.requests().filter((r) => r.method !== 'GET' && !r.path.endsWith('/authenticate'));
  const apiRequests = (): string[] =>
    sim.controls
      .requests()
      .filter((r) => r.path.startsWith('/v4/'))
      .map((r) => `${r.method} ${r.path}`);
  const bodyOf = (r: RecordedRequest | undefined): unknown => JSON.parse(r?.body ?? 'null');

  async function load(id: string): Promise<EntityRecord> {
    const entity = await client.profile(id);
    return new EntityRecord(PROFILE, entity, await PROFILE.ownerOf(deps.owners, entity));
  }

  /** The document text of `record` with `change` applied to its fields: what a user would save. */
  function edited(
    record: EntityRecord,
    change: Record<string, string>,
    interests?: string[],
  ): Edit {
    const original = record.original as Entity & { interests?: string[] };
    const entity = {
      ...original,
      fields: { ...original.fields, ...change },
      ...(interests ? { interests } : {}),
    };
    return { text: serializeEntity(entity as Entity, record.owner) };
  }

  async function firstProfileId(): Promise<string> {
    const page = await client.profiles(newsletter.ID, { limit: 1, total: false });
    const id = page.data[0]?.ID;
    assert.ok(id);
    return id;
  }

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => sim.close());
  beforeEach(async () => {
    sim.controls.reset({ reseed: true });
    client = new CopernicaClient({
      apiUrl: sim.url,
      authUrl: sim.authUrl,
      apiVersion: 'v4',
      token: sim.token,
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 20,
      timeoutMs: 2000,
    });
    const session: Pick<Session, 'client' | 'onDidChange'> = {
      client: () => client,
      onDidChange: () => ({ dispose: () => undefined }),
    };
    said = { conflicts: [], confirms: [], warnings: [], afterWrite: [] };
    conflictAnswer = 'cancel';
    confirmAnswer = false;
    deps = {
      client,
      owners: { schema: new SchemaCache(session as Session), client: () => client },
      questions: {
        conflict: async (message, detail) => {
          said.conflicts.push(`${message}\n${detail}`);
          return conflictAnswer;
        },
        confirm: async (message, detail) => {
          said.confirms.push(`${message}\n${detail}`);
          return confirmAnswer;
        },
      },
      reports: {
        warn: (message) => said.warnings.push(message),
        log: () => undefined,
        afterWriteFailed: (error, context) => said.afterWrite.push(`${context}: ${String(error)}`),
      },
    };
    const found = await deps.owners.schema.database('Newsletter');
    assert.ok(found);
    newsletter = found;
    sim.controls.clearRequests();
  });

  it('sends only the changed field in one PUT, between a re-read and a read-back', async () => {
    const record = await load(await firstProfileId());
    sim.controls.clearRequests();
    const result = await saveEntity(deps, record, edited(record, { firstname: 'Grace' }));
    assert.deepEqual(apiRequests(), [
      `GET /v4/profile/${record.id}`,
      `PUT /v4/profile/${record.id}`,
      `GET /v4/profile/${record.id}`,
    ]);
    assert.deepEqual(bodyOf(writes()[0]), { fields: { firstname: 'Grace' } });
    assert.equal(result.fresh?.fields.firstname, 'Grace');
    assert.equal(
      record.original.fields.firstname,
      'Grace',
      'the next edit is based on the copy read back',
    );
    assert.deepEqual(said.conflicts, []);
  });

  it('sends nothing for an unchanged document', async () => {
    const record = await load(await firstProfileId());
    sim.controls.clearRequests();
    const result = await saveEntity(deps, record, edited(record, {}));
    assert.equal(result.unchanged, true);
    assert.deepEqual(apiRequests(), []);
  });

  it('refuses a bad value with its line and column, before any request', async () => {
    const record = await load(await firstProfileId());
    sim.controls.clearRequests();
    await assert.rejects(
      saveEntity(deps, record, edited(record, { age: 'forty' })),
      (error: unknown) => {
        assert.ok(error instanceof WriteRefusedError);
        assert.match(error.message, /line \d+, column \d+/);
        assert.match(error.message, /age/);
        return true;
      },
    );
    assert.deepEqual(apiRequests(), []);
  });

  it('checks values given without a document (a table cell) with the same rules', async () => {
    const record = await load(await firstProfileId());
    sim.controls.clearRequests();
    await assert.rejects(
      saveEntity(deps, record, { values: { fields: { Country: 'Atlantis' } } }),
      WriteRefusedError,
    );
    await assert.rejects(saveEntity(deps, record, { values: { fields: { agee: '40' } } }), /age/);
    assert.deepEqual(apiRequests(), []);
    const other = record.original.fields.Country === 'DE' ? 'FR' : 'DE';
    await saveEntity(deps, record, { values: { fields: { Country: other } } });
    assert.deepEqual(bodyOf(writes()[0]), { fields: { Country: other } });
  });

  it('asks when someone else changed the profile; Cancel sends nothing', async () => {
    const record = await load(await firstProfileId());
    sim.controls.changeProfile(record.id, { lastname: 'Hopper' });
    sim.controls.clearRequests();
    await assert.rejects(
      saveEntity(deps, record, edited(record, { firstname: 'Grace' })),
      WriteCancelledError,
    );
    assert.equal(said.conflicts.length, 1);
    assert.match(said.conflicts[0] ?? '', /lastname/);
    assert.deepEqual(writes(), []);
  });

  it("Overwrite sends only this edit: the other person's change stays", async () => {
    const record = await load(await firstProfileId());
    sim.controls.changeProfile(record.id, { lastname: 'Hopper' });
    conflictAnswer = 'overwrite';
    const result = await saveEntity(deps, record, edited(record, { firstname: 'Grace' }));
    assert.deepEqual(bodyOf(writes()[0]), { fields: { firstname: 'Grace' } });
    assert.equal(result.fresh?.fields.lastname, 'Hopper');
  });

  it("Compare hands back Copernica's copy and sends nothing", async () => {
    const record = await load(await firstProfileId());
    sim.controls.changeProfile(record.id, { firstname: 'Ada' });
    conflictAnswer = 'compare';
    await assert.rejects(
      saveEntity(deps, record, edited(record, { firstname: 'Grace' })),
      (error: unknown) => {
        assert.ok(error instanceof WriteCancelledError);
        assert.equal(error.serverCopy?.fields.firstname, 'Ada');
        return true;
      },
    );
    assert.deepEqual(writes(), []);
  });

  it('says when Copernica stored a value differently from what was sent', async () => {
    const record = await load(await firstProfileId());
    await saveEntity(deps, record, edited(record, { score: '2.50' }));
    assert.equal(said.warnings.length, 1);
    assert.match(said.warnings[0] ?? '', /score/);
  });

  it('after a half-failed save, saving again sends only the rest and asks nothing', async () => {
    const record = await load(await firstProfileId());
    const interests = [...(record.original as { interests: string[] }).interests];
    const toggled = interests.includes('news')
      ? interests.filter((i) => i !== 'news')
      : [...interests, 'news'];
    const edit = edited(record, { firstname: 'Grace' }, toggled);
    sim.controls.failNext({ method: 'PUT', path: '/interests$', status: 400, count: 1 });
    await assert.rejects(saveEntity(deps, record, edit));
    assert.deepEqual(record.written?.fields, new Set(['firstname']));
    sim.controls.clearRequests();
    await saveEntity(deps, record, edit);
    assert.deepEqual(
      writes().map((r) => r.path),
      [`/v4/profile/${record.id}/interests`],
      'the fields are not sent twice',
    );
    assert.deepEqual(said.conflicts, [], "its own earlier write is no one else's change");
  });

  it('retries a PUT answered 503 and still sends only the changed field', async () => {
    const record = await load(await firstProfileId());
    sim.controls.failNext({ method: 'PUT', status: 503, count: 1 });
    await saveEntity(deps, record, edited(record, { firstname: 'Grace' }));
    const puts = writes().filter((r) => r.method === 'PUT');
    assert.equal(puts.length, 2);
    for (const put of puts) assert.deepEqual(bodyOf(put), { fields: { firstname: 'Grace' } });
  });

  it('refuses to change a removed profile', async () => {
    const record = await load(await firstProfileId());
    await client.deleteProfile(record.id);
    const removed = await load(record.id);
    sim.controls.clearRequests();
    await assert.rejects(
      saveEntity(deps, removed, edited(removed, { firstname: 'Grace' })),
      /removed/,
    );
    assert.deepEqual(writes(), []);
  });

  it('reloads the definitions once when Copernica sends a field they lack (added since they were read)', async () => {
    const real = deps.owners.schema;
    let clears = 0;
    const stale = {
      database: async (idOrName: string) => {
        const db = await real.database(idOrName);
        if (!db || clears > 0) return db;
        const data = db.fields.data.filter((f) => f.name !== 'notes');
        return { ...db, fields: { ...db.fields, data, count: data.length, total: data.length } };
      },
      collection: (id: string) => real.collection(id),
      collectionIn: (db: Database, idOrName: string) => real.collectionIn(db, idOrName),
      clear: () => {
        clears += 1;
        real.clear();
      },
    };
    const entity = await client.profile(await firstProfileId());
    const owner = await PROFILE.ownerOf({ schema: stale, client: () => client }, entity);
    assert.equal(clears, 1);
    assert.ok(owner.schema.fields.some((f) => f.name === 'notes'));
    const record = new EntityRecord(PROFILE, entity, owner);
    sim.controls.clearRequests();
    assert.equal(
      (await saveEntity(deps, record, edited(record, {}))).unchanged,
      true,
      'the unchanged document checks clean',
    );
  });

  describe('create', () => {
    let owner: Owner;
    const draftText = (fields: Record<string, string>): Edit => ({
      text: JSON.stringify({ fields, interests: [] }, null, 2),
    });

    beforeEach(async () => {
      owner = await ownerOfProfile(deps.owners, newsletter.ID);
      sim.controls.clearRequests();
    });

    it('creates with one POST, reads it back, and never POSTs the same draft again', async () => {
      const draft = new DraftRecord(PROFILE, { owner });
      const edit = draftText({ email: 'grace@example.com', firstname: 'Grace', age: '45' });
      const first = await createEntity(deps, draft, edit);
      assert.equal(first.fresh?.fields.firstname, 'Grace');
      const again = await createEntity(deps, draft, edit);
      assert.equal(again.id, first.id);
      assert.equal(writes().filter((r) => r.method === 'POST').length, 1);
    });

    it('refuses an invalid draft before any request', async () => {
      const draft = new DraftRecord(PROFILE, { owner });
      await assert.rejects(createEntity(deps, draft, draftText({ age: '4.5' })), WriteRefusedError);
      assert.deepEqual(apiRequests(), []);
    });

    it("checks a draft's values without sending (a tool before its confirmation), with the create's own rules", () => {
      const values = (fields: Record<string, string>): Edit => ({ values: { fields } });
      assert.throws(
        () => checkDraft({ kind: PROFILE, owner }, values({ age: '4.5' })),
        WriteRefusedError,
      );
      assert.throws(
        () => checkDraft({ kind: PROFILE, owner }, values({ emial: 'a@b.nl' })),
        /emial/,
      );
      assert.equal(
        checkDraft({ kind: PROFILE, owner }, values({ email: 'ok@example.com', age: '45' })).fields
          .age,
        '45',
      );
      assert.deepEqual(apiRequests(), []);
    });

    it('a lost answer says it may have been created; saving again finds it instead of creating twice', async () => {
      const draft = new DraftRecord(PROFILE, { owner });
      const edit = draftText({ email: 'lost@example.com', firstname: 'Lost', age: '30' });
      sim.controls.loseAnswerNext({ method: 'POST' });
      await assert.rejects(createEntity(deps, draft, edit), (error: unknown) => {
        assert.ok(error instanceof AmbiguousCreateError);
        assert.match(error.message, /may have been created/);
        return true;
      });
      const before = (
        await client.profiles(newsletter.ID, {
          conditions: [{ field: 'email', operator: '==', value: 'lost@example.com' }],
        })
      ).total;
      assert.equal(before, 1, 'Copernica did create it');
      const result = await createEntity(deps, draft, edit);
      assert.equal(result.found, true);
      const after = (
        await client.profiles(newsletter.ID, {
          conditions: [{ field: 'email', operator: '==', value: 'lost@example.com' }],
        })
      ).total;
      assert.equal(after, 1, 'never two profiles from one draft');
      assert.equal(writes().filter((r) => r.method === 'POST').length, 1);
    });

    it('a POST dropped before Copernica saw it: the next save looks, finds nothing, and creates once', async () => {
      const draft = new DraftRecord(PROFILE, { owner });
      const edit = draftText({ email: 'dropped@example.com', firstname: 'Dropped' });
      sim.controls.dropNext({ method: 'POST' });
      await assert.rejects(createEntity(deps, draft, edit), AmbiguousCreateError);
      // Newsletter holds more than a page of profiles: the engine cannot rule out an older one and asks.
      confirmAnswer = true;
      await createEntity(deps, draft, edit);
      assert.equal(said.confirms.length, 1);
      assert.match(said.confirms[0] ?? '', /may already have created/);
      const found = await client.profiles(newsletter.ID, {
        conditions: [{ field: 'email', operator: '==', value: 'dropped@example.com' }],
      });
      assert.equal(found.total, 1);
    });

    it('declining that question creates nothing', async () => {
      const draft = new DraftRecord(PROFILE, { owner });
      const edit = draftText({ email: 'declined@example.com' });
      sim.controls.dropNext({ method: 'POST' });
      await assert.rejects(createEntity(deps, draft, edit), AmbiguousCreateError);
      confirmAnswer = false;
      await assert.rejects(createEntity(deps, draft, edit), WriteCancelledError);
      assert.equal(writes().filter((r) => r.method === 'POST').length, 1);
    });

    it("a subprofile whose answer was lost is found among its profile's newest subprofiles", async () => {
      const customers = await deps.owners.schema.database('Customers');
      const orders = customers?.collections.data.find((c) => c.name === 'Orders');
      assert.ok(customers && orders);
      const subOwner = await ownerOfSubprofile(deps.owners, orders.ID);
      const profileId =
        (await client.profiles(customers.ID, { limit: 1, total: false })).data[0]?.ID ?? '';
      const draft = new DraftRecord(SUBPROFILE, { owner: subOwner, profileId });
      const edit: Edit = {
        text: JSON.stringify({ fields: { order_id: 'LOST-1', amount: '12.5' } }),
      };
      sim.controls.loseAnswerNext({ method: 'POST' });
      await assert.rejects(createEntity(deps, draft, edit), AmbiguousCreateError);
      const result = await createEntity(deps, draft, edit);
      assert.equal(result.found, true);
      const mine = (await client.subprofiles(profileId, orders.ID, { limit: 1000 })).data.filter(
        (s) => s.fields.order_id === 'LOST-1',
      );
      assert.equal(mine.length, 1);
    });
  });

  describe('delete', () => {
    it('asks first, naming the profile; declined sends nothing, confirmed sends one DELETE', async () => {
      const id = await firstProfileId();
      const entity = await client.profile(id);
      const owner = await PROFILE.ownerOf(deps.owners, entity);
      sim.controls.clearRequests();
      assert.equal(await confirmDelete(deps, PROFILE, entity, owner), 'declined');
      assert.match(said.confirms[0] ?? '', new RegExp(`profile ${id}`));
      assert.deepEqual(writes(), []);
      confirmAnswer = true;
      assert.equal(await confirmDelete(deps, PROFILE, entity, owner), 'confirmed');
      await deleteEntity(deps, PROFILE, id);
      assert.deepEqual(
        writes().map((r) => `${r.method} ${r.path}`),
        [`DELETE /v4/profile/${id}`],
      );
      const removed = await client.profile(id);
      assert.equal(await confirmDelete(deps, PROFILE, removed, owner), 'already-removed');
    });
  });
});

describe('write engine: fields named like Object.prototype keys (issue 14 item 8)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: CopernicaClient;
  const NAMES = ['__proto__', 'constructor', 'toString'];

  before(async () => {
    const field = (ID: string, name: string) => ({
      ID,
      name,
      type: 'text',
      value: '',
      displayed: true,
      ordered: false,
      length: '50',
      textlines: '1',
      hidden: false,
      index: false,
    });
    const envelope = <T>(data: T[]) => ({
      start: 0,
      limit: 1000,
      count: data.length,
      total: data.length,
      data,
    });
    const intentions = { email: false, sms: false, fax: false, pdf: false };
    const database = {
      ID: '9100',
      name: 'Prototypes',
      description: '',
      archived: false,
      created: '2024-01-01 00:00:00',
      fields: envelope([field('1', 'email'), ...NAMES.map((n, i) => field(String(i + 2), n))]),
      interests: envelope([]),
      collections: envelope([]),
      intentions,
    };
    const fields: Record<string, string> = {};
    for (const [name, value] of [
      ['email', 'p@example.com'],
      ['__proto__', 'proto value'],
      ['constructor', 'ctor value'],
      ['toString', 'str value'],
    ]) {
      Object.defineProperty(fields, name ?? '', {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const profile = {
      ID: '910001',
      fields,
      interests: [],
      database: '9100',
      secret: 'abcdef0123456789abcdef012345',
      created: '2024-01-01 00:00:00',
      modified: '2024-01-01 00:00:00',
      removed: false as const,
    };
    sim = await startSimulator({ extraDatabases: [{ database, profiles: [profile] }] });
    client = new CopernicaClient({
      apiUrl: sim.url,
      authUrl: sim.authUrl,
      apiVersion: 'v4',
      token: sim.token,
    });
  });
  after(async () => sim.close());

  it('load, check clean unchanged, and save one of them with only that field sent', async () => {
    const session: Pick<Session, 'client' | 'onDidChange'> = {
      client: () => client,
      onDidChange: () => ({ dispose: () => undefined }),
    };
    const deps: WriteDeps = {
      client,
      owners: { schema: new SchemaCache(session as Session), client: () => client },
      questions: { conflict: async () => 'cancel', confirm: async () => false },
      reports: { warn: () => undefined, log: () => undefined, afterWriteFailed: () => undefined },
    };
    const entity = await client.profile('910001');
    for (const name of NAMES)
      assert.ok(Object.prototype.hasOwnProperty.call(entity.fields, name), `${name} was loaded`);
    const record = new EntityRecord(PROFILE, entity, await PROFILE.ownerOf(deps.owners, entity));
    const text = serializeEntity(entity, record.owner);
    assert.doesNotThrow(() => JSON.parse(text), 'the document is valid JSON');
    assert.match(text, /"__proto__": "proto value"/);
    sim.controls.clearRequests();
    assert.equal((await saveEntity(deps, record, { text })).unchanged, true);
    const edited = text.replace('"ctor value"', '"new ctor"');
    const result = await saveEntity(deps, record, { text: edited });
    const put = sim.controls.requests().find((r) => r.method === 'PUT');
    assert.deepEqual(JSON.parse(put?.body ?? 'null'), { fields: { constructor: 'new ctor' } });
    assert.equal(result.fresh?.fields['constructor'], 'new ctor');
    assert.equal(result.fresh?.fields['__proto__'], 'proto value');
  });
});
