import * as vscode from 'vscode';
import { isApiError, type ApiError } from '../api/errors';

/** One sentence for the user: Copernica's own message where it sent one, advice where it did not. */
export function describeError(error: unknown): string {
  if (isApiError(error)) return describeApiError(error);
  return error instanceof Error ? error.message : String(error);
}

function describeApiError(error: ApiError): string {
  switch (error.kind) {
    case 'auth':
      return vscode.l10n.t(
        'Copernica did not accept the API token ({0}). Sign in again with a valid token.',
        error.apiMessage ?? error.message,
      );
    case 'network':
      return networkAdvice(error);
    case 'timeout':
      return vscode.l10n.t(
        'Copernica did not answer in time. Check your connection, or raise copernica.requestTimeoutSeconds.',
      );
    case 'rateLimited':
      return vscode.l10n.t(
        'Copernica is receiving too many requests ({0}). Wait a moment, then retry.',
        error.apiMessage ?? String(error.status),
      );
    case 'server':
      return vscode.l10n.t(
        'Copernica had a problem ({0}). This is usually temporary: retry in a moment.',
        error.apiMessage ?? error.message,
      );
    case 'notFound':
      return vscode.l10n.t(
        'Copernica says: {0}. It may have been deleted; refresh the view.',
        error.apiMessage ?? error.message,
      );
    default:
      return error.apiMessage
        ? vscode.l10n.t('Copernica says: {0}', error.apiMessage)
        : error.message;
  }
}

function networkAdvice(error: ApiError): string {
  switch (error.cause) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return vscode.l10n.t(
        'The Copernica server name could not be found (DNS). Check your connection and the copernica.apiUrl setting.',
      );
    case 'ECONNREFUSED':
      return vscode.l10n.t(
        'The connection to Copernica was refused. Check the copernica.apiUrl setting and any proxy or firewall.',
      );
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return vscode.l10n.t('The connection to Copernica was interrupted. Retry in a moment.');
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return vscode.l10n.t(
        'Copernica cannot be reached: you seem to be offline. Check your connection.',
      );
    default:
      return vscode.l10n.t(
        'Copernica could not be reached ({0}). Check your connection.',
        error.cause ?? error.message,
      );
  }
}
