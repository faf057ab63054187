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

/**
 * What a request to a module route needs. The module named is the configured one, never the request's
 * text; a segment naming no configured module needs the wildcard, so only `*` scopes reach it.
 */
export const moduleRequirement = (
  segment: string,
  method: string,
  modules: readonly string[],
): { module: string; access: Access } => ({
  module: modules.find((module) => module === segment) ?? '*',
  access: accessFor(method),
});

/** Whether `granted` allows `access` on `module`: write includes read, `*` covers every module. */
export const allows = (granted: readonly string[], module: string, access: Access): boolean =>
  granted.some((scope) => {
    const [scopeModule, scopeAccess] = scope.split(':');
    return (scopeModule === module || scopeModule === '*') && (scopeAccess === 'write' || scopeAccess === access);
  });
