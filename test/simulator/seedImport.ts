// Adds a database and its profiles given in the API's own JSON shape, keeping their IDs, values,
// secrets and dates exactly: a test can then open and save a fixture profile as it is written.
import type { FieldType } from '../../src/api/types';
import type { Store } from './store';
import type { ImportedDatabase } from './types';

export function importDatabase(store: Store, { database, profiles = [] }: ImportedDatabase): void {
  const db = store.addDatabase(database.name, database.description, database.created);
  store.databases.delete(db.id);
  db.id = Number(database.ID);
  store.databases.set(db.id, db);
  for (const f of database.fields.data) {
    const def = store.addField(db, {
      name: f.name,
      type: f.type as FieldType,
      value: f.value,
      displayed: f.displayed,
      ordered: f.ordered,
      hidden: f.hidden,
      index: f.index,
    });
    // As given, not as the simulator would default them.
    Object.assign(def, {
      id: Number(f.ID),
      value: f.value,
      length: f.length,
      textlines: f.textlines,
    });
  }
  for (const i of database.interests.data) store.addInterest(db, i.name, i.group);
  for (const given of profiles) {
    const values = db.fields.map((f) => given.fields[f.name] ?? '');
    const interests = db.interests.filter((i) => given.interests.includes(i.name)).map((i) => i.id);
    const profile = store.addProfile(db, values, interests, given.created, given.modified);
    store.profiles.delete(profile.id);
    Object.assign(profile, { id: Number(given.ID), secret: given.secret });
    store.profiles.set(profile.id, profile);
  }
}
