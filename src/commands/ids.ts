/** Every command the extension contributes; a unit test compares this with package.json both ways. */
export const CommandIds = {
  signIn: 'copernica.signIn',
  signOut: 'copernica.signOut',
  refresh: 'copernica.refresh',
  refreshNode: 'copernica.refreshNode',
  showLog: 'copernica.showLog',
  copyId: 'copernica.copyId',
  findProfiles: 'copernica.findProfiles',
  showDefinitions: 'copernica.showDefinitions',
  openProfileById: 'copernica.openProfileById',
  openSubprofileById: 'copernica.openSubprofileById',
  openProfile: 'copernica.openProfile',
  openSubprofile: 'copernica.openSubprofile',
  loadMore: 'copernica.loadMore',
  newProfile: 'copernica.newProfile',
  newSubprofile: 'copernica.newSubprofile',
  deleteProfile: 'copernica.deleteProfile',
  deleteSubprofile: 'copernica.deleteSubprofile',
  accountMenu: 'copernica.accountMenu',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
