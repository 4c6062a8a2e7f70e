import * as vscode from 'vscode';
import type { Services } from '../services';
import type { CheckResult, ParsedDocument, Problem } from './model';

/** Thrown from writeFile when a document cannot be sent: the editor stays dirty and shows the message. */
export class DocumentRefusedError extends Error {
  constructor(message: string, readonly problems: readonly Problem[]) {
    super(message);
    // VS Code shows "Unable to write file '…' (<name>: <message>)": the name is what users read.
    this.name = 'Copernica';
  }
}

/** Thrown from writeFile when the user chose not to save (a conflict answered Compare or Cancel). */
export class SaveCancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Copernica';
  }
}

const SHOWN = 3;

function where(problem: Problem): string {
  return vscode.l10n.t('line {0}, column {1}', problem.line, problem.column);
}

/** The checked document, or a DocumentRefusedError naming each problem with its line and column. */
export function refuseInvalid(s: Services, label: string, check: CheckResult): ParsedDocument {
  if (check.ok && check.value) return check.value;
  const errors = check.problems.filter((p) => p.severity === 'error');
  // Syntax messages already say where they are; the others get their line and column in front.
  // The model words its positions with the same translated 'line {0}, column {1}' as where().
  const listed = errors.slice(0, SHOWN).map((p) => (p.message.includes(where(p)) ? p.message : `${where(p)}: ${p.message}`)).join(' ');
  const more = errors.length > SHOWN ? ` ${vscode.l10n.t('(and {0} more problems; see the Problems view)', errors.length - SHOWN)}` : '';
  const message = vscode.l10n.t('{0} was not saved. {1}{2}', capitalize(label), listed || vscode.l10n.t('The document is not valid.'), more);
  s.log.warn(message);
  throw new DocumentRefusedError(message, errors);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
