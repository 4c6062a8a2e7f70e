// Reaches a webview's DOM from the extension host through the harness's frame bridge
// (test/harness/frameBridge.js): evaluate a function in the frame that holds the grid, click in
// it with the real mouse, type with the real keyboard.
import { waitFor } from './setup';

async function call<T>(request: Record<string, unknown>): Promise<T> {
  const url = process.env.COPERNICA_BROWSER_BRIDGE;
  if (!url)
    throw new Error(
      'COPERNICA_BROWSER_BRIDGE is not set: run the suite through test/harness/run.js',
    );
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(request) });
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `bridge answered ${res.status}`);
  return body;
}

/** Runs `fn` (no closures: it is sent as source) in the grid's frame with `arg`. */
export async function inGrid<A, R>(fn: (arg: A) => R, arg?: A): Promise<R> {
  return (await call<{ value: R }>({ op: 'eval', fn: fn.toString(), arg })).value;
}

export async function click(selector: string, dbl = false): Promise<void> {
  await call({ op: 'click', selector, dbl });
}

export async function press(key: string): Promise<void> {
  await call({ op: 'press', key });
}

export async function type(text: string): Promise<void> {
  await call({ op: 'type', text });
}

/** Waits until the grid's frame answers `fn` with something truthy. */
export function waitInGrid<A, R>(
  what: string,
  fn: (arg: A) => R,
  arg?: A,
  timeoutMs = 15_000,
): Promise<NonNullable<R>> {
  return waitFor(what, () => inGrid(fn, arg), timeoutMs);
}
