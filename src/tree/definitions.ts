import * as vscode from 'vscode';
import type { Database } from '../api/types';
import { databaseFrom } from '../commands/args';
import { CommandIds } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import type { Services } from '../services';
import { pickDatabase } from '../ui/prompts';

/** Read-only documents with a database's definitions, served from the schema cache. */
const DEFINITIONS_SCHEME = 'copernica-definitions';

/**
 * Show Database Definitions…: what the explorer shows under a database (its fields, interests
 * and collections with their fields), from the palette, as one read-only JSON document that can
 * be searched and copied from. Made from the one cached GET /databases: no request of its own.
 */
export function definitionsCommand(s: Services): {
  disposables: vscode.Disposable[];
  commands: CommandTable<typeof CommandIds.showDefinitions>;
} {
  const provider = new DefinitionsProvider(s);
  return {
    disposables: [
      provider,
      vscode.workspace.registerTextDocumentContentProvider(DEFINITIONS_SCHEME, provider),
    ],
    commands: {
      [CommandIds.showDefinitions]: {
        context: vscode.l10n.t('Showing the database definitions'),
        run: async (arg?: unknown) => {
          const database = await pickDatabase(
            s,
            databaseFrom(arg),
            vscode.l10n.t('Show Database Definitions'),
            vscode.l10n.t('Database to show'),
          );
          if (!database) return undefined;
          const uri = definitionsUri(database);
          // A refresh may have changed the definitions since this document was last shown.
          provider.changed(uri);
          await vscode.window.showTextDocument(uri, { preview: true });
          return uri;
        },
      },
    },
  };
}

function definitionsUri(database: Database): vscode.Uri {
  return vscode.Uri.from({
    scheme: DEFINITIONS_SCHEME,
    path: `/${database.name}.json`,
    query: `id=${database.ID}`,
  });
}

class DefinitionsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly s: Services) {}

  changed(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id =
      new URLSearchParams(uri.query).get('id') ??
      uri.path.replace(/^\//, '').replace(/\.json$/, '');
    const database = await this.s.schema.database(id);
    if (!database)
      throw new Error(vscode.l10n.t('There is no database "{0}" in this Copernica account.', id));
    return `${JSON.stringify(definitionsOf(database), null, 2)}\n`;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The database as GET /database/$id shows it, with the paging envelopes taken off the lists. */
function definitionsOf(database: Database): unknown {
  return {
    ID: database.ID,
    name: database.name,
    description: database.description,
    archived: database.archived,
    created: database.created,
    fields: database.fields.data,
    interests: database.interests.data,
    collections: database.collections.data.map((c) => ({
      ID: c.ID,
      name: c.name,
      fields: c.fields.data,
    })),
  };
}
