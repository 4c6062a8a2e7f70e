// Pure helpers behind completion and hover: which field the cursor is on, what to offer there,
// and how to describe a field. The VS Code providers only translate these into editor objects.
import * as l10n from '@vscode/l10n';
import { type Node, getLocation, parseTree, findNodeAtOffset } from './jsonc';
import type { Field } from '../../api/types';
import { maxLength, selectChoices, typeLabel } from './fieldTypes';
import { defaultValue } from './serialize';
import { depthExceeds } from './structure';
import { MAX_DEPTH } from './syntax';
import type { DocumentSchema } from './types';

export interface FieldCompletion {
  /** The field name to insert as a key. */
  name: string;
  /** One line for the completion list: "integer — whole number". */
  detail: string;
  /** Markdown for the side panel (the same text as the hover). */
  documentation: string;
  /** The value a new entry starts with (the field's default). */
  defaultValue: string;
  /** For select fields: the values to offer at the value position. */
  choices?: string[];
}

export function fieldCompletions(schema: DocumentSchema): FieldCompletion[] {
  return schema.fields.map((field) => {
    const choices = field.type === 'select' ? selectChoices(field).choices : undefined;
    return {
      name: field.name,
      detail: `${field.type} — ${typeLabel(field.type)}`,
      documentation: describeField(field),
      defaultValue: defaultValue(field),
      ...(choices ? { choices } : {}),
    };
  });
}

function flags(field: Field): string[] {
  const result: string[] = [];
  if (field.index)
    result.push(l10n.t({ message: 'indexed', comment: ['A field flag, listed after "Flags:"'] }));
  if (field.displayed)
    result.push(l10n.t({ message: 'displayed', comment: ['A field flag, listed after "Flags:"'] }));
  if (field.ordered)
    result.push(
      l10n.t({ message: 'default sort', comment: ['A field flag, listed after "Flags:"'] }),
    );
  if (field.hidden)
    result.push(l10n.t({ message: 'hidden', comment: ['A field flag, listed after "Flags:"'] }));
  return result;
}

/** Markdown for a hover: name, type, default, choices, length and flags. */
export function describeField(field: Field): string {
  const label = typeLabel(field.type);
  const title = `**${field.name}** — ${field.type}${label !== field.type ? ` (${label})` : ''}`;
  const lines: string[] = [];
  if (field.type === 'select') {
    const { choices } = selectChoices(field);
    lines.push(
      choices.length > 0
        ? l10n.t('Choices: {0}', choices.map((c) => `\`${c}\``).join(', '))
        : l10n.t('Choices: none defined'),
    );
  }
  const value = defaultValue(field);
  lines.push(l10n.t('Default: {0}', value === '' ? l10n.t('(empty)') : `\`${value}\``));
  const limit = maxLength(field);
  if (limit !== undefined) lines.push(l10n.t('Maximum length: {0} characters', limit));
  const set = flags(field);
  if (set.length > 0) lines.push(l10n.t('Flags: {0}', set.join(', ')));
  lines.push(l10n.t('Field ID: {0}', field.ID));
  // Two trailing spaces make a Markdown line break without starting a new paragraph.
  return `${title}\n\n${lines.join('  \n')}`;
}

export interface FieldLocation {
  /** 'fields': a field key or value; 'interests': an interest name; 'top': a top-level key. */
  section: 'fields' | 'interests' | 'top';
  /** On the key (or where a key is being typed) or on the value. */
  part: 'key' | 'value';
  /** The field name (section 'fields'), the interest name or the top-level key; may be partial or "". */
  name: string;
  /** The key or value node the offset is on, to replace on completion; absent while typing a new one. */
  range?: { offset: number; length: number };
}

function nodeRange(node: Node | undefined): FieldLocation['range'] {
  return node ? { offset: node.offset, length: node.length } : undefined;
}

/** What the offset is on, for completion and hover. Undefined outside fields, interests and top-level keys. */
export function locateFieldAt(text: string, offset: number): FieldLocation | undefined {
  if (depthExceeds(text, MAX_DEPTH)) return undefined;
  const location = getLocation(text, offset);
  const path = location.path;
  const root = parseTree(text);
  const node = root ? findNodeAtOffset(root, offset, true) : undefined;
  const onNode = node && (node.type === 'string' || node.type === 'number') ? node : undefined;
  const range = nodeRange(onNode);
  const withRange = range ? { range } : {};
  if (path.length === 1 && location.isAtPropertyKey) {
    return { section: 'top', part: 'key', name: String(path[0] ?? ''), ...withRange };
  }
  if (
    path[0] === 'fields' &&
    path.length === 1 &&
    !location.isAtPropertyKey &&
    insideFields(root, offset)
  ) {
    // jsonc-parser loses the key while its value is still missing ("age": |): find it in the text.
    const key = keyBeforeColon(text, offset);
    if (key !== undefined) return { section: 'fields', part: 'value', name: key };
  }
  if (path[0] === 'fields' && path.length === 2) {
    const name = String(path[1] ?? '');
    return {
      section: 'fields',
      part: location.isAtPropertyKey ? 'key' : 'value',
      name,
      ...withRange,
    };
  }
  if (path[0] === 'interests' && path.length === 2) {
    const onKey = typeof path[1] === 'string';
    const name = onKey ? String(path[1]) : onNode?.type === 'string' ? String(onNode.value) : '';
    return {
      section: 'interests',
      part: onKey && !location.isAtPropertyKey ? 'value' : 'key',
      name,
      ...withRange,
    };
  }
  return undefined;
}

function insideFields(root: Node | undefined, offset: number): boolean {
  const fields = root?.children?.find((p) => p.children?.[0]?.value === 'fields')?.children?.[1];
  return fields !== undefined && offset > fields.offset && offset < fields.offset + fields.length;
}

function keyBeforeColon(text: string, offset: number): string | undefined {
  const match = /"((?:[^"\\\r\n]|\\.)*)"\s*:\s*$/.exec(
    text.slice(Math.max(0, offset - 300), offset),
  );
  if (!match) return undefined;
  try {
    return JSON.parse(`"${match[1] ?? ''}"`) as string;
  } catch {
    return undefined;
  }
}
