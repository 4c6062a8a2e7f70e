// Payload types of the Copernica REST API, as the API sends them: IDs and field values stay strings.
// Parsers that turn `unknown` JSON into these types live in ./parse.ts.

/** The paging envelope every list call returns (https://www.copernica.com/en/documentation/restv4/rest-paging). */
export interface Page<T> {
  start: number;
  limit: number;
  count: number;
  data: T[];
  /** Absent when the call was made with `total=false`. */
  total?: number;
  /** Present on some (sub)profile lists; clients must not require it. */
  nextId?: number;
}

export interface Identity {
  id: string;
  name: string;
  description: string;
  company: string;
}

export type FieldType =
  | 'text'
  | 'email'
  | 'phone'
  | 'phone_fax'
  | 'phone_gsm'
  | 'integer'
  | 'float'
  | 'date'
  | 'empty_date'
  | 'datetime'
  | 'empty_datetime'
  | 'select'
  | 'big'
  | 'foreign_key';

export interface Field {
  ID: string;
  name: string;
  /** Kept as a string so an unknown future type does not break parsing. */
  type: FieldType | string;
  /** The default value; for `select` the choices separated by \r\n or \n. */
  value: string;
  displayed: boolean;
  ordered: boolean;
  length: string;
  textlines: string;
  hidden: boolean;
  index: boolean;
}

export interface Interest {
  ID: string;
  name: string;
  group: string;
}

export interface Intentions {
  email: boolean;
  sms: boolean;
  fax: boolean;
  pdf: boolean;
}

export interface Collection {
  ID: string;
  name: string;
  database: string;
  fields: Page<Field>;
  intentions: Intentions;
}

export interface Database {
  ID: string;
  name: string;
  description: string;
  archived: boolean;
  created: string;
  fields: Page<Field>;
  interests: Page<Interest>;
  collections: Page<Collection>;
  intentions: Intentions;
}

export interface Profile {
  ID: string;
  fields: Record<string, string>;
  interests: string[];
  database: string;
  secret: string;
  created: string;
  modified: string;
  /** `false`, or the datetime at which the profile was removed. */
  removed: false | string;
}

export interface Subprofile {
  ID: string;
  secret: string;
  fields: Record<string, string>;
  profile: string;
  collection: string;
  created: string;
  modified: string;
  removed: false | string;
}

export type ConditionOperator = '==' | '!=' | '<>' | '<' | '>' | '<=' | '>=' | '=~' | '!~';

export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  '==',
  '!=',
  '<>',
  '<=',
  '>=',
  '=~',
  '!~',
  '<',
  '>',
];

export interface Condition {
  field: string;
  operator: ConditionOperator;
  value: string;
}

/** Query of a (sub)profile listing (https://www.copernica.com/en/documentation/restv4/rest-get-database-profiles). */
export interface ProfileQuery {
  start?: number;
  /** 1..1000; the API caps at 1000. */
  limit?: number;
  /** `false` sends `total=false`, so the envelope has no total (cheaper). */
  total?: boolean;
  conditions?: readonly Condition[];
  orderBy?: string;
  order?: 'asc' | 'desc';
  dataOnly?: boolean;
}

export interface ProfileUpdate {
  fields?: Record<string, string>;
  /** A list sets these on and the rest off; an object sets each named interest on (1/true) or off. */
  interests?: readonly string[] | Record<string, boolean | 0 | 1>;
  secret?: string;
}

export interface SubprofileUpdate {
  fields?: Record<string, string>;
  secret?: string;
}

export type ApiVersion = 'v4' | 'v3' | 'v2';

/**
 * A selection ("view" in the API) or a miniselection ("miniview"): a saved, rule-based subset of a
 * database's profiles or of a collection's subprofiles
 * (https://www.copernica.com/en/documentation/restv4/rest-get-view). Hyphenated keys are renamed.
 */
export interface View {
  ID: string;
  name: string;
  description: string;
  /** `database` or `view` for a selection, `collection` for a miniselection. */
  parentType: string;
  parentId: string;
  hasChildren: boolean;
  hasRules: boolean;
  /** The owning database of a selection, '' for a miniselection. */
  database: string;
  /** The owning collection of a miniselection, '' for a selection. */
  collection: string;
  /** `YYYY-MM-DD hh:mm:ss`, or '' when Copernica gives none (before the first build). */
  lastBuilt: string;
}

/**
 * One condition of a rule, as Copernica returns it: its `type` (Field, Interest, Date, …) and the
 * type's own hyphenated keys, kept as they came (a null-prototype map of JSON values).
 */
export interface ViewCondition {
  ID: string;
  type: string;
  properties: Record<string, unknown>;
}

/** A rule of a selection or miniselection (https://www.copernica.com/en/documentation/restv4/rest-get-view-rules). */
export interface ViewRule {
  ID: string;
  name: string;
  /** The rule matches the profiles that do not satisfy its conditions (`inversed`, or `inverted`). */
  inversed: boolean;
  disabled: boolean;
  conditions: ViewCondition[];
}
