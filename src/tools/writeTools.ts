// The tools that write. Each write is shown to the user in prepareInvocation (which may read, to
// show the old values, but writes nothing) and carried out by the write engine in invoke: the same
// checks, conflict question, changed-fields-only PUT and read-back as a saved document.
import * as vscode from 'vscode';
import { fetchEntity, ownerSource } from '../documents/fetchEntity';
import {
  DraftRecord,
  EntityRecord,
  KINDS,
  PROFILE,
  type ProfileOwner,
  checkDraft,
  checkEdit,
  createEntity,
  describeEntity,
  ownerOfProfile,
  saveEntity,
} from '../profiles';
import { writeDeps } from '../writeDeps';
import {
  type CreateInput,
  type UpdateInput,
  changeLines,
  checkCreateInput,
  checkUpdateInput,
  errorText,
  interestLine,
  resultText,
  verbatimBlock,
} from './toolInput';
import { type ToolDeps, guarded, signalOf, withheldNote } from './toolKit';

type Tool = vscode.LanguageModelTool<unknown>;

/**
 * What a confirmation showed, kept until invoke: the write is based on the copy the user saw, so a
 * change made in Copernica in between is a conflict. A write that was never shown is not carried out.
 */
class Prepared<T> {
  private readonly items = new Map<string, T>();

  put(key: string, value: T): void {
    this.items.delete(key);
    this.items.set(key, value);
    // Confirmations the user declined are never invoked: keep only the latest few.
    for (const old of this.items.keys()) if (this.items.size > 20) this.items.delete(old);
  }

  take(key: string): T | undefined {
    const value = this.items.get(key);
    this.items.delete(key);
    return value;
  }
}

function notConfirmed(): string {
  return errorText(
    vscode.l10n.t('Nothing was written: this change was not shown to the user for confirmation.'),
    vscode.l10n.t('Call the tool again; VS Code asks the user before it runs.'),
  );
}

function edit(input: UpdateInput | CreateInput): {
  values: { fields: Record<string, string>; interests?: string[] };
} {
  return {
    values: { fields: input.fields, ...(input.interests ? { interests: input.interests } : {}) },
  };
}

/** The record to write and the confirmation, or undefined when nothing would be written (invoke says why). */
async function prepareUpdate(
  deps: ToolDeps,
  input: UpdateInput,
  signal: AbortSignal,
): Promise<{ record: EntityRecord; lines: string[] } | undefined> {
  const kind = KINDS[input.kind];
  const { entity, owner } = await fetchEntity(deps.s, kind, input.id, signal);
  const record = new EntityRecord(kind, entity, owner);
  const checked = checkEdit(record, edit(input));
  const lines = changeLines(entity.fields, checked.fields);
  const interests = interestLine(kind.interestsOf(entity) ?? [], input.interests);
  if (interests) lines.push(interests);
  return lines.length > 0 ? { record, lines } : undefined;
}

function updateResult(
  deps: ToolDeps,
  record: EntityRecord,
  result: Awaited<ReturnType<typeof saveEntity>>,
): string {
  const sent = Object.keys(result.sent?.fields ?? {});
  const base = {
    saved: !result.unchanged,
    kind: record.kind.name,
    ID: record.id,
    changedFields: sent,
  };
  if (deps.mode() === 'never')
    return resultText({
      ...base,
      storedDifferently: result.coercions.length,
      note: withheldNote(),
    });
  const fresh = result.fresh ?? record.original;
  const stored = Object.fromEntries(sent.map((name) => [name, fresh.fields[name] ?? '']));
  const interests = result.sent?.interestsChanged
    ? { interests: record.kind.interestsOf(fresh) }
    : {};
  return resultText({ ...base, stored, ...interests, coercions: result.coercions });
}

