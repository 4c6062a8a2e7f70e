// The selection or miniselection a command's argument names (read beside the other argument
// readers of src/commands/args.ts; here so that activation does not carry it).
import { bag, idOf } from '../commands/args';

/** A selection (`view` in the API) or a miniselection (`miniview`), by ID. */
export interface ViewTarget {
  kind: 'view' | 'miniview';
  id: string;
}

/**
 * The selection or miniselection of a tree node ({ kind: 'selection' | 'miniselection', view }),
 * or of a script's { view: "12" } / { miniview: "3" } / { selection: … } / { miniselection: … }.
 */
export function viewFrom(arg: unknown): ViewTarget | undefined {
  const b = bag(arg);
  if (!b) return undefined;
  const at = (kind: ViewTarget['kind'], value: unknown): ViewTarget | undefined => {
    const id = idOf(value);
    return id === undefined ? undefined : { kind, id };
  };
  if (b['kind'] === 'miniselection') return at('miniview', b['view']);
  if (b['kind'] === 'selection' || b['kind'] === 'selectionProfiles') return at('view', b['view']);
  if ('miniview' in b) return at('miniview', b['miniview']);
  if ('miniselection' in b) return at('miniview', b['miniselection']);
  if ('view' in b) return at('view', b['view']);
  if ('selection' in b) return at('view', b['selection']);
  return undefined;
}
