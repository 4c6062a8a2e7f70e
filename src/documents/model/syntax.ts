// Turns document text into a jsonc-parser tree, or into problems that say exactly where the text
// stops being JSON. Copernica would never see a comment or a trailing comma (JSON.parse would
// fail first), but the user should hear about them as their own mistakes, not as "invalid JSON".
import * as l10n from '@vscode/l10n';
import { type Node, type ParseError, createScanner, parseTree, printParseErrorCode } from './jsonc';
import { utf8Length } from './text';
import { MAX_PROBLEMS } from './tree';
import type { ProblemCode, ProblemSeverity } from './types';

/** A problem before line/column are known. */
export interface DraftProblem {
  severity: ProblemSeverity;
  code: ProblemCode;
  message: string;
  offset: number;
  length: number;
  field?: string;
  suggestion?: string;
}

// jsonc-parser declares SyntaxKind as a const enum, which isolatedModules cannot read: the
// values it documents, copied.
export const SyntaxKind = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  CommaToken: 5,
  LineCommentTrivia: 12,
  BlockCommentTrivia: 13,
  LineBreakTrivia: 14,
  Trivia: 15,
  EOF: 17,
} as const;

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/**
 * A profile document is 3 levels deep (document, fields, value). jsonc-parser recurses once per
 * level and overflows the stack near 10,000, so anything deeper than this is refused unparsed.
 */
export const MAX_DEPTH = 64;

export interface SyntaxResult {
  root?: Node;
  problems: DraftProblem[];
  /** Syntax problems beyond MAX_PROBLEMS (all errors), counted but not listed. */
  suppressed: number;
  /** True when the tree cannot be trusted (or is absent): skip the schema checks. */
  fatal: boolean;
}

function error(code: ProblemCode, message: string, offset: number, length: number): DraftProblem {
  return { severity: 'error', code, message, offset, length };
}

function sizeProblem(text: string): DraftProblem | undefined {
  if (
    text.length <= MAX_DOCUMENT_BYTES / 3 ||
    utf8Length(text, MAX_DOCUMENT_BYTES) <= MAX_DOCUMENT_BYTES
  )
    return undefined;
  const mb = (utf8Length(text, Infinity) / (1024 * 1024)).toFixed(1);
  return error(
    'too-large',
    l10n.t(
      'The document is too large ({0} MB); at most 5 MB can be saved. A profile this large is almost certainly pasted by mistake.',
      mb,
    ),
    0,
    0,
  );
}

interface ScanResult {
  problems: DraftProblem[];
  suppressed: number;
  tooDeep: boolean;
}

/**
 * One scanner pass (iterative, so safe on any nesting): depth, comments and trailing commas.
 * At most `budget` problems are listed, the rest counted: a pasted file can hold a comment a line.
 */
function scanProblems(text: string, budget: number): ScanResult {
  const problems: DraftProblem[] = [];
  let suppressed = 0;
  const add = (problem: () => DraftProblem): void => {
    if (problems.length < budget) problems.push(problem());
    else suppressed++;
  };
  const scanner = createScanner(text, false);
  let depth = 0;
  let comma: { offset: number } | undefined;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      const length = scanner.getTokenLength();
      add(() =>
        error(
          'comment',
          l10n.t('Comments are not allowed in JSON; remove the comment.'),
          offset,
          length,
        ),
      );
      continue;
    }
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    if ((kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) && comma) {
      const at = comma.offset;
      add(() =>
        error(
          'trailing-comma',
          l10n.t(
            'Trailing comma: JSON does not allow a comma before a closing bracket; remove it.',
          ),
          at,
          1,
        ),
      );
    }
    comma = kind === SyntaxKind.CommaToken ? { offset } : undefined;
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) depth++;
    else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) depth--;
    if (depth > MAX_DEPTH) {
      const message = l10n.t(
        'The document is nested more than {0} levels deep; a profile document has only three (document, "fields", value) and field values must be strings or numbers.',
        MAX_DEPTH,
      );
      return { problems: [error('too-deep', message, offset, 1)], suppressed: 0, tooDeep: true };
    }
  }
  return { problems, suppressed, tooDeep: false };
}

/** What jsonc-parser's error code means, in words; looked up per message, not at load time. */
function parseErrorText(code: ReturnType<typeof printParseErrorCode>): string {
  switch (code) {
    case 'InvalidNumberFormat':
      return l10n.t('invalid number');
    case 'PropertyNameExpected':
      return l10n.t('expected a property name in double quotes');
    case 'ValueExpected':
      return l10n.t('expected a value');
    case 'ColonExpected':
      return l10n.t('expected a colon after the property name');
    case 'CommaExpected':
      return l10n.t('expected a comma');
    case 'CloseBraceExpected':
      return l10n.t('expected a closing brace "}"');
    case 'CloseBracketExpected':
      return l10n.t('expected a closing bracket "]"');
    case 'EndOfFileExpected':
      return l10n.t('expected the end of the document (there must be only one top-level object)');
    case 'UnexpectedEndOfComment':
      return l10n.t('unterminated comment');
    case 'UnexpectedEndOfString':
      return l10n.t('unterminated string (a closing double quote is missing)');
    case 'UnexpectedEndOfNumber':
      return l10n.t('incomplete number');
    case 'InvalidUnicode':
      return l10n.t('invalid \\u escape (it needs four hexadecimal digits)');
    case 'InvalidEscapeCharacter':
      return l10n.t(
        'invalid escape sequence (JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)',
      );
    case 'InvalidCharacter':
      return l10n.t(
        'a control character (such as a tab or line break) inside a string must be written as an escape like \\t or \\n',
      );
    default:
      return l10n.t('invalid JSON');
  }
}

