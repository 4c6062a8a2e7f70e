// Whatever the network or the server does: browsing recovers by itself or shows one clear
// notification; saving never loses the user's text, never writes twice, and succeeds once the
// fault has cleared. Every fault comes from the simulator's controls, inside the real VS Code.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/app';
import type { Node } from '../../src/tree/nodes';
import type { MatchSpec, Simulator } from '../simulator';
import { type FaultMode, record, requestsOf, resetSimulator } from './support/reliability';
import {
  RecordingPrompter,
  discard,
  errorMessages,
  openProfile,
  replaceText,
  setField,
  writesTo,
} from './support/reliabilityDocs';
import { type FaultCase, fault, useRequestTimeout } from './support/reliabilityFaults';
import { signIn } from './support/setup';
import { childrenOf, label, path } from './support/tree';

interface Plan {
  fault: string;
  mode: FaultMode;
  count: number;
}

/** Faults the client retries: once they are invisible, ten times they beat the retries. */
const RETRIED = [
  '502 Bad Gateway',
  '503 Loadbalancer Error page',
  '429 with Retry-After',
  'connection reset',
  'truncated JSON',
];

const PLANS: Plan[] = [
  ...RETRIED.flatMap((name): Plan[] => [
    { fault: name, mode: 'transient', count: 1 },
    { fault: name, mode: 'persistent', count: 10 },
  ]),
  { fault: 'timeout', mode: 'transient', count: 1 },
  { fault: '400 with a message', mode: 'transient', count: 1 },
  { fault: 'expired JWT', mode: 'transient', count: 1 },
  { fault: 'revoked token', mode: 'persistent', count: 1 },
];

/** What the user must see: the fault hidden by the client's own retry, or one notification. */
function hidden(f: FaultCase, plan: Plan): boolean {
  return f.retried && plan.mode === 'transient';
}

function title(plan: Plan, outcome: string): string {
  return `${plan.fault} (${plan.mode}): ${outcome}`;
}

async function withFault<T>(
  api: ExtensionApi,
  sim: Simulator,
  f: FaultCase,
  run: (tearDown: () => Promise<void>) => Promise<T>,
): Promise<T> {
  let tornDown = false;
  const tearDown = async (): Promise<void> => {
    if (tornDown) return;
    tornDown = true;
    resetSimulator(sim);
    await f.tearDown?.(api);
  };
  await f.setUp?.(api);
  try {
    return await run(tearDown);
  } finally {
    await tearDown();
  }
}

