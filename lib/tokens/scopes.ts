export type Access = 'read' | 'write';

/** Every scope a token may be given, for the configured modules. */
export const allScopes = (modules: readonly string[]): string[] => [
  '*:read',
  '*:write',
  ...modules.flatMap((module) => [`${module}:read`, `${module}:write`]),
];

/** Sorted and without duplicates, so that equal grants are stored alike. */
export const normalizeScopes = (scopes: readonly string[]): string[] => [...new Set(scopes)].sort();

export const accessFor = (method: string): Access =>
  ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';

/** Whether `granted` allows `access` on `module`: write includes read, `*` covers every module. */
export const allows = (granted: readonly string[], module: string, access: Access): boolean =>
  granted.some((scope) => {
    const [scopeModule, scopeAccess] = scope.split(':');
    return (scopeModule === module || scopeModule === '*') && (scopeAccess === 'write' || scopeAccess === access);
  });
