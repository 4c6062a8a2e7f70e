export function installerEnv(
  outer: Record<string, string | undefined>,
  options?: { prependPath?: string[]; set?: Record<string, string> },
): Record<string, string>;
