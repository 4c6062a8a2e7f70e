// Helpers over jsonc-parser nodes, shared by the checks.
import * as l10n from '@vscode/l10n';
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
    case 'null':
      return 'null';
    case 'boolean':
      return l10n.t({
        message: 'a boolean ({0})',
        args: [String(node.value)],
        comment: ['What was found where a value was expected; {0} is true or false'],
      });
    case 'array':
      return l10n.t({
        message: 'an array',
        comment: ['What was found where a value was expected'],
      });
    case 'object':
      return l10n.t({
        message: 'an object',
        comment: ['What was found where a value was expected'],
      });
    case 'number':
      return l10n.t({
        message: 'a number',
        comment: ['What was found where a value was expected'],
      });
    default:
      return l10n.t({
        message: 'a string',
        comment: ['What was found where a value was expected'],
      });
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

export function report(
  ctx: CheckContext,
  node: Node,
  problem: Omit<DraftProblem, 'offset' | 'length' | 'severity'> & {
    severity?: DraftProblem['severity'];
  },
): void {
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
            message: l10n.t({
              message: 'Duplicate key "{0}": it already appears at {1}. Remove one of them.',
              args: [name, ctx.position(first.offset)],
              comment: ['{1} is a position such as "line 3, column 14"'],
            }),
            field: name,
          });
        }
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
}
