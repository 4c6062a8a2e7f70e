// CSV as RFC 4180 describes it: fields separated by commas, records ended by CRLF, a field
// quoted when it holds a comma, a quote, CR or LF, and a quote inside written twice. UTF-8,
// without a byte-order mark (the RFC has none; a spreadsheet asks for the encoding on import).
import { type Column, cellOf } from '../rows/rowSource';
import type { Entity } from '../../profiles';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(values: readonly string[]): string {
  let record = '';
  for (let i = 0; i < values.length; i++)
    record += i === 0 ? csvField(values[i] as string) : `,${csvField(values[i] as string)}`;
  return `${record}\r\n`;
}

/** The header record: the column names (field names, ID, interests, modified). */
export function csvHeader(columns: readonly Column[]): string {
  return csvRecord(columns.map((c) => c.name));
}

/** A profile's record; built cell by cell (an export writes 100,000 of them). */
export function csvRow(entity: Entity, columns: readonly Column[]): string {
  let record = '';
  for (let i = 0; i < columns.length; i++) {
    const field = csvField(cellOf(entity, columns[i] as Column));
    record += i === 0 ? field : `,${field}`;
  }
  return `${record}\r\n`;
}