export function updateTool(deps: ToolDeps): Tool {
  const prepared = new Prepared<EntityRecord>();
  return {
    prepareInvocation: async (options, token) => {
      const input = checkUpdateInput(options.input);
      const progress = { invocationMessage: vscode.l10n.t('Updating in Copernica') };
      if (!input.ok) return progress;
      try {
        const change = await prepareUpdate(deps, input.value, signalOf(token));
        if (!change) return progress;
        const { record, lines } = change;
        prepared.put(JSON.stringify(input.value), record);
        const name = describeEntity(record.kind, record.original, record.owner);
        return {
          ...progress,
          confirmationMessages: {
            title: vscode.l10n.t('Update {0} in Copernica?', name),
            message: new vscode.MarkdownString(verbatimBlock(lines)),
          },
        };
      } catch (error) {
        // Refused or unreadable: nothing will be written, and invoke reports why.
        deps.s.log.info(
          `copernica_updateProfile: no confirmation (${error instanceof Error ? error.message : String(error)})`,
        );
        return progress;
      }
    },
    invoke: (options, token) =>
      guarded(deps, 'copernica_updateProfile', async () => {
        const input = checkUpdateInput(options.input);
        if (!input.ok) return errorText(input.message);
        const signal = signalOf(token);
        const record = prepared.take(JSON.stringify(input.value));
        if (!record) {
          // Says what is wrong (not found, refused) or that nothing changes; writes only what was confirmed.
          if (await prepareUpdate(deps, input.value, signal)) return notConfirmed();
          return resultText({
            saved: false,
            kind: input.value.kind,
            ID: input.value.id,
            changedFields: [],
          });
        }
        const result = await saveEntity(await writeDeps(deps.s), record, edit(input.value), signal);
        if (result.fresh) {
          deps.s.changes.fire({
            kind: record.kind.name,
            change: 'updated',
            id: record.id,
            parentId: record.kind.parentId(record.owner),
            profileId: record.kind.profileOf(result.fresh),
            entity: result.fresh,
          });
        }
        return updateResult(deps, record, result);
      }),
  };
}

export function createTool(deps: ToolDeps): Tool {
  const prepared = new Prepared<ProfileOwner>();
  return {
    prepareInvocation: async (options, token) => {
      const input = checkCreateInput(options.input);
      const progress = { invocationMessage: vscode.l10n.t('Creating a profile in Copernica') };
      if (!input.ok) return progress;
      try {
        const owner = await ownerOfProfile(
          ownerSource(deps.s),
          input.value.database,
          signalOf(token),
        );
        // Refused values are reported by invoke, without asking the user to confirm what cannot be written.
        checkDraft({ kind: PROFILE, owner }, edit(input.value));
        prepared.put(JSON.stringify(input.value), owner);
        const lines = changeLines({}, input.value.fields);
        const interests = interestLine([], input.value.interests);
        if (interests) lines.push(interests);
        return {
          ...progress,
          confirmationMessages: {
            title: vscode.l10n.t('Create a profile in {0}?', owner.database.name),
            message: new vscode.MarkdownString(
              verbatimBlock(
                lines.length > 0 ? lines : [vscode.l10n.t('(all fields at their defaults)')],
              ),
            ),
          },
        };
      } catch (error) {
        deps.s.log.info(
          `copernica_createProfile: no confirmation (${error instanceof Error ? error.message : String(error)})`,
        );
        return progress;
      }
    },
    invoke: (options, token) =>
      guarded(deps, 'copernica_createProfile', async () => {
        const input = checkCreateInput(options.input);
        if (!input.ok) return errorText(input.message);
        const owner = prepared.take(JSON.stringify(input.value));
        if (!owner) {
          // An unknown database or refused values are reported; a create that was not shown is not made.
          checkDraft(
            {
              kind: PROFILE,
              owner: await ownerOfProfile(
                ownerSource(deps.s),
                input.value.database,
                signalOf(token),
              ),
            },
            edit(input.value),
          );
          return notConfirmed();
        }
        const created = await createEntity(
          await writeDeps(deps.s),
          new DraftRecord(PROFILE, { owner }),
          edit(input.value),
          signalOf(token),
        );
        deps.s.changes.fire({
          kind: 'profile',
          change: 'created',
          id: created.id,
          parentId: owner.database.ID,
          ...(created.fresh ? { entity: created.fresh } : {}),
        });
        const base = {
          created: true,
          kind: 'profile',
          ID: created.id,
          database: owner.database.name,
        };
        if (deps.mode() === 'never')
          return resultText({
            ...base,
            storedDifferently: created.coercions.length,
            note: withheldNote(),
          });
        return resultText({ ...base, fields: created.fresh?.fields, coercions: created.coercions });
      }),
  };
}
