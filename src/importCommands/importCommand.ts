// Import…: a CSV or JSON Lines file into a database. The dry run always comes first — its report
// shows every create, every changed field old → new, and every refused row with its line and
// column — and nothing is written until the user confirms it. Writes go through the write engine.
import * as vscode from 'vscode';
import type { Database } from '../api/types';
import { CommandIds } from '../commands/ids';
import { ownerSource } from '../documents/fetchEntity';
import {
  type ImportPlan,
  type ImportTable,
  LIMITS,
  type RowResult,
  applyPlan,
  findExisting,
  lineList,
  mapColumns,
  parseImport,
  planImport,
  renderPlan,
  renderResult,
  writableRows,
} from '../imports';
import { type ProfileOwner, type WriteDeps, ownerOfProfile } from '../profiles';
import type { Services, Uses } from '../services';
import { describeError } from '../ui/describeError';
import { pickDatabase, withProgress } from '../ui/prompts';
import { writeDeps } from '../writeDeps';
import { type ImportArgs, readArgs } from './importArgs';
import { askColumns, pickAction, pickFile, pickKeyFields } from './importQuestions';
import { disposeReports, reports, showReport } from './reportDocument';

/** What the command resolves with, for scripts and tests. */
export interface ImportOutcome {
  report: string;
  counts: ImportPlan['counts'];
  applied: boolean;
  cancelled: boolean;
  results: RowResult[];
}

