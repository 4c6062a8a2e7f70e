// Helpers over jsonc-parser nodes, shared by the checks.
import type { Node } from './jsonc';
import type { DraftProblem } from './syntax';
import type { DocumentSchema, ParsedDocument } from './types';

export interface Property {
  name: string;
  key: Node;
  /** Absent only in a broken tree, which the checks never see. */
  value?: Node;
}

export function properties(object: Node): Property[] {
  const result: Property[] = [];
  for (const prop of object.children ?? []) {
    const key = prop.children?.[0];
    if (!key) continue;
    const value = prop.children?.[1];
    result.push({ name: String(key.value), key, ...(value ? { value } : {}) });
  }
  return result;
}

/** The value as a string the way Copernica stores it: a string as is, a number as written. */
export function scalarText(text: string, node: Node): string | undefined {
  if (node.type === 'string') return String(node.value);
  // The source text, not String(value): it keeps "2.50" and digits beyond double precision.
  if (node.type === 'number') return text.slice(node.offset, node.offset + node.length);
  return undefined;
}

/** How a non-scalar node is named in a message. */
export function typeName(node: Node): string {
  switch (node.type) {
    case 'null': return 'null';
    case 'boolean': return `a boolean (${String(node.value)})`;
    case 'array': return 'an array';
    case 'object': return 'an object';
    case 'number': return 'a number';
    default: return 'a string';
  }
}

/** The state the document and its checks share while walking the tree. */
export interface CheckContext {
  text: string;
  schema: DocumentSchema;
  original?: ParsedDocument;
  problems: DraftProblem[];
  /** "line 3, column 14" for an offset, for messages that point elsewhere. */
  position: (offset: number) => string;
  /** Problems beyond MAX_PROBLEMS, counted but not listed. */
  suppressed: { errors: number; warnings: number };
}

/**
 * Enough to fix a pasted mess one screen at a time; also bounds the work (each unknown name is
 * compared with every field name for a suggestion).
 */
export const MAX_PROBLEMS = 200;

export function isFull(ctx: CheckContext): boolean {
  return ctx.problems.length >= MAX_PROBLEMS;
}

export function report(ctx: CheckContext, node: Node, problem: Omit<DraftProblem, 'offset' | 'length' | 'severity'> & { severity?: DraftProblem['severity'] }): void {
  const severity = problem.severity ?? 'error';
  if (isFull(ctx)) {
    if (severity === 'error') ctx.suppressed.errors++;
    else ctx.suppressed.warnings++;
    return;
  }
  ctx.problems.push({ ...problem, severity, offset: node.offset, length: node.length });
}

/** Duplicate keys at any level; JSON parsers silently keep one of them, so the user loses an edit. */
export function checkDuplicateKeys(ctx: CheckContext, root: Node): void {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const { name, key } of properties(node)) {
        const first = seen.get(name);
        if (!first) seen.set(name, key);
        else {
          report(ctx, key, {
            code: 'duplicate-key',
            message: `Duplicate key "${name}": it already appears at ${ctx.position(first.offset)}. Remove one of them.`,
            field: name,
          });
        }
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
}
