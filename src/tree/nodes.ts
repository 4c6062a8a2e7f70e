import type {
  Collection,
  Database,
  Field,
  Identity,
  Interest,
  Profile,
  Subprofile,
  View,
} from '../api/types';

/**
 * Tree nodes are plain data with stable hierarchical ids (VS Code keeps expansion state by id).
 * `contextValue` in package.json menus is the node's `kind`.
 */
interface Base {
  readonly id: string;
  readonly parent: Node | undefined;
}

export type Node =
  | (Base & { kind: 'account'; identity: Identity })
  | (Base & { kind: 'database'; database: Database })
  | (Base & { kind: 'fields'; database: Database; fields: Field[] })
  | (Base & { kind: 'field'; field: Field })
  | (Base & { kind: 'interests'; database: Database })
  | (Base & { kind: 'interestGroup'; database: Database; group: string; interests: Interest[] })
  | (Base & { kind: 'interest'; interest: Interest })
  | (Base & { kind: 'collections'; database: Database })
  | (Base & { kind: 'collection'; database: Database; collection: Collection })
  | (Base & { kind: 'profiles'; database: Database })
  | (Base & { kind: 'profile'; database: Database; profile: Profile })
  | (Base & { kind: 'subprofiles'; database: Database; collection: Collection; profile: Profile })
  | (Base & {
      kind: 'subprofile';
      database: Database;
      collection: Collection;
      subprofile: Subprofile;
    })
  | (Base & { kind: 'selections'; database: Database })
  | (Base & { kind: 'selection'; database: Database; view: View })
  | (Base & { kind: 'selectionProfiles'; database: Database; view: View })
  | (Base & { kind: 'miniselections'; database: Database; collection: Collection })
  | (Base & { kind: 'miniselection'; database: Database; collection: Collection; view: View })
  | (Base & { kind: 'loadMore'; owner: PagedNode })
  | (Base & { kind: 'message'; text: string })
  | (Base & { kind: 'error'; text: string; owner: Node | undefined });

export type NodeKind = Node['kind'];
export type PagedNode = Extract<
  Node,
  { kind: 'profiles' | 'subprofiles' | 'selectionProfiles' | 'miniselection' }
>;
/** A selection or a miniselection in the tree. */
export type ViewNode = Extract<Node, { kind: 'selection' | 'miniselection' }>;
export type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;

export function isPaged(node: Node): node is PagedNode {
  return (
    node.kind === 'profiles' ||
    node.kind === 'subprofiles' ||
    node.kind === 'selectionProfiles' ||
    node.kind === 'miniselection'
  );
}

export function isViewNode(node: Node): node is ViewNode {
  return node.kind === 'selection' || node.kind === 'miniselection';
}

/** The label of a profile: the database's email field, else its first text field, else the ID. */
export function profileLabel(profile: Profile | Subprofile, fields: readonly Field[]): string {
  const email = fields.find((f) => f.type === 'email');
  const text = fields.find((f) => f.type === 'text');
  for (const field of [email, text]) {
    const value = field ? profile.fields[field.name] : undefined;
    if (value !== undefined && value.trim() !== '') return value;
  }
  return profile.ID;
}

/** The ID a "Copy ID" of this node copies, if it has one. */
export function entityId(node: Node): string | undefined {
  switch (node.kind) {
    case 'database':
      return node.database.ID;
    case 'field':
      return node.field.ID;
    case 'interest':
      return node.interest.ID;
    case 'collection':
      return node.collection.ID;
    case 'profile':
      return node.profile.ID;
    case 'subprofile':
      return node.subprofile.ID;
    case 'selection':
    case 'miniselection':
      return node.view.ID;
    default:
      return undefined;
  }
}