/** Explains an unexpected symbol, recognising the usual JavaScript-isms. */
function symbolMessage(text: string, offset: number, length: number): string {
  const symbol = text.slice(offset, offset + length);
  if (symbol.startsWith("'"))
    return l10n.t('strings and property names need double quotes, not single quotes');
  if (/^-?(NaN|Infinity)$/.test(symbol))
    return l10n.t('{0} is not a JSON value; write the value as a string', symbol);
  if (/^x[0-9a-f]*$/i.test(symbol) && text[offset - 1] === '0')
    return l10n.t('hexadecimal numbers are not allowed in JSON; write the number in decimal');
  if (/^(undefined|None|nil)$/.test(symbol)) return l10n.t('{0} is not a JSON value', symbol);
  if (symbol === '.' || /^\.\d/.test(symbol))
    return l10n.t('a number must start with a digit (write 0.5, not .5)');
  if (symbol.startsWith('+'))
    return l10n.t('a JSON number cannot start with "+"; leave the sign out');
  if (/^[A-Za-z_$][\w$]*$/.test(symbol) && /^\s*:/.test(text.slice(offset + length))) {
    return l10n.t('property names need double quotes: write "{0}"', symbol);
  }
  return l10n.t(
    'unexpected {0}',
    JSON.stringify(symbol.length > 20 ? `${symbol.slice(0, 20)}…` : symbol),
  );
}

function describe(text: string, e: ParseError): string {
  const code = printParseErrorCode(e.error);
  if (code === 'InvalidSymbol') return symbolMessage(text, e.offset, e.length);
  // jsonc-parser reads "01" as 0 followed by 1 and then wants a comma: say what is really wrong.
  if (code === 'CommaExpected' && /\d/.test(text[e.offset] ?? '') && text[e.offset - 1] === '0') {
    return l10n.t('numbers must not have leading zeros (write the value as a string to keep them)');
  }
  // A raw line break ends the string token early; "unterminated" alone would puzzle.
  if (code === 'UnexpectedEndOfString' && /[\r\n]/.test(text[e.offset + e.length] ?? '')) {
    return l10n.t('a string cannot continue on the next line; write a line break as \\n');
  }
  return parseErrorText(code);
}

/** Parses `text`; `position` formats an offset for the "line 3, column 14" in the message. */
export function parseDocumentText(
  text: string,
  position: (offset: number) => string,
): SyntaxResult {
  const tooLarge = sizeProblem(text);
  if (tooLarge) return { problems: [tooLarge], suppressed: 0, fatal: true };
  const problems: DraftProblem[] = [];
  let source = text;
  if (text.startsWith('\ufeff')) {
    // Keep offsets: replace the BOM with a space instead of removing it.
    source = ` ${text.slice(1)}`;
    problems.push({
      ...error('bom', l10n.t('The file starts with a byte order mark (BOM); it is ignored.'), 0, 1),
      severity: 'warning',
    });
  }
  if (source.trim() === '') {
    const empty = error(
      'empty-document',
      l10n.t('The document is empty. It must be a JSON object such as {"fields": {}}.'),
      0,
      0,
    );
    return { problems: [empty], suppressed: 0, fatal: true };
  }
  // One place is kept for the invalid-JSON problem, which says where the text stops being JSON.
  const scanned = scanProblems(source, MAX_PROBLEMS - problems.length - 1);
  // Not push(...list): spreading 100,000 arguments overflows the stack.
  for (const problem of scanned.problems) problems.push(problem);
  const { suppressed } = scanned;
  if (scanned.tooDeep) return { problems, suppressed, fatal: true };
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, {
    disallowComments: false,
    allowTrailingComma: true,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first) {
    const message = l10n.t({
      message: 'Invalid JSON at {0}: {1}.',
      args: [position(first.offset), describe(source, first)],
      comment: [
        '{0} is a position such as "line 3, column 14", {1} what is wrong, such as "expected a comma"',
      ],
    });
    problems.push(error('invalid-json', message, first.offset, Math.max(first.length, 1)));
    return { problems, suppressed, fatal: true, ...(root ? { root } : {}) };
  }
  return { problems, suppressed, fatal: root === undefined, ...(root ? { root } : {}) };
}
