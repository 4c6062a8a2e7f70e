import { ownerSource } from './documents/fetchEntity';
import type { WriteDeps } from './profiles';
import type { Uses } from './services';

/**
 * The write engine's callbacks in the editor: questions through the Prompter (modal dialogs, or a
 * test's answers), warnings as notifications, lines to the log, and failures after a write that
 * succeeded reported once without failing it.
 */
export async function writeDeps(
  s: Uses<'session' | 'schema' | 'prompter' | 'notifier' | 'log'>,
): Promise<WriteDeps> {
  return {
    // Waits for the stored token when an editor reopened at startup saves before sign-in finished.
    client: await s.session.readyClient(),
    owners: ownerSource(s),
    questions: s.prompter,
    reports: {
      warn: (message) => void s.notifier.warn(message),
      log: (line) => s.log.info(line),
      afterWriteFailed: (error, context) => s.notifier.report(error, { context }),
    },
  };
}
