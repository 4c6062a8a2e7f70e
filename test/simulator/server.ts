// The HTTP front: control requests, request log, faults and latency, then auth and the API routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleControl } from './controls';
import { errorReply, parseBody, parseQuery, textReply, type Query, type Reply } from './httpUtil';
import { MESSAGES } from './replies';
import { routeApi, splitApiPath } from './router';
import type { SimState } from './state';
import type { RecordedRequest, SimulatorControls } from './types';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const hasBody = reply.status !== 204 && reply.status !== 304;
  // Encoded once: the length and the bytes sent come from the same buffer.
  const body = hasBody ? Buffer.from(reply.body) : undefined;
  res.writeHead(
    reply.status,
    body ? { ...reply.headers, 'Content-Length': String(body.length) } : reply.headers,
  );
  res.end(body);
}

/** Unref'd: a pending delay must not keep the process alive after close(). */
function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve();
}

/** Half of the body: valid start, invalid JSON — what a cut connection leaves behind. */
function truncated(reply: Reply): Reply {
  if (reply.body.length < 2) return reply;
  return { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) };
}

/** Headers and the first half of the body, then the connection is held open, sending nothing. */
function stall(state: SimState, res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Length': String(Math.max(body.length, 2)),
  });
  res.write(body.subarray(0, Math.floor(body.length / 2)));
  hold(state, res);
}

/** A JSON-looking body that never ends, written as fast as the client reads it. */
function flood(state: SimState, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.from(`${'"flood",'.repeat(8192)}`);
  res.write('[');
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk)) {
      /* until the socket's buffer is full */
    }
  };
  res.on('drain', pump);
  pump();
  hold(state, res);
}

function hold(state: SimState, res: ServerResponse): void {
  state.hung.add(res);
  res.on('close', () => state.hung.delete(res));
}

/** What a server with quirks reads from the query: `start` or the id conditions gone. */
function quirky(state: SimState, query: Query): Query {
  const { ignoreStart, ignoreIdConditions } = state.quirks;
  if (!ignoreStart && !ignoreIdConditions) return query;
  const result: Query = { ...query };
  if (ignoreStart) delete result.start;
  const conditions = result['fields[]'];
  if (ignoreIdConditions && Array.isArray(conditions))
    result['fields[]'] = conditions.filter((c) => !/^id\s*[<>=!]/i.test(c));
  return result;
}

function authenticate(
  state: SimState,
  method: string,
  bodyText: string,
  contentType: string | undefined,
  query: Query,
): Reply {
  if (method !== 'POST') return textReply(405, 'Method Not Allowed');
  const jwt = state.auth.authenticate(bodyText, contentType, query);
  // The auth service's failure answer is undocumented (§1.3 [?]): a short text with a configurable status.
  return jwt
    ? textReply(200, jwt)
    : textReply(state.options.authEndpointFailureStatus, 'Invalid access token');
}

function answer(
  state: SimState,
  req: IncomingMessage,
  url: URL,
  query: Query,
  bodyText: string,
): Reply {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const contentType = req.headers['content-type'];
  if (path.replace(/\/+$/, '') === '/authenticate')
    return authenticate(state, method, bodyText, contentType, query);
  const { version, segments, resourcePath } = splitApiPath(path);
  const { options } = state;
  if (
    !state.auth.authorizeApi(
      version,
      req.headers.authorization,
      query,
      options.acceptQueryTokenOnV4,
    )
  ) {
    return errorReply(MESSAGES.invalidToken, options.authFailureStatus);
  }
  const apiRequest = {
    version,
    method,
    segments,
    query: quirky(state, query),
    body: parseBody(bodyText, contentType),
    resourcePath,
    search: url.search,
  };
  try {
    return routeApi(apiRequest, { store: state.store, options, baseUrl: state.baseUrl });
  } catch (error) {
    // A simulator bug, not Copernica behaviour: make it loud.
    return errorReply(
      `Simulator error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      500,
    );
  }
}

async function handle(
  state: SimState,
  controls: SimulatorControls,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const bodyText = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = req.method ?? 'GET';
  if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/')) {
    send(res, handleControl(controls, method, url.pathname.slice('/__sim'.length), bodyText));
    return;
  }
  const query = parseQuery(url.search);
  const entry: RecordedRequest = {
    method,
    path: url.pathname,
    query,
    headers: flatHeaders(req),
    body: bodyText,
    time: Date.now(),
  };
  state.log.push(entry);
  const fault = state.faults.take(method, url.pathname);
  const slept = performance.now();
  await sleep(state.latencyMs);
  const answering = performance.now();
  entry.delayMs = answering - slept;
  if (fault?.kind === 'drop') {
    req.socket.destroy();
  } else if (fault?.kind === 'hang') {
    hold(state, res);
  } else if (fault?.kind === 'stall') {
    stall(state, res, answer(state, req, url, query, bodyText));
  } else if (fault?.kind === 'flood') {
    flood(state, res);
  } else if (fault?.kind === 'fail') {
    send(res, fault.reply);
  } else {
    const reply = answer(state, req, url, query, bodyText);
    // 'lose': Copernica did the work, but its answer never arrives.
    if (fault?.kind === 'lose') req.socket.destroy();
    else send(res, fault?.kind === 'truncate' ? truncated(reply) : reply);
  }
  // Until the answer is handed to the socket; sending it on is the network's part.
  entry.serverMs = performance.now() - answering;
}

export function createSimServer(state: SimState, controls: SimulatorControls): Server {
  return createServer((req, res) => {
    handle(state, controls, req, res).catch((error: unknown) => {
      send(res, errorReply(`Simulator error: ${String(error)}`, 500));
    });
  });
}
