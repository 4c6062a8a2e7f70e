import * as vscode from 'vscode';
import { redact } from './api/errors';

/**
 * The one log of the extension: a LogOutputChannel named "Copernica". Every line passes through
 * `redact`, which removes registered secrets (the API token, JWTs) and anything shaped like a
 * bearer value or an access_token parameter, so a secret cannot reach the log by accident.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Copernica', { log: true });
  private readonly secrets = new Set<string>();
  /** The most recent lines as written (already redacted), for tests and troubleshooting. */
  private readonly recent: string[] = [];

  addSecret(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  clearSecrets(): void {
    this.secrets.clear();
  }

  redact(text: string): string {
    // Every spelling of each secret: raw, URL-encoded, form-encoded (api/errors.ts).
    return redact(text, this.secrets)
      .replace(/(access_token=)[^&\s"']+/gi, '$1***')
      .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1***')
      .replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***');
  }

  info(message: string): void {
    this.channel.info(this.keep('info', message));
  }

  warn(message: string): void {
    this.channel.warn(this.keep('warning', message));
  }

  error(message: string): void {
    this.channel.error(this.keep('error', message));
  }

  debug(message: string): void {
    this.channel.debug(this.keep('debug', message));
  }

  lines(): readonly string[] {
    return this.recent;
  }

  private keep(level: string, message: string): string {
    const clean = this.redact(message);
    this.recent.push(`[${level}] ${clean}`);
    if (this.recent.length > 2000) this.recent.splice(0, this.recent.length - 2000);
    return clean;
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
