// The profile/subprofile document model: serialization, checks before a save, change and
// conflict detection, and helpers for completion/hover. Pure logic; never imports 'vscode'.
export type {
  CheckResult, DocumentKind, DocumentSchema, ParsedDocument, Problem, ProblemCode, ProblemSeverity,
} from './types';
export {
  newProfileTemplate, newSubprofileTemplate, serializeProfile, serializeSubprofile,
} from './serialize';
export { checkDocument, toParsedDocument } from './checkDocument';
export type { OriginalDocument } from './checkDocument';
export { computeChanges, findCoercions, findConflicts } from './changes';
export type { Coercion, DocumentChanges, FieldConflict, Conflicts } from './changes';
export { describeField, fieldCompletions, locateFieldAt } from './editorHelpers';
export type { FieldCompletion, FieldLocation } from './editorHelpers';
