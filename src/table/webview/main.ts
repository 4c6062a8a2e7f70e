// The profiles table in the webview: a hand-written virtualized grid. Only the rows in view (and
// a few around them) are in the DOM; their pages are asked from the host once scrolling settles,
// so a jump to the end asks for the last page only. ARIA grid roles with a roving focus cell.
import type { Column } from '../rows/rowSource';
import type { HostMessage, ViewMessage, ViewState } from '../messages';
import { type GridView, dataRow, el, headerRow } from './rows';
import { ViewRows } from './state';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): ViewState | undefined;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const ROW = 24;
const HEAD = 38;
const OVERSCAN = 5;
/** Pages are asked for once scrolling rests this long: a drag or a jump across the middle asks nothing there. */
const SETTLE_MS = 60;

let columns: Column[] = [];
let rows = new ViewRows(0, 100);
let strings: Record<string, string> = {};
const state: ViewState = vscode.getState() ?? { scrollTop: 0, row: 0, col: 1, widths: {} };
let editing: { row: number; col: number; input: HTMLInputElement } | undefined;
let settle: ReturnType<typeof setTimeout> | undefined;
let busy = false;

const app = document.getElementById('app') as HTMLElement;
const bar = el('div', 'bar');
const saveButton = el('button');
const exportButton = el('button', 'secondary');
const openButton = el('button', 'secondary');
const status = el('span', 'status');
status.setAttribute('role', 'status');
bar.append(saveButton, openButton, exportButton, status);
const scroller = el('div', 'scroller');
const grid = el('div', 'grid');
grid.setAttribute('role', 'grid');
scroller.append(grid);
app.append(bar, scroller);

const post = (m: ViewMessage): void => vscode.postMessage(m);
const fmt = (template: string | undefined, n: number): string =>
  (template ?? '{0}').replace('{0}', String(n));
const width = (c: Column): number => state.widths[c.name] ?? (c.type === 'id' ? 80 : 160);
const saveState = (): void => vscode.setState(state);

saveButton.addEventListener('click', () => post({ type: 'save' }));
exportButton.addEventListener('click', () => post({ type: 'export' }));
openButton.addEventListener('click', () => openRow(state.row));

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'init':
      columns = m.columns;
      strings = m.strings;
      rows = new ViewRows(m.total, m.pageSize);
      rows.setEdits(m.edits);
      for (const o of m.outcomes) rows.outcomes.set(o.id, o);
      saveButton.textContent = strings.save ?? 'Save';
      exportButton.textContent = strings.export ?? 'Export';
      openButton.textContent = strings.open ?? 'Open';
      grid.setAttribute('aria-label', `${strings.grid ?? ''}: ${m.title}`);
      grid.setAttribute('aria-description', strings.help ?? '');
      // The grid gets its height first: a scrollTop set on an empty scroller would be cut to 0.
      render(true);
      scroller.scrollTop = state.scrollTop;
      render(true);
      requestPages();
      return;
    case 'page':
      rows.put(m.index, m.rows, state.row);
      render(false);
      return;
    case 'edit':
      rows.applyEdit(m.edit, m.pending);
      render(false);
      return;
    case 'saved':
      for (const o of m.outcomes) {
        rows.outcomes.set(o.id, o);
        if (o.cells) rows.replace(o.id, o.cells);
      }
      rows.setEdits(m.edits);
      render(false);
      return;
    case 'busy':
      busy = m.busy;
      render(false);
      return;
    case 'failed':
      status.textContent = m.message;
      return;
  }
});

scroller.addEventListener('scroll', () => {
  state.scrollTop = scroller.scrollTop;
  saveState();
  render(false);
  requestPages();
});

function visible(): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - OVERSCAN);
  const last = Math.min(
    rows.total - 1,
    Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW) + OVERSCAN,
  );
  return { first, last };
}

function requestPages(): void {
  if (settle !== undefined) clearTimeout(settle);
  settle = setTimeout(() => {
    const { first, last } = visible();
    const pages = rows.missing(first, last);
    if (pages.length > 0) post({ type: 'need', pages, center: first });
  }, SETTLE_MS);
}

function render(full: boolean): void {
  const totalWidth = 28 + columns.reduce((sum, c) => sum + width(c), 0);
  grid.style.height = `${HEAD + rows.total * ROW}px`;
  grid.style.width = `${totalWidth}px`;
  grid.setAttribute('aria-rowcount', String(rows.total + 1));
  grid.setAttribute('aria-colcount', String(columns.length + 1));
  const keepFocus = grid.contains(document.activeElement) && !editing;
  if (editing && !full) return renderStatus();
  const { first, last } = visible();
  const view: GridView = {
    columns,
    rows,
    strings,
    state,
    width,
    top: (index) => HEAD + index * ROW,
    cellDown: (index, col) => moveTo(index, col, false),
    cellDouble: (index, c) =>
      c.editable ? startEdit() : c.type === 'id' ? openRow(index) : undefined,
    resize: startResize,
  };
  const fresh: HTMLElement[] = [headerRow(view)];
  for (let i = first; i <= last; i++) fresh.push(dataRow(view, i));
  grid.replaceChildren(...fresh);
  if (keepFocus) focusCell(false);
  renderStatus();
}

