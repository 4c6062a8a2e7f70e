// Outline (document symbols) and formatting of a profile document: what VS Code's JSON support
// gave these documents before they got a language of their own.
import { depthExceeds, measureStructure } from './structure';
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
    const [key, value] =
      container.type === 'object' ? [child.children?.[0], child.children?.[1]] : [undefined, child];
    if (!value || (container.type === 'object' && !key)) return [];
    const name = key
      ? String(key.value)
      : value.type === 'string'
        ? String(value.value)
        : `[${index}]`;
    const named = key ?? value;
    return [
      {
        name,
        detail: detail(value),
        kind: value.type === 'property' ? 'null' : value.type,
        offset: child.offset,
        length: child.length,
        nameOffset: named.offset,
        nameLength: named.length,
        children:
          levels > 1 && (value.type === 'object' || value.type === 'array')
            ? entries(value, levels - 1)
            : [],
      },
    ];
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

/** The most text formatting may produce: the indentation of a line is paid for on every line. */
const MAX_FORMATTED_CHARS = 4 * MAX_DOCUMENT_BYTES;

/**
 * An upper bound of the formatted text's size: each bracket, comma or comment may start a line
 * indented as deep as the document goes. O(length), before jsonc-parser builds a single edit.
 */
function formattedSizeBound(text: string, indentWidth: number, eol: string): number {
  const { deepest, breaks } = measureStructure(text);
  return text.length + breaks * (eol.length + deepest * indentWidth);
}

/**
 * jsonc-parser 3.3.1 looks the line break + indent of exactly 200 columns up one past the end of
 * its cache (`amountOfSpaces > cache.length` instead of `>=`, lib/esm/impl/format.js in
 * microsoft/node-jsonc-parser) and hands back `content: undefined`: that is the missing entry.
 */
function repaired(
  content: string | undefined,
  eol: string,
  insertSpaces: boolean,
): string | undefined {
  return content ?? `${eol}${(insertSpaces ? ' ' : '\t').repeat(200)}`;
}

/**
 * Edits that lay the document out (indentation, one key a line), keeping every value as typed.
 * None for a document nested deeper than any profile (jsonc-parser recurses per level and the
 * output grows with depth × lines) or one whose layout would be unreasonably large.
 */
export function formatEdits(
  text: string,
  options: { tabSize: number; insertSpaces: boolean },
): TextEdit[] {
  if (text.length > MAX_DOCUMENT_BYTES || depthExceeds(text, MAX_DEPTH)) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { insertSpaces } = options;
  const tabSize =
    Number.isSafeInteger(options.tabSize) && options.tabSize > 0 ? options.tabSize : 4;
  if (formattedSizeBound(text, insertSpaces ? tabSize : 1, eol) > MAX_FORMATTED_CHARS) return [];
  const edits: TextEdit[] = [];
  for (const e of format(text, undefined, { tabSize, insertSpaces, eol })) {
    const content = repaired(e.content as string | undefined, eol, insertSpaces);
    // Never hand the editor an edit without text: no formatting beats a broken document.
    if (typeof content !== 'string') return [];
    // The library keeps an edit whose (missing) text differs from the document's; the repaired may not.
    if (text.slice(e.offset, e.offset + e.length) !== content)
      edits.push({ offset: e.offset, length: e.length, content });
  }
  return edits;
}
