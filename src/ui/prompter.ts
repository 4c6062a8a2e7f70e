import * as vscode from 'vscode';
import type { ConflictChoice } from '../profiles';

export type { ConflictChoice };

/**
 * Every question the extension puts to the user goes through here, so that tests (where VS Code
 * refuses modal dialogs) can answer them. The default implementation asks with modal dialogs.
 */
export interface Prompter {
  /** A yes/no confirmation of a destructive action; true when confirmed. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** Someone else changed what the user is saving. */
  conflict(message: string, detail: string): Promise<ConflictChoice>;
}

export class ModalPrompter implements Prompter {
  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    const picked = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return picked === action;
  }

  async conflict(message: string, detail: string): Promise<ConflictChoice> {
    const compare = vscode.l10n.t('Compare');
    const overwrite = vscode.l10n.t('Overwrite');
    const picked = await vscode.window.showWarningMessage(
      message,
      { modal: true, detail },
      compare,
      overwrite,
    );
    if (picked === compare) return 'compare';
    if (picked === overwrite) return 'overwrite';
    return 'cancel';
  }
}

/** Lets a test or script swap the prompter while the app keeps one reference. */
export class SwitchablePrompter implements Prompter {
  private inner: Prompter = new ModalPrompter();

  use(prompter: Prompter | undefined): void {
    this.inner = prompter ?? new ModalPrompter();
  }

  confirm(message: string, detail: string, action: string): Promise<boolean> {
    return this.inner.confirm(message, detail, action);
  }

  conflict(message: string, detail: string): Promise<ConflictChoice> {
    return this.inner.conflict(message, detail);
  }
}