function renderStatus(): void {
  const all = [...rows.edits.values()];
  const bad = all.filter((e) => e.error !== undefined).length;
  const focused = rows.row(state.row);
  const edit = focused ? rows.edit(focused.id, columns[state.col - 1]?.name ?? '') : undefined;
  const parts = [fmt(strings.rows, rows.total), fmt(strings.edited, all.length - bad)];
  if (bad > 0) parts.push(fmt(strings.invalid, bad));
  if (busy) parts.push(strings.saving ?? '');
  status.textContent = edit?.error ?? parts.join(' · ');
  saveButton.disabled = busy || all.length === bad;
}

function cellAt(row: number, col: number): HTMLElement | null {
  return grid.querySelector(`[aria-rowindex="${row + 2}"] [aria-colindex="${col + 1}"]`);
}

function focusCell(scroll: boolean): void {
  if (scroll) {
    const top = state.row * ROW;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW + HEAD > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + ROW + HEAD - scroller.clientHeight;
  }
  const cell = cellAt(state.row, state.col);
  if (!cell) return;
  grid.querySelectorAll('[tabindex="0"]').forEach((e) => e.setAttribute('tabindex', '-1'));
  cell.tabIndex = 0;
  cell.focus({ preventScroll: true });
}

function moveTo(row: number, col: number, scroll = true): void {
  state.row = Math.max(0, Math.min(rows.total - 1, row));
  state.col = Math.max(1, Math.min(columns.length, col));
  saveState();
  if (scroll) render(false);
  focusCell(scroll);
  renderStatus();
}

grid.addEventListener('keydown', (e) => {
  if (editing) return;
  const page = Math.max(1, Math.floor(scroller.clientHeight / ROW) - 1);
  const moves: Record<string, () => void> = {
    ArrowUp: () => moveTo(state.row - 1, state.col),
    ArrowDown: () => moveTo(state.row + 1, state.col),
    // Ctrl+Shift with Left/Right resizes the focused column: the grips are for a mouse only.
    ArrowLeft: () => (e.ctrlKey && e.shiftKey ? resizeBy(-20) : moveTo(state.row, state.col - 1)),
    ArrowRight: () => (e.ctrlKey && e.shiftKey ? resizeBy(20) : moveTo(state.row, state.col + 1)),
    PageUp: () => moveTo(state.row - page, state.col),
    PageDown: () => moveTo(state.row + page, state.col),
    Home: () => (e.ctrlKey ? moveTo(0, state.col) : moveTo(state.row, 1)),
    End: () => (e.ctrlKey ? moveTo(rows.total - 1, state.col) : moveTo(state.row, columns.length)),
    Enter: () => (e.altKey ? openRow(state.row) : startEdit()),
    F2: () => startEdit(),
  };
  const action = moves[e.key];
  if (!action) return;
  e.preventDefault();
  action();
});

function resizeBy(delta: number): void {
  const column = columns[state.col - 1];
  if (!column) return;
  state.widths[column.name] = Math.max(40, width(column) + delta);
  saveState();
  render(false);
}

function openRow(index: number): void {
  const data = rows.row(index);
  if (data) post({ type: 'open', id: data.id });
}

function startEdit(): void {
  const column = columns[state.col - 1];
  const data = rows.row(state.row);
  const cell = cellAt(state.row, state.col);
  if (!column?.editable || !data || !cell) return;
  const input = el('input');
  input.value = rows.edit(data.id, column.name)?.value ?? data.cells[state.col - 1] ?? '';
  input.setAttribute('aria-label', column.name);
  cell.replaceChildren(input);
  editing = { row: state.row, col: state.col, input };
  input.focus();
  input.select();
  const finish = (commit: boolean): void => {
    if (!editing || editing.input !== input) return;
    editing = undefined;
    if (commit) post({ type: 'edit', id: data.id, column: column.name, value: input.value });
    render(false);
    focusCell(false);
  };
  input.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (e.key === 'Enter') finish(true);
    else if (e.key === 'Escape') finish(false);
    else if (e.key === 'Tab') {
      e.preventDefault();
      finish(true);
      moveTo(state.row, state.col + (e.shiftKey ? -1 : 1));
    }
  });
  input.addEventListener('blur', () => finish(true));
}

function startResize(down: MouseEvent, column: Column): void {
  down.preventDefault();
  down.stopPropagation();
  const start = width(column);
  const move = (e: MouseEvent): void => {
    state.widths[column.name] = Math.max(40, start + e.clientX - down.clientX);
    render(false);
  };
  const up = (): void => {
    window.removeEventListener('mousemove', move);
    window.removeEventListener('mouseup', up);
    saveState();
  };
  window.addEventListener('mousemove', move);
  window.addEventListener('mouseup', up);
}

post({ type: 'ready' });
