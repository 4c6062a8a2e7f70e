// The door to reading an import file: bytes in, a table or the one problem that refuses the file.
import { parseCsv } from './csv';
import { decodeImport } from './decode';
import { parseJsonLines } from './jsonLines';
import type { ImportFormat, ParseResult } from './types';

/** JSON Lines by extension (.jsonl, .ndjson), CSV by extension (.csv, .tsv, .txt), else by the first character. */
export function formatOf(fileName: string, text: string): ImportFormat {
  const name = fileName.toLowerCase();
  if (/\.(jsonl|ndjson)$/.test(name)) return 'jsonl';
  if (/\.(csv|tsv|txt)$/.test(name)) return 'csv';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function parseImport(bytes: Uint8Array, fileName: string): ParseResult {
  const decoded = decodeImport(bytes);
  if (!decoded.ok) return decoded;
  const { text, bom } = decoded;
  return formatOf(fileName, text) === 'jsonl' ? parseJsonLines(text, bom) : parseCsv(text, bom);
}
