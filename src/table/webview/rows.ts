// The grid's rows as DOM: the header (names and types, resize grips) and one data row, with ARIA
// grid roles and the marks of edited, invalid and saved cells. The caller decides which rows.
import type { Column } from '../rows/rowSource';
import type { ViewState } from '../messages';
import type { ViewRows } from './state';

/** What rendering needs from the grid: its data, and what a pointer on a cell does. */
export interface GridView {
  columns: readonly Column[];
  rows: ViewRows;
  strings: Record<string, string>;
  state: ViewState;
  width(c: Column): number;
  top(index: number): number;
  cellDown(index: number, col: number): void;
  cellDouble(index: number, c: Column): void;
  resize(down: MouseEvent, c: Column): void;
}

export const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls = '',
  text = '',
): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
};

export function headerRow(v: GridView): HTMLElement {
  const row = el('div', 'row head');
  row.setAttribute('role', 'row');
  row.setAttribute('aria-rowindex', '1');
  row.style.top = '0px';
  row.style.position = 'sticky';
  const marker = el('div', 'cell rowstatus');
  marker.setAttribute('role', 'columnheader');
  marker.setAttribute('aria-colindex', '1');
  row.append(marker);
  v.columns.forEach((c, i) => {
    const cell = el('div', 'cell', c.name);
    cell.setAttribute('role', 'columnheader');
    cell.setAttribute('aria-colindex', String(i + 2));
    cell.style.width = `${v.width(c)}px`;
    cell.append(el('span', 'type', c.type));
    const grip = el('div', 'grip');
    grip.addEventListener('mousedown', (e) => v.resize(e, c));
    cell.append(grip);
    row.append(cell);
  });
  return row;
}

export function dataRow(v: GridView, index: number): HTMLElement {
  const data = v.rows.row(index);
  const row = el('div', 'row');
  row.setAttribute('role', 'row');
  row.setAttribute('aria-rowindex', String(index + 2));
  row.style.top = `${v.top(index)}px`;
  const outcome = data ? v.rows.outcomes.get(data.id) : undefined;
  const marker = el(
    'div',
    `cell rowstatus${outcome ? (outcome.ok ? ' ok' : ' bad') : ''}`,
    outcome ? (outcome.ok ? '✓' : '✗') : '',
  );
  marker.setAttribute('role', 'gridcell');
  marker.setAttribute('aria-colindex', '1');
  if (outcome) marker.title = outcome.message;
  if (outcome) marker.setAttribute('aria-label', outcome.message);
  row.append(marker);
  if (data) row.dataset.id = data.id;
  v.columns.forEach((c, col) =>
    row.append(dataCell(v, index, col + 1, c, data?.id, data?.cells[col])),
  );
  return row;
}

function dataCell(
  v: GridView,
  index: number,
  col: number,
  c: Column,
  id: string | undefined,
  value: string | undefined,
): HTMLElement {
  const edit = id === undefined ? undefined : v.rows.edit(id, c.name);
  const cls = edit
    ? edit.error !== undefined
      ? ' invalid'
      : ' edited'
    : value === undefined
      ? ' loading'
      : '';
  const cell = el(
    'div',
    `cell${cls}`,
    edit ? edit.value : (value ?? (col === 1 ? (v.strings.loading ?? '…') : '')),
  );
  cell.setAttribute('role', 'gridcell');
  cell.setAttribute('aria-colindex', String(col + 1));
  cell.dataset.col = c.name;
  cell.style.width = `${v.width(c)}px`;
  cell.tabIndex = index === v.state.row && col === v.state.col ? 0 : -1;
  if (!c.editable) cell.setAttribute('aria-readonly', 'true');
  if (edit?.error !== undefined) {
    cell.setAttribute('aria-invalid', 'true');
    cell.title = edit.error;
    cell.setAttribute('aria-description', edit.error);
  }
  cell.addEventListener('mousedown', () => v.cellDown(index, col));
  cell.addEventListener('dblclick', () => v.cellDouble(index, c));
  return cell;
}
