import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { Field } from '../api/types';
import type { DocumentStore } from './documentStore';
import {
  type DocumentSchema,
  type FieldLocation,
  describeField,
  fieldCompletions,
  locateFieldAt,
} from './model';
import { SCHEME } from './uris';

/** Completion of field names, select choices and interest names; a hover with a field's definition. */
export function registerFieldAssist(store: DocumentStore): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { scheme: SCHEME };
  const schemaOf = (document: vscode.TextDocument): DocumentSchema | undefined =>
    store.get(document.uri)?.record.owner.schema;
  return [
    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        provideCompletionItems: (document, position) => {
          const schema = schemaOf(document);
          return schema ? completions(document, position, schema) : undefined;
        },
      },
      '"',
    ),
    vscode.languages.registerHoverProvider(selector, {
      provideHover: (document, position) => {
        const schema = schemaOf(document);
        return schema ? hover(document, position, schema) : undefined;
      },
    }),
  ];
}

function findField(schema: DocumentSchema, name: string): Field | undefined {
  const lower = name.toLowerCase();
  return (
    schema.fields.find((f) => f.name === name) ??
    schema.fields.find((f) => f.name.toLowerCase() === lower)
  );
}

function rangeOf(
  document: vscode.TextDocument,
  at: FieldLocation,
  position: vscode.Position,
): vscode.Range | undefined {
  if (at.range)
    return new vscode.Range(
      document.positionAt(at.range.offset),
      document.positionAt(at.range.offset + at.range.length),
    );
  return document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position);
}

/** Names already in "fields", apart from the one being edited: offering them would make a duplicate. */
function presentFields(text: string, editing: string): Set<string> {
  const value: unknown = parse(text);
  const fields =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)['fields']
      : undefined;
  const names = typeof fields === 'object' && fields !== null ? Object.keys(fields) : [];
  return new Set(names.filter((n) => n !== editing));
}

function completions(
  document: vscode.TextDocument,
  position: vscode.Position,
  schema: DocumentSchema,
): vscode.CompletionItem[] | undefined {
  const text = document.getText();
  const at = locateFieldAt(text, document.offsetAt(position));
  if (!at) return undefined;
  const range = rangeOf(document, at, position);
  if (at.section === 'fields' && at.part === 'key') {
    const present = presentFields(text, at.name);
    const after = at.range ? text.slice(at.range.offset + at.range.length) : '';
    const withValue = !/^\s*:/.test(after);
    return fieldCompletions(schema)
      .filter((c) => !present.has(c.name))
      .map((c, index) => {
        const item = new vscode.CompletionItem(c.name, vscode.CompletionItemKind.Field);
        item.detail = c.detail;
        item.documentation = new vscode.MarkdownString(c.documentation);
        item.insertText = withValue
          ? `${JSON.stringify(c.name)}: ${JSON.stringify(c.defaultValue)}`
          : JSON.stringify(c.name);
        item.filterText = JSON.stringify(c.name);
        item.sortText = String(index).padStart(4, '0');
        if (range) item.range = range;
        return item;
      });
  }
  if (at.section === 'fields' && at.part === 'value') {
    const field = findField(schema, at.name);
    if (field?.type !== 'select') return undefined;
    const choices = fieldCompletions({ ...schema, fields: [field] })[0]?.choices ?? [];
    return ['', ...choices].map((choice, index) =>
      valueItem(choice, index, range, choice === '' ? vscode.l10n.t('no choice') : field.name),
    );
  }
  if (at.section === 'interests' && at.part === 'key') {
    return (schema.interests ?? []).map((i, index) => valueItem(i.name, index, range, i.group));
  }
  return undefined;
}

function valueItem(
  value: string,
  index: number,
  range: vscode.Range | undefined,
  detail: string,
): vscode.CompletionItem {
  const item = new vscode.CompletionItem(
    JSON.stringify(value),
    vscode.CompletionItemKind.EnumMember,
  );
  item.insertText = JSON.stringify(value);
  item.filterText = JSON.stringify(value);
  item.detail = detail;
  item.sortText = String(index).padStart(4, '0');
  if (range) item.range = range;
  return item;
}

function hover(
  document: vscode.TextDocument,
  position: vscode.Position,
  schema: DocumentSchema,
): vscode.Hover | undefined {
  const at = locateFieldAt(document.getText(), document.offsetAt(position));
  if (!at) return undefined;
  const range = at.range ? rangeOf(document, at, position) : undefined;
  if (at.section === 'fields') {
    const field = findField(schema, at.name);
    if (!field) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(describeField(field)), range);
  }
  if (at.section === 'interests') {
    const interest = schema.interests?.find((i) => i.name === at.name);
    if (!interest) return undefined;
    const group = interest.group === '' ? '' : ` — ${vscode.l10n.t('group {0}', interest.group)}`;
    return new vscode.Hover(
      new vscode.MarkdownString(
        `**${interest.name}** (${vscode.l10n.t('interest')})${group}  \nID: ${interest.ID}`,
      ),
      range,
    );
  }
  return undefined;
}
