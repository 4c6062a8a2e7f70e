/** Set by esbuild.js at the top of every dist/ file, so before dist/extension.js requires its chunks. */
declare const __copernicaLoadStart: number | undefined;

/**
 * When the bundle began to evaluate. Outside the split bundle (tests bundling src/ directly) the
 * clock is this module's own start: extension.ts imports it first, so it runs before the others.
 */
export const loadStart =
  typeof __copernicaLoadStart === 'number' ? __copernicaLoadStart : performance.now();
