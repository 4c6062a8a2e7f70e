// The one place that imports jsonc-parser. Its package "main" is a UMD build whose factory
// require()s its own files at run time, which esbuild cannot follow (the bundle then fails with
// "Cannot find module './impl/format'"); its ESM build bundles cleanly. If esbuild.js gains
// `mainFields: ['module', 'main']`, this can import 'jsonc-parser' directly.
export { createScanner, findNodeAtOffset, getLocation, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
export type { Node, ParseError } from 'jsonc-parser/lib/esm/main.js';
