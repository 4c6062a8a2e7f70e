// What the write engine throws when a write must not happen or did not finish. Each carries the
// message a user reads; the editor layer turns them into a failed save (the editor stays dirty).
import * as l10n from '@vscode/l10n';
import { type ApiError, isApiError } from '../api/errors';
import type { Problem } from '../documents/model';
import type { Entity } from './kinds';

/** The edit cannot be sent: invalid JSON, an unknown field, a bad value, a removed entity. */
export class WriteRefusedError extends Error {
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    // VS Code shows "Unable to write file '…' (<name>: <message>)": the name is what users read.
    this.name = 'Copernica';
  }
}

/** The user chose not to write (a conflict answered Compare or Cancel, a create not confirmed). */
export class WriteCancelledError extends Error {
  constructor(
    message: string,
    readonly serverCopy?: Entity,
  ) {
    super(message);
    this.name = 'Copernica';
  }
}

/** A create whose answer was lost: Copernica may or may not have created the entity. */
export class AmbiguousCreateError extends Error {
  constructor(
    message: string,
    override readonly cause: ApiError,
  ) {
    super(message);
    this.name = 'Copernica';
  }
}

// Codes of failures that happen before a request is sent: nothing can have been created.
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'CERT_HAS_EXPIRED',
]);

/**
 * Whether a failed POST may have been carried out all the same: its answer was lost (a timeout, a
 * reset connection) or a gateway gave up waiting for Copernica (502, 504). A refused connection,
 * an unknown host or Copernica's own 400 mean it was not.
 */
export function mayHaveLanded(error: unknown): error is ApiError {
  if (!isApiError(error)) return false;
  if (error.kind === 'timeout') return true;
  if (error.kind === 'network') return !NOT_SENT.has(error.cause ?? '');
  return (
    error.kind === 'server' &&
    (error.status === undefined || error.status === 502 || error.status === 504)
  );
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const SHOWN = 3;

function where(problem: Problem): string {
  return l10n.t('line {0}, column {1}', problem.line, problem.column);
}

/** The refusal of a document with problems: each (up to three) with its line and column. */
export function refusal(label: string, problems: readonly Problem[]): WriteRefusedError {
  const errors = problems.filter((p) => p.severity === 'error');
  // Syntax messages already say where they are; the others get their line and column in front.
  const listed = errors
    .slice(0, SHOWN)
    .map((p) => (p.message.includes(where(p)) ? p.message : `${where(p)}: ${p.message}`))
    .join(' ');
  const more =
    errors.length > SHOWN
      ? ` ${l10n.t('(and {0} more problems; see the Problems view)', errors.length - SHOWN)}`
      : '';
  const message = l10n.t(
    '{0} was not saved. {1}{2}',
    capitalize(label),
    listed || l10n.t('The document is not valid.'),
    more,
  );
  return new WriteRefusedError(message, errors);
}
