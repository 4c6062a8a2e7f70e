// The questions of Import… that its argument did not answer: which file, which columns, which key
// fields, which action. Each returns undefined when the user dismissed it.
import * as vscode from 'vscode';
import type { Field } from '../api/types';
import {
  type ColumnChoices,
  type ColumnProblem,
  IMPORT_ACTIONS,
  type ImportAction,
  type MappedColumn,
  suggestedChoices,
} from '../imports';
import type { Prompter } from '../ui/prompter';

export async function pickFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import into Copernica'),
    openLabel: vscode.l10n.t('Import'),
    canSelectMany: false,
    filters: { [vscode.l10n.t('CSV or JSON Lines')]: ['csv', 'tsv', 'txt', 'jsonl', 'ndjson'] },
  });
  return picked?.[0];
}

/**
 * Columns that are not exact field names: the user is shown each with the field it probably means
 * and may accept the suggestions (the rest left out), or stop. Undefined: stopped.
 */
export async function askColumns(
  prompter: Prompter,
  database: string,
  problems: readonly ColumnProblem[],
): Promise<ColumnChoices | undefined> {
  const detail = [
    ...problems.map((p) => p.message),
    '',
    problems.some((p) => p.suggestion === undefined)
      ? vscode.l10n.t('Use the suggested fields and leave the other columns out of the import?')
      : vscode.l10n.t('Use the suggested fields?'),
  ].join('\n');
  const ok = await prompter.confirm(
    vscode.l10n.t('{0} columns of the file are not fields of {1}.', problems.length, database),
    detail,
    vscode.l10n.t('Use Suggestions'),
  );
  return ok ? suggestedChoices(problems) : undefined;
}

export async function pickKeyFields(
  mapped: readonly MappedColumn[],
  fields: readonly Field[],
): Promise<string[] | undefined> {
  const email = fields.find((f) => f.type === 'email')?.name;
  const picked = await vscode.window.showQuickPick(
    mapped.map((m) => ({
      label: m.field,
      description: m.column === m.field ? undefined : vscode.l10n.t('column {0}', m.column),
      picked: m.field === email,
    })),
    {
      title: vscode.l10n.t('Import: key fields'),
      placeHolder: vscode.l10n.t('The fields that identify an existing profile (e.g. email)'),
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  return picked && picked.length > 0 ? picked.map((p) => p.label) : undefined;
}

export async function pickAction(): Promise<ImportAction | undefined> {
  const labels: Record<ImportAction, string> = {
    add: vscode.l10n.t('Add: create profiles for new keys, leave existing profiles alone'),
    update: vscode.l10n.t('Update: change existing profiles, add none'),
    'update or add': vscode.l10n.t('Update or add: change existing profiles, create the others'),
  };
  const picked = await vscode.window.showQuickPick(
    IMPORT_ACTIONS.map((action) => ({ label: action, detail: labels[action], action })),
    { title: vscode.l10n.t('Import: what to do per row'), ignoreFocusOut: true },
  );
  return picked?.action;
}
