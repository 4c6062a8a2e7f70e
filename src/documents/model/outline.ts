// Outline (document symbols) and formatting of a profile document: what VS Code's JSON support
// gave these documents before they got a language of their own.
import { depthExceeds } from './editorHelpers';
import { type Node, format, parseTree } from './jsonc';
import { MAX_DEPTH, MAX_DOCUMENT_BYTES } from './syntax';

export interface OutlineEntry {
  name: string;
  /** The value in short, for scalars; the item count, for objects and arrays. */
  detail: string;
  kind: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** The whole property, key to value. */
  offset: number;
  length: number;
  /** The key (or the item, in an array). */
  nameOffset: number;
  nameLength: number;
  children: OutlineEntry[];
}

const DETAIL_CHARS = 60;

/** Top-level keys and, one level down, the fields and the interests. Empty while the text is not a JSON object. */
export function outline(text: string): OutlineEntry[] {
  if (text.length > MAX_DOCUMENT_BYTES || depthExceeds(text, MAX_DEPTH)) return [];
  const root = parseTree(text);
  return root?.type === 'object' ? entries(root, 2) : [];
}

function entries(container: Node, levels: number): OutlineEntry[] {
  return (container.children ?? []).flatMap((child, index): OutlineEntry[] => {
    const [key, value] = container.type === 'object' ? [child.children?.[0], child.children?.[1]] : [undefined, child];
    if (!value || (container.type === 'object' && !key)) return [];
    const name = key ? String(key.value) : value.type === 'string' ? String(value.value) : `[${index}]`;
    const named = key ?? value;
    return [{
      name, detail: detail(value), kind: value.type === 'property' ? 'null' : value.type,
      offset: child.offset, length: child.length, nameOffset: named.offset, nameLength: named.length,
      children: levels > 1 && (value.type === 'object' || value.type === 'array') ? entries(value, levels - 1) : [],
    }];
  });
}

function detail(value: Node): string {
  if (value.type === 'object' || value.type === 'array') return String(value.children?.length ?? 0);
  const text = String(value.value);
  return text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS - 1)}…` : text;
}

export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** Edits that lay the document out (indentation, one key a line), keeping every value as typed. */
export function formatEdits(text: string, options: { tabSize: number; insertSpaces: boolean }): TextEdit[] {
  if (text.length > MAX_DOCUMENT_BYTES) return [];
  return format(text, undefined, { tabSize: options.tabSize, insertSpaces: options.insertSpaces, eol: text.includes('\r\n') ? '\r\n' : '\n' })
    .map((e) => ({ offset: e.offset, length: e.length, content: e.content }));
}
