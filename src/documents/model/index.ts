// The profile/subprofile document model: serialization, checks before a save, change and
// conflict detection, and helpers for completion/hover. Pure logic; never imports 'vscode'.
export type {
  CheckResult,
  DocumentKind,
  DocumentSchema,
  ParsedDocument,
  Problem,
  ProblemCode,
  ProblemSeverity,
} from './types';
export {
  fieldsMissingFromDefinitions,
  newProfileTemplate,
  newSubprofileTemplate,
  serializeProfile,
  serializeSubprofile,
} from './serialize';
export { checkDocument, toParsedDocument } from './checkDocument';
export type { OriginalDocument } from './checkDocument';
export { computeChanges, findCoercions, findConflicts, sameSet } from './changes';
export type { Coercion, DocumentChanges, FieldConflict, Conflicts } from './changes';
export { describeField, fieldCompletions, locateFieldAt } from './editorHelpers';
export { defaultValue } from './serialize';
export {
  MAX_BIG_LENGTH,
  MAX_INTEGER,
  MIN_INTEGER,
  maxLength,
  selectChoices,
  typeLabel,
} from './fieldTypes';
export type { SelectChoices } from './fieldTypes';
export { READ_ONLY_KEYS, TOP_LEVEL_KEYS } from './checkTopLevel';
export type { ReadOnlyKey } from './checkTopLevel';
export { MAX_DEPTH, MAX_DOCUMENT_BYTES } from './syntax';
export { checkFieldValue } from './valueRules';
export type { ValueVerdict } from './valueRules';
export { closest } from './text';
export type { FieldCompletion, FieldLocation } from './editorHelpers';
export { formatEdits, outline } from './outline';
export type { OutlineEntry, TextEdit } from './outline';
