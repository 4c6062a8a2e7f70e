import type { Condition, Profile } from '../api/types';

/** What the last Find Profiles showed, for scripts and tests. */
export interface SearchState {
  database: string;
  /** The ID of the selection searched in, if the search was in one. */
  selection?: string;
  conditions: Condition[];
  profiles: Profile[];
  total: number | undefined;
  done: boolean;
  /** The ID of the profile the quick pick has highlighted, as the workbench reports it (Enter picks it). */
  active?: string;
}

export const lastSearch: { state?: SearchState } = {};
