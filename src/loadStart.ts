/** When the bundle began to evaluate: extension.ts imports this first, so it runs before every other module. */
export const loadStart = performance.now();
