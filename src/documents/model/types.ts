// Types of the profile/subprofile document model. Pure data: no 'vscode' here, so the
// FileSystemProvider, diagnostics, completion and hover can all build on the same shapes.
import type { Field, Interest } from '../../api/types';

export type DocumentKind = 'profile' | 'subprofile';

/** What a document is checked against: the database's (or collection's) definitions. */
export interface DocumentSchema {
  kind: DocumentKind;
  fields: Field[];
  /** Profiles only: the database's interests. Without it interest names are not checked. */
  interests?: Interest[];
}

export type ProblemSeverity = 'error' | 'warning';

export type ProblemCode =
  | 'too-large'
  | 'too-deep'
  | 'empty-document'
  | 'invalid-json'
  | 'trailing-comma'
  | 'comment'
  | 'bom'
  | 'duplicate-key'
  | 'not-object'
  | 'unknown-key'
  | 'wrong-case'
  | 'unknown-field'
  | 'read-only'
  | 'wrong-type'
  | 'bad-value'
  | 'out-of-range'
  | 'too-long'
  | 'control-character'
  | 'unknown-interest'
  | 'duplicate-interest'
  | 'suspicious-email'
  | 'non-ascii-secret'
  | 'removed-entity'
  | 'too-many-problems';

export interface Problem {
  severity: ProblemSeverity;
  message: string;
  /** Offset and length (UTF-16 code units) of the key or value to underline. */
  offset: number;
  length: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like VS Code's columns. */
  column: number;
  code: ProblemCode;
  /** The field (definition name when known) the problem is about. */
  field?: string;
  /**
   * What to write instead, as a plain (unquoted) name or value: a field name, a choice, a value,
   * the read-only key's original value. An editor can offer it as a quick fix.
   */
  suggestion?: string;
}

/**
 * A document's content as the model understands it. Field keys use the definitions' names and
 * values are strings (numbers as written). Read-only keys are kept for conflict checks only.
 */
export interface ParsedDocument {
  kind: DocumentKind;
  fields: Record<string, string>;
  /** Profiles: the names of the interests that are set. Absent when the document has no `interests`. */
  interests?: string[];
  secret?: string;
  ID?: string;
  database?: string;
  profile?: string;
  collection?: string;
  created?: string;
  modified?: string;
  removed?: false | string;
}

export interface CheckResult {
  /** False when any problem is an error: the document must not be sent. */
  ok: boolean;
  /** Sorted by offset. */
  problems: Problem[];
  /** Present only when ok. */
  value?: ParsedDocument;
}
