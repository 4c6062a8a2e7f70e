import * as vscode from 'vscode';
import type { Profile, Subprofile } from '../api/types';
import type { Services } from '../services';
import type { Draft } from './documentStore';
import { fetchProfile, fetchSubprofile } from './loadEntity';
import { type ParsedDocument, checkDocument } from './model';
import { refuseInvalid } from './refusal';
import { warnAboutCoercions } from './saveEntity';
import { describeAddress } from './uris';

/** The new entity as read back after creation; undefined when reading it back failed. */
export interface CreateResult {
  id: string;
  fresh?: Profile | Subprofile;
}

/**
 * Saves a draft: checks it, creates the entity with one POST (never a second one, even when a
 * later step fails and the user saves again), then reads it back.
 */
export async function saveDraft(s: Services, draft: Draft, text: string): Promise<CreateResult> {
  const label = describeAddress(draft.address);
  const value = refuseInvalid(s, label, checkDocument(text, draft.owner.schema));
  const firstSave = draft.createdId === undefined;
  const id = draft.createdId ?? (await create(s, draft, value));
  draft.createdId = id;
  if (firstSave && value.secret !== undefined && value.secret !== '') await setSecret(s, draft, id, value.secret);
  let fresh: Profile | Subprofile;
  try {
    fresh = draft.owner.kind === 'profile' ? (await fetchProfile(s, id)).entity : (await fetchSubprofile(s, id)).entity;
  } catch (error) {
    s.notifier.report(error, { context: vscode.l10n.t('Reading {0} back after creating it', describeAddress({ ...draft.address, id, draft: false })) });
    return { id };
  }
  warnAboutCoercions(s, describeAddress({ ...draft.address, id, draft: false }), value.fields, firstSave ? value.secret : undefined, fresh, draft);
  return { id, fresh };
}

async function create(s: Services, draft: Draft, value: ParsedDocument): Promise<string> {
  const client = s.session.client();
  const { owner } = draft;
  if (owner.kind === 'profile') {
    const interests = value.interests !== undefined ? { interests: value.interests } : {};
    return client.createProfile(owner.database.ID, { fields: value.fields, ...interests });
  }
  if (draft.profileId === undefined) throw new Error(vscode.l10n.t('This new subprofile has no profile to belong to.'));
  return client.createSubprofile(draft.profileId, owner.collection.ID, value.fields);
}

/** Copernica ignores a secret in a POST; it is set with a PUT afterwards. */
async function setSecret(s: Services, draft: Draft, id: string, secret: string): Promise<void> {
  try {
    const client = s.session.client();
    if (draft.owner.kind === 'profile') await client.updateProfile(id, { secret });
    else await client.updateSubprofile(id, { secret });
  } catch (error) {
    // The entity exists now: failing the save would leave a draft that can never be created again.
    s.notifier.report(error, { context: vscode.l10n.t('Setting the secret of {0}', describeAddress({ ...draft.address, id, draft: false })) });
  }
}
