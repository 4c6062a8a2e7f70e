// A second simulator for the bad-input corpus: the demo account plus the corpus' own database
// (test/fixtures/bad-profiles/schema.json, ID 7616) holding its profile (original.json, ID 18381),
// so each corpus document can be saved over a real opened profile exactly as it was written.
// The demo `Newsletter` has other field names, and the simulator has no seed option for this
// yet, so it is built here from the simulator's parts.
import type { AddressInfo } from 'node:net';
import type { FieldType } from '../../../src/api/types';
import { loadDatabase, loadOriginal } from '../../fixtures/documents';
import type { Simulator } from '../../simulator';
import { createControls } from '../../simulator/controls';
import { resolveOptions } from '../../simulator/options';
import { createSimServer } from '../../simulator/server';
import { SimState } from '../../simulator/state';
import type { Store } from '../../simulator/store';

function addCorpusDatabase(store: Store): void {
  const schema = loadDatabase();
  const original = loadOriginal();
  const db = store.addDatabase(schema.name, schema.description, schema.created);
  store.databases.delete(db.id);
  db.id = Number(schema.ID);
  store.databases.set(db.id, db);
  for (const f of schema.fields.data) {
    const def = store.addField(db, { name: f.name, type: f.type as FieldType, value: f.value, displayed: f.displayed, ordered: f.ordered, hidden: f.hidden, index: f.index });
    // As the corpus has them, not as the simulator would default them.
    Object.assign(def, { id: Number(f.ID), value: f.value, length: f.length, textlines: f.textlines });
  }
  for (const i of schema.interests.data) store.addInterest(db, i.name, i.group);
  const values = db.fields.map((f) => original.fields[f.name] ?? '');
  const interests = db.interests.filter((i) => original.interests.includes(i.name)).map((i) => i.id);
  const profile = store.addProfile(db, values, interests, original.created, original.modified);
  store.profiles.delete(profile.id);
  Object.assign(profile, { id: Number(original.ID), secret: original.secret });
  store.profiles.set(profile.id, profile);
}

/** Starts the corpus simulator on a free loopback port. */
export async function startCorpusSimulator(): Promise<Simulator> {
  const options = resolveOptions({});
  const state = new SimState(options);
  addCorpusDatabase(state.store);
  const controls = createControls(state);
  const server = createSimServer(state, controls);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host, () => resolve());
  });
  const url = `http://${options.host}:${(server.address() as AddressInfo).port}`;
  state.baseUrl = url;
  const close = (): Promise<void> => new Promise<void>((resolve) => {
    state.releaseHung();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return { url, authUrl: `${url}/authenticate`, token: options.token, controls, close };
}
