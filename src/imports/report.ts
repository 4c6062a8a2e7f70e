// The dry-run report and the result of applying it, as Markdown text. It holds profile values, so
// it is shown in a read-only document of the editor and never written anywhere.
import * as l10n from '@vscode/l10n';
import type { RowResult } from './apply';
import type { ImportPlan, RowPlan } from './plan';
import type { ImportTable } from './types';

/** Creates and unchanged rows beyond this are counted, not listed; refusals and updates are all listed. */
const LISTED = 200;

export interface ReportSource {
  fileName: string;
  table: ImportTable;
  mapped: readonly { column: string; field: string }[];
  leftOut: readonly string[];
}

const q = (value: string): string => JSON.stringify(value);

function fileLine(source: ReportSource): string {
  const { table } = source;
  const format =
    table.format === 'jsonl'
      ? 'JSON Lines'
      : l10n.t(
          'CSV, delimiter {0}',
          table.delimiter === '\t' ? l10n.t('tab') : q(table.delimiter ?? ','),
        );
  const encoding = table.bom ? l10n.t('UTF-8 with BOM') : 'UTF-8';
  return l10n.t(
    'File: {0} ({1}, {2}), {3} rows',
    source.fileName,
    format,
    encoding,
    table.rows.length,
  );
}

function rowLine(row: RowPlan): string | undefined {
  switch (row.kind) {
    case 'refused':
      return row.problems
        .map((p) => {
          const where =
            p.column !== undefined
              ? l10n.t('line {0}, column {1} ({2})', row.line, p.columnNumber ?? '?', q(p.column))
              : l10n.t('line {0}', row.line);
          return `- ${where}: ${p.message}`;
        })
        .join('\n');
    case 'update':
      return `- ${l10n.t('line {0}, profile {1}', row.line, row.profile.ID)}: ${row.changes.map((c) => `${c.field} ${q(c.old)} → ${q(c.new)}`).join('; ')}`;
    case 'create':
      return `- ${l10n.t('line {0}', row.line)}: ${Object.entries(row.fields)
        .map(([f, v]) => `${f} ${q(v)}`)
        .join('; ')}`;
    case 'unchanged':
      return `- ${l10n.t('line {0}, profile {1}', row.line, row.profileId)}`;
    case 'skipped':
      return `- ${l10n.t('line {0}', row.line)}: ${row.reason}`;
  }
}

function section(title: string, rows: readonly RowPlan[], limit: number): string[] {
  if (rows.length === 0) return [];
  const lines = rows.slice(0, limit).map(rowLine);
  if (rows.length > limit) lines.push(`- ${l10n.t('… and {0} more', rows.length - limit)}`);
  return ['', `## ${title}`, '', ...lines.filter((l): l is string => l !== undefined)];
}

export function renderPlan(plan: ImportPlan, source: ReportSource): string {
  const of = (kind: RowPlan['kind']): RowPlan[] => plan.rows.filter((r) => r.kind === kind);
  const c = plan.counts;
  return [
    `# ${l10n.t('Import into {0} — dry run', plan.owner.database.name)}`,
    '',
    l10n.t('Nothing has been written yet.'),
    '',
    fileLine(source),
    l10n.t('Key: {0} · Action: {1}', plan.keyFields.join(', '), plan.action),
    l10n.t(
      'Columns: {0}',
      source.mapped
        .map((m) => (m.column === m.field ? m.field : `${m.column} → ${m.field}`))
        .join(', '),
    ),
    ...(source.leftOut.length > 0
      ? [l10n.t('Left out (not imported): {0}', source.leftOut.join(', '))]
      : []),
    '',
    `- ${l10n.t('{0} profiles will be created', c.create)}`,
    `- ${l10n.t('{0} profiles will be updated', c.update)}`,
    `- ${l10n.t('{0} rows leave their profile unchanged', c.unchanged)}`,
    `- ${l10n.t('{0} rows are skipped', c.skipped)}`,
    `- ${l10n.t('{0} rows are refused', c.refused)}`,
    ...section(
      l10n.t('Refused (nothing is written for these rows)'),
      of('refused'),
      Number.MAX_SAFE_INTEGER,
    ),
    ...section(l10n.t('Updated (old → new)'), of('update'), Number.MAX_SAFE_INTEGER),
    ...section(l10n.t('Created'), of('create'), LISTED),
    ...section(l10n.t('Skipped'), of('skipped'), LISTED),
    ...section(l10n.t('Unchanged'), of('unchanged'), LISTED),
    '',
  ].join('\n');
}

/** Line numbers, compressed into ranges: "2–5, 9". */
export function lineList(lines: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j + 1 < lines.length && (lines[j + 1] ?? 0) === (lines[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(lines[i]) : `${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export function renderResult(results: readonly RowResult[], cancelled: boolean): string {
  const lines = (outcome: RowResult['outcome']): number[] =>
    results.filter((r) => r.outcome === outcome).map((r) => r.line);
  const created = lines('created');
  const updated = lines('updated');
  const notRun = lines('not run');
  const out = ['', `## ${cancelled ? l10n.t('Result: cancelled') : l10n.t('Result')}`, ''];
  out.push(`- ${l10n.t('Created: {0} (lines {1})', created.length, lineList(created) || '–')}`);
  out.push(`- ${l10n.t('Updated: {0} (lines {1})', updated.length, lineList(updated) || '–')}`);
  for (const r of results)
    if (r.outcome === 'failed') out.push(`- ${l10n.t('Failed: line {0}: {1}', r.line, r.message)}`);
  if (notRun.length > 0)
    out.push(`- ${l10n.t('Not applied: {0} (lines {1})', notRun.length, lineList(notRun))}`);
  for (const r of results)
    if ((r.outcome === 'created' || r.outcome === 'updated') && r.coercions.length > 0)
      out.push(`- ${l10n.t('Line {0}: {1}', r.line, r.coercions.join(' '))}`);
  if (notRun.length > 0 || results.some((r) => r.outcome === 'failed'))
    out.push('', l10n.t('Running the same import again applies only what is still missing.'));
  return `${out.join('\n')}\n`;
}
