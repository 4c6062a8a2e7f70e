import type * as vscode from 'vscode';
import type { TokenStore } from './auth/tokenStore';
import type { ChangeEvents } from './changes';
import type { Log } from './log';
import type { SchemaCache } from './schema';
import type { Session } from './session';
import type { Notifier } from './ui/notifier';
import type { Prompter } from './ui/prompter';

/** The services every feature gets from the composition root (app.ts). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly tokens: TokenStore;
  readonly session: Session;
  readonly schema: SchemaCache;
  readonly notifier: Notifier;
  readonly prompter: Prompter;
  /** Profiles and subprofiles created, updated or deleted through the extension. */
  readonly changes: ChangeEvents;
}

/** The services a function really uses: it is handed these, not the whole bag. */
export type Uses<K extends keyof Services> = Pick<Services, K>;
