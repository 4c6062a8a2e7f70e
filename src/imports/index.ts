// Imports of CSV and JSON Lines files into a database: reading the file, mapping its columns, the
// dry run and applying it through the write engine. Never imports 'vscode': tested in plain Node.
export { parseImport, formatOf } from './parseImport';
export { LIMITS } from './types';
export type { FileProblem, ImportFormat, ImportRow, ImportTable, ParseResult } from './types';
export { mapColumns, suggestedChoices } from './columns';
export type { ColumnChoices, ColumnMapping, ColumnProblem, MappedColumn } from './columns';
export { findExisting } from './existing';
export type { ExistingProfiles } from './existing';
export { IMPORT_ACTIONS, planImport } from './plan';
export type { FieldChange, ImportAction, ImportPlan, Refusal, RowPlan } from './plan';
export { applyPlan, writableRows } from './apply';
export type { ApplyOptions, ApplyProgress, RowResult } from './apply';
export { lineList, renderPlan, renderResult } from './report';
