// Looking for the API token and JWTs where they must never be: texts the extension produced,
// every file VS Code wrote for this run (settings, state databases, logs, caches), and a second
// server on loopback that plays the attacker and records whatever reaches it.
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** The names (never the values) of the texts that contain one of the secrets. */
export function textsWithSecrets(
  texts: readonly { where: string; text: string }[],
  secrets: readonly string[],
): string[] {
  return texts
    .filter(({ text }) => secrets.some((s) => text.includes(s)))
    .map(({ where }) => where);
}

/**
 * The folder of this test run (user data, HOME, browser profile, workspace), or undefined when it
 * cannot be told apart from a real home directory.
 */
export function runFolder(): string | undefined {
  const candidates = [process.env.COPERNICA_TEST_RESULTS, process.env.HOME]
    .filter((c): c is string => !!c)
    .map((c) => path.dirname(c));
  return candidates.find(
    (dir) => fs.existsSync(path.join(dir, 'user-data')) && fs.existsSync(path.join(dir, 'home')),
  );
}

function* filesUnder(dir: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/** Files under `dir` holding a secret as UTF-8 or as UTF-16 (how the browser's IndexedDB keeps strings). */
export function filesWithSecrets(
  dir: string,
  secrets: readonly string[],
): { scanned: number; found: string[] } {
  const needles = secrets.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
  const found: string[] = [];
  let scanned = 0;
  for (const file of filesUnder(dir)) {
    let content: Buffer;
    try {
      if (fs.statSync(file).size > 64 * 1024 * 1024) continue;
      content = fs.readFileSync(file);
    } catch {
      continue;
    }
    scanned += 1;
    if (needles.some((n) => content.includes(n))) found.push(path.relative(dir, file));
  }
  return { scanned, found };
}

export interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A server on loopback that records every request and answers each with a Copernica-style 400. */
export interface Attacker {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startAttacker(): Promise<Attacker> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Invalid method' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Where in a received request a secret is: 'url', 'headers', 'body' (empty when nowhere). */
export function secretPlaces(r: Received, secrets: readonly string[]): string[] {
  let url = r.url;
  try {
    url = decodeURIComponent(r.url);
  } catch {
    // A malformed escape: search the URL as it came.
  }
  const parts: [string, string][] = [
    ['url', `${r.url} ${url}`],
    ['headers', JSON.stringify(r.headers)],
    ['body', r.body],
  ];
  return parts.filter(([, text]) => secrets.some((s) => text.includes(s))).map(([where]) => where);
}
