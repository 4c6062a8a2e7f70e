/** Rules documents are read-only, so a content provider (not a file system) serves this scheme. */
export const RULES_SCHEME = 'copernica-rules';
