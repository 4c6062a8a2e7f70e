// How deep a document nests and how many places a formatter may break a line, read with the
// same scanner jsonc-parser parses and formats with, so the guards see the tokens it will see
// (a string ends at a line break there: the brackets after an unterminated string are structure).
import { createScanner } from './jsonc';
import { SyntaxKind } from './syntax';

export interface Structure {
  /** The deepest nesting of objects and arrays. */
  deepest: number;
  /** Tokens after which the formatter may start a new, indented line. */
  breaks: number;
}

/** One iterative pass; stops as soon as the nesting goes deeper than `stopAbove`. */
export function measureStructure(text: string, stopAbove = Infinity): Structure {
  const scanner = createScanner(text, false);
  let depth = 0;
  let deepest = 0;
  let breaks = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      breaks++;
      deepest = Math.max(deepest, ++depth);
      if (deepest > stopAbove) break;
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      breaks++;
      depth--;
    } else if (
      kind === SyntaxKind.CommaToken ||
      kind === SyntaxKind.LineCommentTrivia ||
      kind === SyntaxKind.BlockCommentTrivia
    ) {
      breaks++;
    }
  }
  return { deepest, breaks };
}

/** jsonc-parser recurses per nesting level; a pathological document must not crash the editor. */
export function depthExceeds(text: string, limit: number): boolean {
  return measureStructure(text, limit).deepest > limit;
}
