// The tools themselves, loaded on their first call (see index.ts).
import type * as vscode from 'vscode';
import type { Services } from '../services';
import type { ToolName } from './names';
import { describeTool, findTool, getTool } from './readTools';
import { toolDeps } from './toolKit';
import { createTool, updateTool } from './writeTools';

export function createTools(s: Services): Record<ToolName, vscode.LanguageModelTool<unknown>> {
  const deps = toolDeps(s);
  return {
    copernica_describeDatabases: describeTool(deps),
    copernica_findProfiles: findTool(deps),
    copernica_getProfile: getTool(deps),
    copernica_updateProfile: updateTool(deps),
    copernica_createProfile: createTool(deps),
  };
}
