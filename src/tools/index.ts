// Language-model tools for chat agents. Activation registers small stand-ins only; the first call
// loads the tools (and the write engine they use) from their own chunk, as the documents do.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { TOOL_NAMES, type ToolName } from './names';

export { TOOL_NAMES, type ToolName };

type Tools = Record<ToolName, vscode.LanguageModelTool<unknown>>;

export interface ToolsFeature {
  disposables: vscode.Disposable[];
  /** The registered tool objects, for tests (VS Code asks its confirmations as modal dialogs). */
  tool(name: string): vscode.LanguageModelTool<unknown> | undefined;
}

export function registerTools(s: Services): ToolsFeature {
  let loading: Promise<Tools> | undefined;
  const load = (): Promise<Tools> => {
    loading ??= import('./tools')
      .then((m) => m.createTools(s))
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
    return loading;
  };
  const standIns = new Map<string, vscode.LanguageModelTool<unknown>>(
    TOOL_NAMES.map((name) => [
      name,
      {
        prepareInvocation: async (options, token) =>
          (await load())[name].prepareInvocation?.(options, token),
        invoke: async (options, token) => (await load())[name].invoke(options, token),
      },
    ]),
  );
  // An editor without the language-model API (an older VS Code fork) simply has no tools.
  const disposables =
    typeof vscode.lm?.registerTool === 'function'
      ? [...standIns].map(([name, tool]) => vscode.lm.registerTool(name, tool))
      : [];
  return { disposables, tool: (name) => standIns.get(name) };
}
