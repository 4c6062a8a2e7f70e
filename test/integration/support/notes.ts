// Each *.test.ts is bundled on its own, so module-level state is not shared between test files and
// the index: shared state lives on globalThis under one key.
interface Shared {
  notes: string[];
}

const KEY = '__copernicaIntegration';

export function shared(): Shared {
  const g = globalThis as unknown as Record<string, Shared | undefined>;
  const existing = g[KEY];
  if (existing) return existing;
  const created: Shared = { notes: [] };
  g[KEY] = created;
  return created;
}

/** A line for the harness's output (the extension host's console does not reach it). */
export function note(line: string): void {
  shared().notes.push(line);
}
