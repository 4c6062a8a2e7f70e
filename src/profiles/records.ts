// The write state of one entity being edited (a document, a table row, an agent's update), with
// named transitions. The write engine is the only code that moves it; the editor layer reads it.
import type { DocumentChanges, ParsedDocument } from '../documents/model';
import type { CreateTarget, Entity, EntityKind } from './kinds';
import type { Owner } from './owners';

/** What a save already wrote when a later request of the same save failed (so a retry skips it). */
export interface PartialWrite {
  fields: ReadonlySet<string>;
  interests: boolean;
  secret: boolean;
}

/** An existing profile or subprofile as it was loaded, and what a failed save half-wrote. */
export class EntityRecord {
  private copy: Entity;
  private definitions: Owner;
  private partial: PartialWrite | undefined;

  constructor(
    readonly kind: EntityKind,
    loaded: Entity,
    owner: Owner,
  ) {
    this.copy = loaded;
    this.definitions = owner;
  }

  get id(): string {
    return this.copy.ID;
  }

  /** Copernica's copy the edit is based on: loaded at open, replaced by each save's read-back. */
  get original(): Entity {
    return this.copy;
  }

  get owner(): Owner {
    return this.definitions;
  }

  /** Set after a save that failed half-way: what it did write. */
  get written(): PartialWrite | undefined {
    return this.partial;
  }

  /** A fresh copy from Copernica (read back after a save): the edit is based on it from now on. */
  reloaded(entity: Entity): void {
    this.copy = entity;
    this.partial = undefined;
  }

  /** The definitions read again at a save (a field may have been added meanwhile). */
  redefined(owner: Owner): void {
    this.definitions = owner;
  }

  /** The fields and/or secret of `changes` were written (one PUT went through). */
  wroteFields(changes: Pick<DocumentChanges, 'fields' | 'secret'>): void {
    this.copy = {
      ...this.copy,
      fields: { ...this.copy.fields, ...changes.fields },
      secret: changes.secret ?? this.copy.secret,
    };
    this.partial = {
      fields: new Set([...(this.partial?.fields ?? []), ...Object.keys(changes.fields)]),
      interests: this.partial?.interests ?? false,
      secret: changes.secret !== undefined || (this.partial?.secret ?? false),
    };
  }

  /** The interests were written. */
  wroteInterests(interests: readonly string[]): void {
    if ('interests' in this.copy) this.copy = { ...this.copy, interests: [...interests] };
    this.partial = {
      fields: this.partial?.fields ?? new Set(),
      interests: true,
      secret: this.partial?.secret ?? false,
    };
  }
}

/** A create whose answer was lost: what was sent, so the next save can look for it first. */
export interface UncertainCreate {
  sent: ParsedDocument;
}

/** A new profile or subprofile that exists only in the editor until its first save. */
export class DraftRecord {
  private id: string | undefined;
  private lost: UncertainCreate | undefined;

  constructor(
    readonly kind: EntityKind,
    readonly target: CreateTarget,
  ) {}

  get owner(): Owner {
    return this.target.owner;
  }

  /** Set once Copernica created it: a draft is never created twice. */
  get createdId(): string | undefined {
    return this.id;
  }

  /** Set while it is unknown whether the last create landed. */
  get uncertain(): UncertainCreate | undefined {
    return this.lost;
  }

  created(id: string): void {
    this.id = id;
    this.lost = undefined;
  }

  createMayHaveLanded(sent: ParsedDocument): void {
    this.lost = { sent };
  }

  /** It was checked: the lost create did not land, so creating is safe again. */
  createDidNotLand(): void {
    this.lost = undefined;
  }
}
