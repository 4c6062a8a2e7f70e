/** The tools' names, as package.json's `languageModelTools` declares them. */
export const TOOL_NAMES = [
  'copernica_describeDatabases',
  'copernica_findProfiles',
  'copernica_getProfile',
  'copernica_updateProfile',
  'copernica_createProfile',
] as const;

export type ToolName = (typeof TOOL_NAMES)[number];
