// Every command the extension contributes, grouped by the feature that handles it. A unit test
// compares them with package.json both ways; the compiler checks that each feature's table has a
// handler for exactly its own ids (see CommandTable) and that together they cover every id.

/** Sign in and out, the log (src/commands/accountCommands.ts). */
export const AccountCommandIds = {
  signIn: 'copernica.signIn',
  signOut: 'copernica.signOut',
  showLog: 'copernica.showLog',
} as const;

/** The explorer view (src/tree). */
export const TreeCommandIds = {
  refresh: 'copernica.refresh',
  refreshNode: 'copernica.refreshNode',
  copyId: 'copernica.copyId',
  findProfiles: 'copernica.findProfiles',
  showDefinitions: 'copernica.showDefinitions',
  loadMore: 'copernica.loadMore',
} as const;

/** Profile documents (src/documents): loaded on first use, so activation registers stand-ins for these. */
export const DocumentCommandIds = {
  openProfileById: 'copernica.openProfileById',
  openSubprofileById: 'copernica.openSubprofileById',
  openProfile: 'copernica.openProfile',
  openSubprofile: 'copernica.openSubprofile',
  newProfile: 'copernica.newProfile',
  newSubprofile: 'copernica.newSubprofile',
  deleteProfile: 'copernica.deleteProfile',
  deleteSubprofile: 'copernica.deleteSubprofile',
} as const;

/** Selections and miniselections (src/selections): loaded on first use, like the documents. */
export const SelectionCommandIds = {
  showSelectionRules: 'copernica.showSelectionRules',
  rebuildSelection: 'copernica.rebuildSelection',
} as const;

/** The profiles table and export (src/table): loaded on first use, activation registers stand-ins. */
export const TableCommandIds = {
  openTable: 'copernica.openTable',
  openCollectionTable: 'copernica.openCollectionTable',
  openSearchTable: 'copernica.openSearchTable',
  exportProfiles: 'copernica.exportProfiles',
} as const;

/** Imports of CSV and JSON Lines files (src/importCommands): loaded on first use, like the documents. */
export const ImportCommandIds = {
  importProfiles: 'copernica.importProfiles',
} as const;

/** The status-bar item (src/ui/statusBar.ts). */
export const StatusBarCommandIds = {
  accountMenu: 'copernica.accountMenu',
} as const;

export const CommandIds = {
  ...AccountCommandIds,
  ...TreeCommandIds,
  ...DocumentCommandIds,
  ...SelectionCommandIds,
  ...StatusBarCommandIds,
  ...TableCommandIds,
  ...ImportCommandIds,
} as const;

type ValueOf<T> = T[keyof T];
export type CommandId = ValueOf<typeof CommandIds>;
export type AccountCommandId = ValueOf<typeof AccountCommandIds>;
export type TreeCommandId = ValueOf<typeof TreeCommandIds>;
export type DocumentCommandId = ValueOf<typeof DocumentCommandIds>;
export type SelectionCommandId = ValueOf<typeof SelectionCommandIds>;
export type StatusBarCommandId = ValueOf<typeof StatusBarCommandIds>;
export type TableCommandId = ValueOf<typeof TableCommandIds>;
export type ImportCommandId = ValueOf<typeof ImportCommandIds>;
