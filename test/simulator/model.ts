// In-memory entities of the simulated account. Field values are kept as arrays aligned with the
// owner's field list, which keeps 100,000 profiles small and gives the API's field order for free.
import type { FieldType } from '../../src/api/types';

export interface FieldDef {
  id: number;
  name: string;
  /** Lower-case name: field names are matched case-insensitively everywhere (§6.4). */
  key: string;
  type: FieldType;
  /** The `value` the API shows: the default, or the \r\n-separated choices of a select. */
  value: string;
  /** Raw default applied on create, coerced by type. */
  defaultValue: string;
  /** Select choices, right-trimmed and without the `*` default marker. */
  choices: string[];
  displayed: boolean;
  ordered: boolean;
  length: string;
  textlines: string;
  hidden: boolean;
  index: boolean;
}

export interface Interest {
  id: number;
  name: string;
  group: string;
}

export interface FieldOwner {
  fields: FieldDef[];
}

export interface Collection extends FieldOwner {
  id: number;
  name: string;
  databaseId: number;
  /** In ID order; removed ones stay (soft delete). */
  subprofiles: Subprofile[];
}

export interface Database extends FieldOwner {
  id: number;
  name: string;
  description: string;
  archived: boolean;
  created: string;
  interests: Interest[];
  collections: Collection[];
  /** In ID order; removed ones stay (soft delete). */
  profiles: Profile[];
}

interface Entity {
  id: number;
  values: string[];
  secret: string;
  created: string;
  modified: string;
  /** false, or the removal datetime. */
  removed: false | string;
}

export interface Profile extends Entity {
  databaseId: number;
  /** IDs of the interests that are set. */
  interests: number[];
  /** Created lazily: most profiles in big databases have none. */
  subprofiles?: Subprofile[];
}

export interface Subprofile extends Entity {
  profileId: number;
  collectionId: number;
}

export type AnyEntity = Profile | Subprofile;

export interface Identity {
  id: string;
  name: string;
  description: string;
  company: string;
  customer: { id: string; name: string; isPartner: boolean };
  usedBy: unknown[];
  license: { id: string; isTrial: boolean };
}
