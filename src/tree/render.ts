import * as vscode from 'vscode';
import type { Field, View } from '../api/types';
import { CommandIds } from '../commands/ids';
import { profileLabel, type Node } from './nodes';

const C = vscode.TreeItemCollapsibleState;

const FIELD_ICONS: Record<string, string> = {
  text: 'symbol-text',
  email: 'mail',
  phone: 'device-mobile',
  phone_fax: 'device-mobile',
  phone_gsm: 'device-mobile',
  integer: 'symbol-number',
  float: 'symbol-number',
  date: 'calendar',
  empty_date: 'calendar',
  datetime: 'clock',
  empty_datetime: 'clock',
  select: 'list-selection',
  big: 'note',
  foreign_key: 'references',
};

/** How a node looks in the tree; `total` is the known count of a paged node's items. */
export function renderNode(node: Node, total?: number): vscode.TreeItem {
  const item = build(node, total);
  item.id = node.id;
  item.contextValue = node.kind;
  return item;
}

function build(node: Node, total: number | undefined): vscode.TreeItem {
  switch (node.kind) {
    case 'account':
      return withIcon(
        new vscode.TreeItem(node.identity.name, C.Expanded),
        'account',
        tooltip([
          [vscode.l10n.t('Account'), node.identity.name],
          ['ID', node.identity.id],
          [vscode.l10n.t('Company'), node.identity.company],
          [vscode.l10n.t('Description'), node.identity.description],
        ]),
      );
    case 'database': {
      const d = node.database;
      const item = withIcon(
        new vscode.TreeItem(d.name, C.Collapsed),
        d.archived ? 'archive' : 'database',
        tooltip([
          [vscode.l10n.t('Database'), d.name],
          ['ID', d.ID],
          [vscode.l10n.t('Description'), d.description],
          [vscode.l10n.t('Created'), d.created],
          [vscode.l10n.t('Archived'), d.archived ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
        ]),
      );
      item.description = d.archived ? vscode.l10n.t('archived') : d.description;
      return item;
    }
    case 'fields':
      return folder(vscode.l10n.t('Fields'), 'symbol-field', node.fields.length);
    case 'field':
      return renderField(node.field);
    case 'interests':
      return folder(vscode.l10n.t('Interests'), 'heart', node.database.interests.data.length);
    case 'interestGroup':
      return folder(node.group, 'folder', node.interests.length);
    case 'interest': {
      const item = withIcon(
        new vscode.TreeItem(node.interest.name, C.None),
        'tag',
        tooltip([
          [vscode.l10n.t('Interest'), node.interest.name],
          ['ID', node.interest.ID],
          [vscode.l10n.t('Group'), node.interest.group],
        ]),
      );
      item.description = node.interest.ID;
      return item;
    }
    case 'collections':
      return folder(
        vscode.l10n.t('Collections'),
        'folder-library',
        node.database.collections.data.length,
      );
    case 'collection': {
      const item = withIcon(
        new vscode.TreeItem(node.collection.name, C.Collapsed),
        'table',
        tooltip([
          [vscode.l10n.t('Collection'), node.collection.name],
          ['ID', node.collection.ID],
        ]),
      );
      item.description = vscode.l10n.t('{0} fields', node.collection.fields.data.length);
      return item;
    }
    case 'profiles':
      return pagedFolder(vscode.l10n.t('Profiles'), 'person', total);
    case 'profile':
      return entity(
        profileLabel(node.profile, node.database.fields.data),
        node.profile.ID,
        'person',
        CommandIds.openProfile,
        node,
        C.Collapsed,
      );
    case 'subprofiles':
      return pagedFolder(node.collection.name, 'table', total);
    case 'subprofile':
      return entity(
        profileLabel(node.subprofile, node.collection.fields.data),
        node.subprofile.ID,
        'file',
        CommandIds.openSubprofile,
        node,
        C.None,
      );
    case 'selections':
      return withIcon(new vscode.TreeItem(vscode.l10n.t('Selections'), C.Collapsed), 'filter');
    case 'selection':
      return renderView(node.view, undefined);
    case 'selectionProfiles':
      return pagedFolder(vscode.l10n.t('Profiles'), 'person', total);
    case 'miniselections':
      return withIcon(new vscode.TreeItem(vscode.l10n.t('Miniselections'), C.Collapsed), 'filter');
    case 'miniselection':
      return renderView(node.view, total);
    case 'loadMore': {
      const item = withIcon(new vscode.TreeItem(vscode.l10n.t('Load more…'), C.None), 'ellipsis');
      item.command = {
        command: CommandIds.loadMore,
        title: vscode.l10n.t('Load more…'),
        arguments: [node],
      };
      return item;
    }
    case 'message':
      return withIcon(new vscode.TreeItem(node.text, C.None), 'info');
    case 'error': {
      const item = withIcon(new vscode.TreeItem(node.text, C.None), 'error', node.text);
      item.description = vscode.l10n.t('click to retry');
      item.command = {
        command: CommandIds.refreshNode,
        title: vscode.l10n.t('Retry'),
        arguments: [node.owner ?? node],
      };
      return item;
    }
  }
}

function renderField(field: Field): vscode.TreeItem {
  const item = withIcon(
    new vscode.TreeItem(field.name, C.None),
    FIELD_ICONS[field.type] ?? 'symbol-field',
  );
  const shownDefault =
    field.type === 'select'
      ? field.value
          .split(/\r?\n/)
          .filter((c) => c !== '')
          .join(', ')
      : field.value;
  item.description = shownDefault === '' ? field.type : `${field.type} · ${shownDefault}`;
  item.tooltip = tooltip([
    [vscode.l10n.t('Field'), field.name],
    ['ID', field.ID],
    [vscode.l10n.t('Type'), field.type],
    [field.type === 'select' ? vscode.l10n.t('Choices') : vscode.l10n.t('Default'), shownDefault],
    [vscode.l10n.t('Length'), field.length],
    [vscode.l10n.t('Text lines'), field.textlines],
    [vscode.l10n.t('Displayed'), String(field.displayed)],
    [vscode.l10n.t('Ordered'), String(field.ordered)],
    [vscode.l10n.t('Hidden'), String(field.hidden)],
    [vscode.l10n.t('Indexed'), String(field.index)],
  ]);
  return item;
}

/**
 * A selection or miniselection: its description says when Copernica last built it and whether it
 * has rules (a miniselection's object carries no `has-rules`); its tooltip gives its description.
 */
function renderView(view: View, total: number | undefined): vscode.TreeItem {
  const item = withIcon(new vscode.TreeItem(view.name, C.Collapsed), 'filter');
  const built =
    view.lastBuilt === ''
      ? vscode.l10n.t('never built')
      : vscode.l10n.t('built {0}', view.lastBuilt.slice(0, 16));
  const parts = [built];
  if (view.parentType !== 'collection' && !view.hasRules) parts.push(vscode.l10n.t('no rules'));
  if (total !== undefined) parts.unshift(String(total));
  item.description = parts.join(' · ');
  item.tooltip = tooltip([
    [
      view.parentType === 'collection'
        ? vscode.l10n.t('Miniselection')
        : vscode.l10n.t('Selection'),
      view.name,
    ],
    ['ID', view.ID],
    [vscode.l10n.t('Description'), view.description],
    [vscode.l10n.t('Last built'), view.lastBuilt === '' ? vscode.l10n.t('never') : view.lastBuilt],
  ]);
  return item;
}

function entity(
  label: string,
  id: string,
  icon: string,
  command: string,
  node: Node,
  state: vscode.TreeItemCollapsibleState,
): vscode.TreeItem {
  const item = withIcon(new vscode.TreeItem(label, state), icon);
  item.description = id;
  item.tooltip = `${label} (ID ${id})`;
  item.command = { command, title: vscode.l10n.t('Open'), arguments: [node] };
  return item;
}

function folder(label: string, icon: string, count: number): vscode.TreeItem {
  const item = withIcon(new vscode.TreeItem(label, C.Collapsed), icon);
  item.description = String(count);
  return item;
}

function pagedFolder(label: string, icon: string, total: number | undefined): vscode.TreeItem {
  const item = withIcon(new vscode.TreeItem(label, C.Collapsed), icon);
  if (total !== undefined) item.description = String(total);
  return item;
}

function withIcon(
  item: vscode.TreeItem,
  icon: string,
  tip?: string | vscode.MarkdownString,
): vscode.TreeItem {
  item.iconPath = new vscode.ThemeIcon(icon);
  if (tip !== undefined) item.tooltip = tip;
  return item;
}

function tooltip(rows: [string, string][]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  for (const [key, value] of rows) {
    if (value !== '') md.appendMarkdown(`**${key}:** `).appendText(value).appendMarkdown('  \n');
  }
  return md;
}
