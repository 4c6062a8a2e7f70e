/** Every command the extension contributes; a unit test compares this with package.json both ways. */
export const CommandIds = {
  showLog: 'copernica.showLog',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
