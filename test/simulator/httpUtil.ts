// Request parsing and reply building shared by the API routes and the control endpoints.

export type Query = Record<string, string | string[]>;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * PHP-style query parsing: `name[]=a&name[]=b` and `name%5B0%5D=…` collect under `name[]`
 * (keys inside the brackets ignored, §2.1); a repeated plain name keeps the last value.
 */
export function parseQuery(search: string): Query {
  const query: Query = {};
  const text = search.startsWith('?') ? search.slice(1) : search;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    const bracket = /^([^[]+)\[[^\]]*\]$/.exec(name);
    if (bracket) {
      const key = `${bracket[1]}[]`;
      const list = query[key];
      query[key] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      query[name] = value;
    }
  }
  return query;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Picks the parser from Content-Type like the API does (§2.1); undecodable bodies count as empty. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === '') return undefined;
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return parseForm(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return type.includes('json') ? undefined : parseForm(text);
  }
}

/** `fields[email]=x&interests[]=a` into nested objects/lists, as PHP's $_POST. */
export function parseForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(name);
    const keys = m
      ? [m[1] ?? '', ...[...(m[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((k) => k[1] ?? '')]
      : [name];
    assignPath(root, keys, value);
  }
  return root;
}

function assignPath(root: Record<string, unknown>, keys: string[], value: string): void {
  let node: Record<string, unknown> | unknown[] = root;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const container: Record<string, unknown> = node as Record<string, unknown>;
    const slot = key === '' && Array.isArray(node) ? String(node.length) : key;
    if (last) {
      if (Array.isArray(node) && key === '') node.push(value);
      else container[slot] = value;
      return;
    }
    const nextIsList = keys[i + 1] === '';
    let child = container[slot];
    if (child === null || typeof child !== 'object') {
      child = nextIsList ? [] : {};
      if (Array.isArray(node) && key === '') node.push(child);
      else container[slot] = child;
    }
    node = child as Record<string, unknown> | unknown[];
  });
}

/** Exactly `application/json`, no charset: Copernica's own helper compares it literally (§2.2). */
export function jsonReply(
  value: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Reply {
  return jsonTextReply(JSON.stringify(value), status, headers);
}

/** A reply whose JSON is already rendered. */
export function jsonTextReply(
  text: string,
  status = 200,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: text };
}

/** Copernica answers 400 with this shape for every error, "not found" included (§2.3). */
export function errorReply(message: string, status = 400): Reply {
  return jsonReply({ error: { message } }, status);
}

export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: '' };
}

export function textReply(status: number, body: string, contentType = 'text/plain'): Reply {
  return { status, headers: { 'Content-Type': contentType }, body };
}
