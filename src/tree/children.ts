import * as vscode from 'vscode';
import type { Database, Interest } from '../api/types';
import type { Node, NodeOf } from './nodes';

/** Children of the schema nodes: all from the one databases call, no request of their own. */
export function databaseChildren(node: NodeOf<'database'>): Node[] {
  const database = node.database;
  return [
    {
      kind: 'fields',
      id: `${node.id}/fields`,
      parent: node,
      database,
      fields: database.fields.data,
    },
    { kind: 'interests', id: `${node.id}/interests`, parent: node, database },
    { kind: 'collections', id: `${node.id}/collections`, parent: node, database },
    { kind: 'selections', id: `${node.id}/selections`, parent: node, database },
    { kind: 'profiles', id: `${node.id}/profiles`, parent: node, database },
  ];
}

export function fieldsChildren(node: NodeOf<'fields'>): Node[] {
  if (node.fields.length === 0) return [message(node, vscode.l10n.t('No fields'))];
  return node.fields.map((field) => ({
    kind: 'field',
    id: `${node.id}/${field.ID}`,
    parent: node,
    field,
  }));
}

/** Interests grouped by their group; those without a group come first, ungrouped. */
export function interestsChildren(node: NodeOf<'interests'>): Node[] {
  const interests = node.database.interests.data;
  if (interests.length === 0) return [message(node, vscode.l10n.t('No interests'))];
  const groups = new Map<string, Interest[]>();
  const loose: Node[] = [];
  for (const interest of interests) {
    if (interest.group.trim() === '') {
      loose.push({ kind: 'interest', id: `${node.id}/${interest.ID}`, parent: node, interest });
    } else {
      groups.set(interest.group, [...(groups.get(interest.group) ?? []), interest]);
    }
  }
  const grouped: Node[] = [...groups.entries()].map(([group, members]) => ({
    kind: 'interestGroup',
    id: `${node.id}/g:${group}`,
    parent: node,
    database: node.database,
    group,
    interests: members,
  }));
  return [...loose, ...grouped];
}

export function interestGroupChildren(node: NodeOf<'interestGroup'>): Node[] {
  return node.interests.map((interest) => ({
    kind: 'interest',
    id: `${node.id}/${interest.ID}`,
    parent: node,
    interest,
  }));
}

export function collectionsChildren(node: NodeOf<'collections'>): Node[] {
  const collections = node.database.collections.data;
  if (collections.length === 0) return [message(node, vscode.l10n.t('No collections'))];
  return collections.map((collection) => ({
    kind: 'collection',
    id: `${node.id}/${collection.ID}`,
    parent: node,
    database: node.database,
    collection,
  }));
}

/** A collection's fields, then its miniselections (asked for only when that node is expanded). */
export function collectionChildren(node: NodeOf<'collection'>): Node[] {
  const fields = node.collection.fields.data;
  const miniselections: Node = {
    kind: 'miniselections',
    id: `${node.id}/miniselections`,
    parent: node,
    database: node.database,
    collection: node.collection,
  };
  if (fields.length === 0) return [message(node, vscode.l10n.t('No fields')), miniselections];
  return [
    ...fields.map((field): Node => ({
      kind: 'field',
      id: `${node.id}/${field.ID}`,
      parent: node,
      field,
    })),
    miniselections,
  ];
}

/** A profile expands into its database's collections, each listing that profile's subprofiles. */
export function profileChildren(node: NodeOf<'profile'>): Node[] {
  const collections = node.database.collections.data;
  if (collections.length === 0) return [message(node, vscode.l10n.t('No collections'))];
  return collections.map((collection) => ({
    kind: 'subprofiles',
    id: `${node.id}/c:${collection.ID}`,
    parent: node,
    database: node.database,
    collection,
    profile: node.profile,
  }));
}

export function databaseNodes(account: Node, databases: Database[]): Node[] {
  if (databases.length === 0) return [message(account, vscode.l10n.t('No databases'))];
  return databases.map((database) => ({
    kind: 'database',
    id: `db:${database.ID}`,
    parent: account,
    database,
  }));
}

export function message(parent: Node | undefined, text: string): Node {
  return { kind: 'message', id: `${parent?.id ?? ''}/message`, parent, text };
}
