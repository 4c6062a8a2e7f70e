// A second simulator for the bad-input corpus: the demo account plus the corpus' own database
// (test/fixtures/bad-profiles/schema.json, ID 7616) holding its profile (original.json, ID 18381),
// so each corpus document can be saved over a real opened profile exactly as it was written.
import { loadDatabase, loadOriginal } from '../../fixtures/documents';
import { startSimulator, type Simulator } from '../../simulator';

export function startCorpusSimulator(): Promise<Simulator> {
  return startSimulator({
    extraDatabases: [{ database: loadDatabase(), profiles: [loadOriginal()] }],
  });
}
