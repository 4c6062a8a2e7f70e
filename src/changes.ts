import * as vscode from 'vscode';
import type { Entity, EntityKindName } from './profiles';

/** A (sub)profile that the extension itself created, changed or deleted: the tree follows these. */
export interface EntityChange {
  kind: EntityKindName;
  change: 'created' | 'updated' | 'deleted';
  id: string;
  /** Database ID (profiles) or collection ID (subprofiles). */
  parentId: string;
  /** The owning profile's ID, for subprofiles. */
  profileId?: string;
  /** The entity as the server now has it, when known, so the tree can relabel without a request. */
  entity?: Entity;
}

export class ChangeEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<EntityChange>();
  readonly onDidChange = this.emitter.event;

  fire(change: EntityChange): void {
    this.emitter.fire(change);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
