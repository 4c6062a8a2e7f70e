import * as vscode from 'vscode';
import type { ApiVersion } from './api/types';
import { validateEndpointUrl } from './api/url';
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from './api/client';

export const CONFIG_SECTION = 'copernica';

export interface Settings {
  apiUrl: string;
  authUrl: string;
  apiVersion: ApiVersion;
  pageSize: number;
  requestTimeoutSeconds: number;
}

export interface SettingsResult {
  settings: Settings;
  /** Set when apiUrl or authUrl cannot be used: nothing may be sent until it is fixed. */
  endpointProblem?: string;
}

const VERSIONS: readonly ApiVersion[] = ['v4', 'v3', 'v2'];

/**
 * Where the token is sent is read from the user's own settings only (global value or default):
 * a workspace value is ignored, so a cloned repository cannot redirect the token elsewhere.
 */
function userOnly(config: vscode.WorkspaceConfiguration, key: string, fallback: string): string {
  const inspected = config.inspect<string>(key);
  const value = inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
  return value.trim().replace(/\/+$/, '');
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

export function readSettings(): SettingsResult {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const version = config.get<string>('apiVersion', 'v4');
  const settings: Settings = {
    apiUrl: userOnly(config, 'apiUrl', DEFAULT_API_URL),
    authUrl: userOnly(config, 'authUrl', DEFAULT_AUTH_URL),
    apiVersion: (VERSIONS as readonly string[]).includes(version) ? (version as ApiVersion) : 'v4',
    pageSize: clamp(config.get('pageSize'), 1, 1000, 100),
    requestTimeoutSeconds: clamp(config.get('requestTimeoutSeconds'), 1, 600, 30),
  };
  const apiProblem = validateEndpointUrl(settings.apiUrl);
  const authProblem =
    settings.apiVersion === 'v4' ? validateEndpointUrl(settings.authUrl) : undefined;
  const endpointProblem = apiProblem
    ? vscode.l10n.t('The setting copernica.apiUrl cannot be used: {0}', apiProblem)
    : authProblem
      ? vscode.l10n.t('The setting copernica.authUrl cannot be used: {0}', authProblem)
      : undefined;
  return endpointProblem ? { settings, endpointProblem } : { settings };
}

/** True when a change touches a setting that decides where requests go or how they are made. */
export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return ['apiUrl', 'authUrl', 'apiVersion', 'requestTimeoutSeconds'].some((k) =>
    event.affectsConfiguration(`${CONFIG_SECTION}.${k}`),
  );
}
