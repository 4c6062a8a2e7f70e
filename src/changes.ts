import * as vscode from 'vscode';

/** A (sub)profile that the extension itself created, changed or deleted: the tree follows these. */
export interface EntityChange {
  kind: 'profile' | 'subprofile';
  change: 'created' | 'updated' | 'deleted';
  id: string;
  /** Database ID (profiles) or collection ID (subprofiles). */
  parentId: string;
  /** The owning profile's ID, for subprofiles. */
  profileId?: string;
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
