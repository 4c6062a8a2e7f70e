// The one place that imports jsonc-parser, so the rest of the model names only what it uses.
// (esbuild.js takes the package's ESM build: its UMD "main" cannot be bundled.)
export {
  createScanner,
  findNodeAtOffset,
  format,
  getLocation,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
export type { Node, ParseError } from 'jsonc-parser';