describe('reliability: faults while browsing the explorer', function () {
  this.timeout(30_000);

  for (const plan of PLANS) {
    const f = fault(plan.fault);
    const expected = hidden(f, plan) ? 'recovers' : 'one notification';
    it(
      title(
        plan,
        expected === 'recovers'
          ? 'the profiles load, nothing is shown'
          : 'one error notification, then a retry loads',
      ),
      async () => {
        const { sim, api } = await signIn();
        await withFault(api, sim, f, async (tearDown) => {
          await vscode.commands.executeCommand('copernica.refresh');
          const profiles = await path(api, 'Demo Account', 'Newsletter', 'Profiles');
          await vscode.commands.executeCommand('copernica.refreshNode', profiles);
          resetSimulator(sim);
          api.notifier.clearHistory();
          await f.inject(sim, { method: 'GET', path: '/profiles$' }, plan.count);
          const kids = await childrenOf(api, profiles);
          const errors = api.notifier.history().filter((n) => n.severity === 'error');
          const loaded = kids.some((k) => k.kind === 'profile');
          await tearDown();
          await vscode.commands.executeCommand(
            'copernica.refreshNode',
            kids[0]?.kind === 'error' ? kids[0] : profiles,
          );
          const recoveredAfterClear = (await childrenOf(api, profiles)).some(
            (k) => k.kind === 'profile',
          );
          const outcome =
            loaded && errors.length === 0
              ? 'recovered'
              : !loaded && errors.length === 1
                ? 'one notification'
                : `${errors.length} notifications, profiles ${loaded ? 'shown' : 'not shown'}`;
          record({
            kind: 'browse',
            fault: plan.fault,
            mode: plan.mode,
            expected,
            outcome,
            errorNotifications: errors.length,
            recoveredAfterClear,
          });

          if (expected === 'recovers') {
            assert.deepStrictEqual(
              errors,
              [],
              'the client should have hidden a single fault by retrying',
            );
            assert.ok(loaded, 'the profiles did not load');
          } else {
            assert.strictEqual(
              errors.length,
              1,
              `expected exactly one error notification: ${JSON.stringify(errors)}`,
            );
            assert.match(errors[0]?.message ?? '', f.says);
            assert.ok(
              errors[0]?.actions.includes(f.action ?? 'Show Log'),
              JSON.stringify(errors[0]),
            );
            assert.strictEqual(kids.length, 1);
            assert.strictEqual(kids[0]?.kind, 'error');
            assert.match(label(api.explorer.getTreeItem(kids[0] as Node)), f.says);
          }
          assert.ok(recoveredAfterClear, 'the profiles did not load once the fault had cleared');
        });
      },
    );
  }

  it('two loads of one failing node at the same time show one notification', async () => {
    const { sim, api } = await signIn();
    const profiles = await path(api, 'Demo Account', 'Newsletter', 'Profiles');
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
    resetSimulator(sim);
    api.notifier.clearHistory();
    sim.controls.failNext({
      status: 400,
      body: JSON.stringify({ error: { message: 'Simulated refusal' } }),
      method: 'GET',
      path: '/profiles$',
      count: 10,
    });
    // The view and a reveal (or a command) may ask for the same children at once.
    const [a, b] = await Promise.all([childrenOf(api, profiles), childrenOf(api, profiles)]);
    const errors = errorMessages(api);
    resetSimulator(sim);
    record({
      kind: 'browse',
      fault: '400 on two simultaneous loads',
      mode: 'transient',
      expected: 'one notification',
      outcome: errors.length === 1 ? 'one notification' : `${errors.length} notifications`,
      errorNotifications: errors.length,
      recoveredAfterClear: true,
    });
    assert.strictEqual(a[0]?.kind, 'error');
    assert.strictEqual(b[0]?.kind, 'error');
    assert.strictEqual(
      errors.length,
      1,
      `one failed load, ${errors.length} notifications: ${JSON.stringify(errors)}`,
    );
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
  });

  it('a load that fails after the connection settings changed leaves no stale error behind', async () => {
    const { sim, api } = await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    const profiles = await path(api, 'Demo Account', 'Newsletter', 'Profiles');
    resetSimulator(sim);
    api.notifier.clearHistory();
    try {
      // Beats the retries for a second or two: long enough to change a setting meanwhile.
      sim.controls.failNext({ status: 502, method: 'GET', path: '/profiles$', count: 10 });
      const pending = childrenOf(api, profiles);
      await useRequestTimeout(api, 29);
      await pending;
      resetSimulator(sim);
      const fresh = await path(api, 'Demo Account', 'Newsletter', 'Profiles');
      const kids = await childrenOf(api, fresh);
      const errors = errorMessages(api);
      record({
        kind: 'browse',
        fault: '502 outliving a settings change',
        mode: 'persistent',
        expected: 'recovers',
        outcome:
          kids.some((k) => k.kind === 'profile') && errors.length === 0
            ? 'recovered'
            : `${errors.length} notifications, ${kids[0]?.kind ?? 'nothing'} shown`,
        errorNotifications: errors.length,
        recoveredAfterClear: true,
      });
      assert.ok(
        kids.some((k) => k.kind === 'profile'),
        `the new tree shows ${kids.map((k) => k.kind).join(', ')}`,
      );
      assert.deepStrictEqual(errors, [], 'a failure of the old tree was reported');
    } finally {
      resetSimulator(sim);
      await useRequestTimeout(api, undefined);
    }
  });
});

/** Profiles of the demo Newsletter used by the save scenarios, one each (none of them removed). */
let nextProfile = 610;

interface SaveRun {
  firstSave: boolean;
  /** Text and dirty state right after the failed save. */
  kept: boolean;
  errors: string[];
  savedInTheEnd: boolean;
  stored: string | undefined;
  successfulWrites: number;
  writeRequests: number;
  conflicts: number;
}

/**
 * Types a new first name, saves under the fault, clears the fault, saves again if needed, and
 * counts the writes the server accepted for that profile over both saves.
 */
