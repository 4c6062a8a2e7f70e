// Profiles and subprofiles: the entity kinds, their owners, and the one write path every feature
// uses (documents, tables, imports, agent tools). Never imports 'vscode': tested in plain Node.
export { KINDS, PROFILE, SUBPROFILE, isRemoved, kindOf } from './kinds';
export type { CreateTarget, Entity, EntityClient, EntityKind, EntityKindName } from './kinds';
export { findDatabase, ownerOfCollection, ownerOfProfile, ownerOfSubprofile } from './owners';
export type { Owner, OwnerSource, ProfileOwner, SubprofileOwner } from './owners';
export { DraftRecord, EntityRecord } from './records';
export type { PartialWrite } from './records';
export { AmbiguousCreateError, WriteCancelledError, WriteRefusedError, capitalize } from './errors';
export {
  checkDraft,
  checkEdit,
  confirmDelete,
  createEntity,
  deleteEntity,
  describeEntity,
  saveEntity,
  serializeEntity,
} from './writeEngine';
export type {
  ConflictChoice,
  CreateResult,
  DeleteOutcome,
  Edit,
  SaveResult,
  WriteDeps,
  WriteQuestions,
  WriteReports,
} from './writeEngine';
