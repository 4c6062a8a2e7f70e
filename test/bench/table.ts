// The report as text: one table of scenarios (ours beside naive), paging detail, footprint.
import { ACTIVATION_TARGET_MS, BUNDLE_TARGET_KB, type Footprint } from './footprint';
import { FLAT_HEAP_MB } from './specs';
import type { BenchReport, PagingDetail, Row } from './types';

function table(header: string[], body: string[][], right: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number): string =>
    right[i] === true ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] === true ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : 'n/a');
const x = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

function scenarioRows(rows: Row[]): string[][] {
  return rows.map((r) => {
    const ours = rows.find((o) => o.id === r.id && o.way === 'ours');
    const vsOurs = r.way === 'naive' && ours ? x(r.wallMs / ours.wallMs) : '';
    const met = r.met === undefined ? '' : r.met ? 'yes' : 'NO';
    return [
      r.way === 'ours' ? `${r.id}. ${r.scenario}` : '',
      r.way,
      String(r.requests),
      String(r.minRequests),
      ms(r.wallMs),
      r.noLatencyMs === undefined ? '' : ms(r.noLatencyMs),
      r.serverMs === undefined ? '' : r.serverMs.toFixed(1),
      `${r.criticalPath} × ${ms(r.lowerBoundMs / r.criticalPath)} = ${ms(r.lowerBoundMs)}`,
      x(r.ratio),
      vsOurs,
      r.target ?? r.note ?? '',
      met,
    ];
  });
}

export function scenarioTable(report: BenchReport): string {
  const header = [
    'scenario',
    'way',
    'requests',
    'min',
    'wall ms',
    'at 0 ms latency',
    'simulator ms',
    'lower bound ms',
    'wall/bound',
    'naive÷ours',
    'target / note',
    'met',
  ];
  return table(header, scenarioRows(report.rows), [
    false,
    false,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    false,
    false,
  ]);
}

function heapText(p: PagingDetail): string {
  const h = p.heap;
  const held = h.withPagerMb === undefined ? '' : `, ${h.withPagerMb} held by the Pager`;
  const flat = h.afterMb - h.beforeMb <= FLAT_HEAP_MB ? 'flat' : 'GREW';
  return `${h.beforeMb} → ${h.afterMb} MB${held} (${flat}${h.afterGc ? '' : ', no gc'})`;
}

export function pagingTable(report: BenchReport): string {
  const header = [
    'paging',
    'pages',
    'profiles',
    'first page ms',
    'last page ms',
    'median first 5 / last 5',
    'last÷first',
    'deep page, 0 latency',
    'heap before → after',
  ];
  const body = report.paging.map((p) => [
    p.list === 'selection' ? `${p.way} (selection)` : p.way,
    String(p.pages),
    p.profiles.toLocaleString('en'),
    ms(p.firstPageMs),
    ms(p.lastPageMs),
    `${ms(p.firstPagesMedianMs)} / ${ms(p.lastPagesMedianMs)}`,
    x(p.lastVsFirst),
    p.deepPageNoLatencyMs === undefined ? 'n/a' : `${ms(p.deepPageNoLatencyMs)} ms`,
    heapText(p),
  ]);
  return table(header, body, [false, true, true, true, true, true, true, true, false]);
}

export function footprintTable(f: Footprint): string {
  const bundle =
    f.bundleKb === undefined ? `n/a: ${f.bundleNote ?? 'no bundle'}` : `${f.bundleKb} KB`;
  const bundleMet = f.bundleKb === undefined ? '' : f.bundleKb <= BUNDLE_TARGET_KB ? 'yes' : 'NO';
  const activation = f.activation
    ? `${f.activation.medianMs} ms: ${f.activation.how}, median of ${f.activation.runs} (${f.activation.measuredAt})`
    : 'n/a: run `node test/bench/activation.js` (inside code-server)';
  const activationMet = f.activation
    ? f.activation.medianMs <= ACTIVATION_TARGET_MS
      ? 'yes'
      : 'NO'
    : '';
  const files = f.bundleFiles ?? [];
  const startup = files.filter((b) => b.loads === 'activation');
  const later = files.filter((b) => b.loads !== 'activation');
  const body = [
    [
      `loaded at activation: ${startup.map((b) => `${b.file.replace(/^dist\//, '')} ${b.kb}`).join(' + ') || 'dist/extension.js'} (esbuild.js --production)`,
      bundle,
      `≤ ${BUNDLE_TARGET_KB} KB`,
      bundleMet,
    ],
    ...later.map((b) => [
      `later, ${b.loads}: ${b.file.replace(/^dist\//, '')}`,
      `${b.kb} KB`,
      '',
      '',
    ]),
    ['.vsix', f.vsixKb === undefined ? (f.vsixNote ?? 'n/a') : `${f.vsixKb} KB`, '', ''],
    ['activation', activation, `≤ ${ACTIVATION_TARGET_MS} ms`, activationMet],
  ];
  return table(['footprint', 'figure', 'target', 'met'], body, [false, false, false, false]);
}