async function saveUnder(
  f: FaultCase,
  plan: Plan,
  value: string,
  afterFailure?: (sim: Simulator, id: string) => void,
): Promise<SaveRun> {
  const { sim, api } = await signIn();
  const id = String(nextProfile++);
  const prompter = new RecordingPrompter(afterFailure ? 'overwrite' : 'cancel');
  api.usePrompter(prompter);
  let doc: vscode.TextDocument | undefined;
  try {
    return await withFault(api, sim, f, async (tearDown) => {
      doc = await openProfile(api, id);
      const typed = setField(doc.getText(), 'firstname', value);
      await replaceText(doc, typed);
      resetSimulator(sim);
      api.notifier.clearHistory();
      // A truncated answer hurts a read (the one before the write); a write's answer has no body.
      const match: MatchSpec = {
        method: f.name === 'truncated JSON' ? 'GET' : 'PUT',
        path: `^/v4/profile/${id}$`,
      };
      const rejected = await f.inject(sim, match, plan.count);
      const firstSave = await doc.save();
      const kept = doc.getText() === typed && doc.isDirty;
      const errors = errorMessages(api);
      afterFailure?.(sim, id);
      const faultPhase = requestsOf(sim);
      await tearDown();
      const savedInTheEnd = firstSave || (await doc.save());
      const retryPhase = requestsOf(sim);
      const writes = [...writesTo(faultPhase, id), ...writesTo(retryPhase, id)];
      const landedUnanswered = afterFailure ? 1 : 0;
      const stored = (await api.session.client().profile(id)).fields.firstname;
      return {
        firstSave,
        kept,
        errors,
        savedInTheEnd: savedInTheEnd && !doc.isDirty,
        stored,
        successfulWrites:
          writes.length - writesTo(rejected(faultPhase), id).length + landedUnanswered,
        writeRequests: writes.length,
        conflicts: prompter.conflicts.length,
      };
    });
  } finally {
    api.usePrompter(undefined);
    if (doc) await discard(doc);
  }
}

describe('reliability: faults while saving a profile', function () {
  this.timeout(30_000);

  for (const plan of PLANS) {
    const f = fault(plan.fault);
    const recovers = hidden(f, plan);
    it(
      title(
        plan,
        recovers
          ? 'saved at once, written once'
          : 'text kept and dirty, one notification, saved once on retry',
      ),
      async () => {
        const value = `Kept ${plan.fault} ${plan.mode}`.slice(0, 50);
        const run = await saveUnder(f, plan, value);
        const lost = (!run.firstSave && !run.kept) || run.stored !== value;
        record({
          kind: 'save',
          fault: plan.fault,
          mode: plan.mode,
          firstSave: run.firstSave,
          lost,
          successfulWrites: run.successfulWrites,
          writeRequests: run.writeRequests,
          errorNotifications: run.errors.length,
          savedInTheEnd: run.savedInTheEnd,
        });

        assert.strictEqual(
          run.firstSave,
          recovers,
          recovers ? 'the client should have hidden a single fault' : 'the save should have failed',
        );
        if (!recovers) {
          assert.ok(
            run.kept,
            'after the failed save the document must keep exactly what was typed, and stay dirty',
          );
          assert.strictEqual(
            run.errors.length,
            1,
            `expected one error notification: ${JSON.stringify(run.errors)}`,
          );
          assert.match(run.errors[0] ?? '', f.says);
        }
        assert.ok(run.savedInTheEnd, 'saving again once the fault had cleared did not save');
        assert.strictEqual(run.stored, value, 'the server does not have the value');
        assert.strictEqual(
          run.successfulWrites,
          1,
          `${run.successfulWrites} accepted writes (${run.writeRequests} sent)`,
        );
        assert.strictEqual(run.conflicts, 0, "the extension took its own write for someone else's");
      },
    );
  }

  it('timeout after the write landed (only the answer was lost): saved on retry without writing again', async () => {
    const f = fault('timeout');
    const value = 'Landed while the answer was lost';
    // What a PUT that reached Copernica but whose answer never came leaves: the value is stored.
    const run = await saveUnder(
      f,
      { fault: f.name, mode: 'transient', count: 1 },
      value,
      (sim, id) => sim.controls.changeProfile(id, { firstname: value }),
    );
    const lost = !run.kept || run.stored !== value;
    record({
      kind: 'save',
      fault: 'timeout after the write landed',
      mode: 'transient',
      firstSave: run.firstSave,
      lost,
      successfulWrites: run.successfulWrites,
      writeRequests: run.writeRequests,
      errorNotifications: run.errors.length,
      savedInTheEnd: run.savedInTheEnd,
    });
    assert.strictEqual(run.firstSave, false);
    assert.ok(run.kept);
    assert.ok(run.savedInTheEnd, 'saving again did not save');
    assert.strictEqual(run.stored, value);
    assert.strictEqual(
      run.conflicts,
      0,
      'the user was asked about a "change in Copernica" that was their own write',
    );
    assert.strictEqual(
      run.successfulWrites,
      1,
      `the same change was written ${run.successfulWrites} times`,
    );
  });

  after(async () => {
    const { sim, api } = await signIn();
    resetSimulator(sim);
    await useRequestTimeout(api, undefined);
  });
});
