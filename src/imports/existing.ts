// The profiles an import's rows may mean, found with one pass over the database: pages of 1000 by
// ID (the client's pageAll), keeping only profiles whose key occurs in the file. That costs
// ceil(profiles / 1000) requests whatever the file's size, and memory for the matches only — one
// lookup per row would cost a request per row (10,000 for a 10,000-row file).
import type { CopernicaClient } from '../api/client';
import { MAX_LIMIT } from '../api/query';
import type { Profile } from '../api/types';
import type { ProfileOwner } from '../profiles';
import type { MappedColumn } from './columns';
import { keyFunction } from './keys';
import { rowFields } from './plan';
import type { ImportTable } from './types';

export interface ExistingProfiles {
  byKey: Map<string, Profile[]>;
  /** How many profiles were read (for the log and the bench). */
  read: number;
}

export async function findExisting(
  client: Pick<CopernicaClient, 'allProfiles'>,
  owner: ProfileOwner,
  table: ImportTable,
  mapped: readonly MappedColumn[],
  keyFields: readonly string[],
  signal?: AbortSignal,
  onPage?: (read: number) => void,
): Promise<ExistingProfiles> {
  const keyOf = keyFunction(keyFields, owner.schema.fields);
  const wanted = new Set<string>();
  for (const row of table.rows) {
    const fields = rowFields(row, mapped);
    const key = keyOf((f) => fields[f]);
    if (key !== undefined) wanted.add(key);
  }
  const byKey = new Map<string, Profile[]>();
  let read = 0;
  if (wanted.size === 0) return { byKey, read };
  for await (const profile of client.allProfiles(owner.database.ID, { limit: MAX_LIMIT }, signal)) {
    read++;
    if (read % 1000 === 0) onPage?.(read);
    const key = keyOf((f) => profile.fields[f]);
    if (key === undefined || !wanted.has(key)) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), profile]);
  }
  return { byKey, read };
}
