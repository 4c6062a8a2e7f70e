// The same scenarios done the way a straightforward script would: plain fetch, one call after the
// other, offset paging with `start=`, one call per database and per collection for its
// definitions, no sharing of identical GETs. It signs in the same way (one JWT, not measured).
import type { SchemaSummary } from './ours';
import type { SimHost } from './simHost';

interface Envelope {
  count: number;
  total?: number;
  data: Record<string, unknown>[];
}

function asEnvelope(json: unknown): Envelope {
  const value = json as Partial<Envelope> | null;
  if (!value || !Array.isArray(value.data) || typeof value.count !== 'number')
    throw new Error('not a paging envelope');
  return {
    count: value.count,
    data: value.data,
    ...(typeof value.total === 'number' ? { total: value.total } : {}),
  };
}

const idOf = (item: Record<string, unknown>): string => String(item.ID);

export class NaiveScript {
  private constructor(
    private readonly base: string,
    private readonly jwt: string,
  ) {}

  static async signIn(host: SimHost): Promise<NaiveScript> {
    const res = await fetch(host.authUrl, {
      method: 'POST',
      body: new URLSearchParams({ access_token: host.token }),
    });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
    return new NaiveScript(`${host.url}/v4/`, (await res.text()).trim());
  }

  async get(path: string, query: Record<string, string> = {}): Promise<unknown> {
    const search = new URLSearchParams(query).toString();
    const res = await fetch(`${this.base}${path}${search === '' ? '' : `?${search}`}`, {
      headers: { Authorization: `Bearer ${this.jwt}` },
    });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** Size of an answer, for the report. */
  async answerKb(path: string, query: Record<string, string> = {}): Promise<number> {
    const res = await fetch(`${this.base}${path}?${new URLSearchParams(query).toString()}`, {
      headers: { Authorization: `Bearer ${this.jwt}` },
    });
    return Math.round((await res.arrayBuffer()).byteLength / 1024);
  }

  async put(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${this.jwt}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`PUT ${path}: ${res.status} ${await res.text()}`);
  }

  /** a. List the databases, then ask for each database's fields, interests and collections, and each collection's fields. */
  async wholeSchema(): Promise<SchemaSummary> {
    const summary: SchemaSummary = { databases: 0, collections: 0, fields: 0, interests: 0 };
    const databases = asEnvelope(await this.get('databases')).data;
    for (const db of databases) {
      summary.databases++;
      summary.fields += asEnvelope(await this.get(`database/${idOf(db)}/fields`)).count;
      summary.interests += asEnvelope(await this.get(`database/${idOf(db)}/interests`)).count;
      const collections = asEnvelope(await this.get(`database/${idOf(db)}/collections`)).data;
      for (const collection of collections) {
        summary.collections++;
        summary.fields += asEnvelope(await this.get(`collection/${idOf(collection)}/fields`)).count;
      }
    }
    return summary;
  }

  /** b. Offset paging until `start + count` reaches the total; only a count is kept. */
  async pageProfiles(databaseId: string, pageSize: number, pageTimes: number[]): Promise<number> {
    let seen = 0;
    for (let start = 0; ; start += pageSize) {
      const began = performance.now();
      const page = asEnvelope(
        await this.get(`database/${databaseId}/profiles`, {
          start: String(start),
          limit: String(pageSize),
        }),
      );
      pageTimes.push(performance.now() - began);
      seen += page.count;
      if (page.count === 0 || start + page.count >= (page.total ?? Infinity)) return seen;
    }
  }

  /** c. GET the profile, PUT all its fields back with one changed: no conflict check, no verification. */
  async openAndSave(profileId: string, fieldName: string, value: string): Promise<void> {
    const profile = (await this.get(`profile/${profileId}`)) as { fields: Record<string, string> };
    await this.put(`profile/${profileId}`, { fields: { ...profile.fields, [fieldName]: value } });
  }

  /** d. One collection after the other. */
  async subprofilesAcross(profileId: string, collectionIds: readonly string[]): Promise<number> {
    let count = 0;
    for (const id of collectionIds)
      count += asEnvelope(await this.get(`profile/${profileId}/subprofiles/${id}`)).count;
    return count;
  }

  /** e. Every caller sends its own GET. */
  async unsharedGets(profileId: string, callers: number): Promise<number> {
    const answers = await Promise.all(
      Array.from({ length: callers }, () => this.get(`profile/${profileId}`)),
    );
    return answers.length;
  }
}