export function disposeImports(): void {
  disposeReports();
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

async function readTable(file: vscode.Uri): Promise<ImportTable> {
  const stat = await vscode.workspace.fs.stat(file);
  // Checked before reading: a huge file is refused without being loaded into memory.
  if (stat.size > LIMITS.MAX_FILE_BYTES)
    throw new Error(
      vscode.l10n.t(
        '{0} is {1} MB; an import may be at most {2} MB. Split it into smaller files.',
        basename(file),
        (stat.size / 1024 / 1024).toFixed(1),
        LIMITS.MAX_FILE_BYTES / 1024 / 1024,
      ),
    );
  const parsed = parseImport(await vscode.workspace.fs.readFile(file), basename(file));
  if (!parsed.ok)
    throw new Error(
      vscode.l10n.t('{0} cannot be imported: {1}', basename(file), parsed.problem.message),
    );
  return parsed.table;
}

/** The mapping of the file's columns; asks about (or refuses) any column that is not a field's exact name. */
async function columnsFor(
  s: Uses<'prompter'>,
  args: ImportArgs,
  table: ImportTable,
  owner: ProfileOwner,
) {
  const names = owner.schema.fields.map((f) => f.name);
  let mapping = mapColumns(table.columns, names, args.columns);
  if (mapping.problems.length > 0 && args.columns === undefined) {
    const choices = await askColumns(s.prompter, owner.database.name, mapping.problems);
    if (choices) mapping = mapColumns(table.columns, names, choices);
  }
  if (mapping.problems.length > 0)
    throw new Error(
      vscode.l10n.t('Nothing was imported: {0}', mapping.problems.map((p) => p.message).join(' ')),
    );
  if (mapping.mapped.length === 0)
    throw new Error(
      vscode.l10n.t(
        'Nothing was imported: no column of the file is a field of {0}.',
        owner.database.name,
      ),
    );
  return mapping;
}

export async function importProfiles(
  s: Services,
  arg: unknown,
): Promise<ImportOutcome | undefined> {
  const args = readArgs(arg);
  const title = vscode.l10n.t('Import into Copernica');
  const database: Database | undefined = await pickDatabase(
    s,
    args.database,
    title,
    vscode.l10n.t('Database to import into'),
  );
  const file = args.file ?? (database ? await pickFile() : undefined);
  if (!database || !file) return undefined;
  const table = await readTable(file);
  const owner = await withProgress(
    vscode.l10n.t('Reading the fields of {0}…', database.name),
    (signal) => ownerOfProfile(ownerSource(s), database.ID, signal),
  );
  const mapping = await columnsFor(s, args, table, owner);
  const keyFields = args.keyFields ?? (await pickKeyFields(mapping.mapped, owner.schema.fields));
  if (!keyFields) return undefined;
  const unmapped = keyFields.filter((k) => !mapping.mapped.some((m) => m.field === k));
  if (unmapped.length > 0)
    throw new Error(
      vscode.l10n.t('The key fields {0} are not columns of the file.', unmapped.join(', ')),
    );
  const action = args.action ?? (await pickAction());
  if (!action) return undefined;

  const client = await s.session.readyClient();
  const existing = await withProgress(
    vscode.l10n.t('Reading the profiles of {0}…', database.name),
    (signal) => findExisting(client, owner, table, mapping.mapped, keyFields, signal),
    true,
  );
  s.log.info(
    `Import into ${database.name}: ${table.rows.length} rows; ${existing.read} profiles read to match keys`,
  );
  const plan = planImport({
    table,
    mapped: mapping.mapped,
    owner,
    keyFields,
    action,
    existing: existing.byKey,
  });
  const source = {
    fileName: basename(file),
    table,
    mapped: mapping.mapped,
    leftOut: mapping.leftOut,
  };
  const uri = reports().newUri(database.name, basename(file));
  let text = renderPlan(plan, source);
  await showReport(uri, text);
  const outcome = (applied: boolean, cancelled: boolean, results: RowResult[]): ImportOutcome => ({
    report: uri.toString(),
    counts: plan.counts,
    applied,
    cancelled,
    results,
  });

  const writable = writableRows(plan).length;
  if (writable === 0) {
    void s.notifier.info(
      vscode.l10n.t('Nothing to import into {0}: the report shows why.', database.name),
    );
    return outcome(false, false, []);
  }
  const confirmed = await s.prompter.confirm(
    vscode.l10n.t(
      'Import into {0}: create {1} and update {2} profiles?',
      database.name,
      plan.counts.create,
      plan.counts.update,
    ),
    vscode.l10n.t(
      'The report shows every change. {0} rows are refused, {1} skipped and {2} unchanged: nothing is written for them.',
      plan.counts.refused,
      plan.counts.skipped,
      plan.counts.unchanged,
    ),
    vscode.l10n.t('Import'),
  );
  if (!confirmed) return outcome(false, false, []);

  const results = await applyWithProgress(s, plan, args.signal);
  const cancelled = results.some((r) => r.outcome === 'not run');
  text += renderResult(results, cancelled);
  reports().set(uri, text);
  notifyResult(s, database.name, results, cancelled);
  return outcome(true, cancelled, results);
}

/** Import rows are not edits in an open editor: a profile changed since the dry run is not overwritten, a lost create is not repeated. */
function importDeps(s: Uses<'log'>, base: WriteDeps): WriteDeps {
  return {
    ...base,
    questions: { conflict: () => Promise.resolve('cancel'), confirm: () => Promise.resolve(false) },
    reports: {
      // Coercions are listed in the report per line, not as one notification per row.
      warn: (message) => s.log.warn(message),
      log: (line) => s.log.info(line),
      afterWriteFailed: (error, context) =>
        s.log.warn(`${context}: ${error instanceof Error ? error.message : String(error)}`),
    },
  };
}

function concurrency(): number {
  const value = vscode.workspace.getConfiguration('copernica').get<number>('import.concurrency', 4);
  return Number.isFinite(value) ? Math.min(16, Math.max(1, Math.round(value))) : 4;
}

async function applyWithProgress(
  s: Services,
  plan: ImportPlan,
  external?: AbortSignal,
): Promise<RowResult[]> {
  const deps = importDeps(s, await writeDeps(s));
  const total = writableRows(plan).length;
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Importing into {0}', plan.owner.database.name),
      cancellable: true,
    },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      external?.addEventListener('abort', () => controller.abort());
      if (external?.aborted) controller.abort();
      return applyPlan(deps, plan, {
        concurrency: concurrency(),
        describe: describeError,
        signal: controller.signal,
        onProgress: (p) =>
          progress.report({
            increment: 100 / total,
            message: vscode.l10n.t('{0} of {1} rows, {2} failed', p.done, p.total, p.failed),
          }),
      });
    },
  );
}

function notifyResult(
  s: Services,
  database: string,
  results: readonly RowResult[],
  cancelled: boolean,
): void {
  const count = (o: RowResult['outcome']): number => results.filter((r) => r.outcome === o).length;
  const message = vscode.l10n.t(
    'Import into {0}: {1} created, {2} updated, {3} failed, {4} not applied. The report lists the lines.',
    database,
    count('created'),
    count('updated'),
    count('failed'),
    count('not run'),
  );
  const lines = (o: RowResult['outcome']): string =>
    lineList(results.filter((r) => r.outcome === o).map((r) => r.line)) || '-';
  // Line numbers only: the values stay in the report.
  s.log.info(
    `${message} Lines created: ${lines('created')}; updated: ${lines('updated')}; failed: ${lines('failed')}; not applied: ${lines('not run')}.`,
  );
  if (!cancelled && count('failed') === 0) {
    void s.notifier.info(message);
    return;
  }
  const showLog = vscode.l10n.t('Show Log');
  void s.notifier.warn(message, showLog).then((picked) => {
    if (picked === showLog) void vscode.commands.executeCommand(CommandIds.showLog);
  });
}
