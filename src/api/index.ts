// The public surface of the Copernica client. `src/api/**` never imports 'vscode'.
export { CopernicaClient, DEFAULT_API_URL, DEFAULT_API_VERSION, DEFAULT_AUTH_URL, DEFAULT_TIMEOUT_MS } from './client';
export type { ClientOptions } from './client';
export {
  ApiError, invalidResponseMessage, isApiError, isAuthMessage, isNotFoundMessage, parseRetryAfter, redact,
  toApiError,
} from './errors';
export type { ApiErrorKind, ApiErrorInit } from './errors';
export { formatCondition, isConditionOperator, parseCondition } from './conditions';
export {
  parseCollection, parseCreatedId, parseDatabase, parseField, parseFieldMap, parseIdentity, parseInterest,
  parsePage, parseProfile, parseSubprofile,
} from './parse';
export { isLoopback, validateEndpointUrl } from './url';
export { ListGuard, MAX_LIST_PAGES } from './listGuard';
export type { ListGuardOptions, PageVerdict } from './listGuard';
export { MAX_ANSWER_BYTES } from './body';
export { extractJwt, hasUnusualTokenCharacters, jwtExpiry } from './auth';
export { CONDITION_OPERATORS } from './types';
export type * from './types';
