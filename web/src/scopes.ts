/** What "Only chosen modules" grants on one module. */
export type ModuleAccess = 'none' | 'read' | 'write';

/** The three choices of the Access fieldset. */
export type AccessChoice = '*:read' | '*:write' | 'modules';

/**
 * A scope as a person reads it; write includes read.
 * @example scopeLabel('*:read') // 'All modules: read'
 * @example scopeLabel('cases:write') // 'cases: read & write'
 */
export const scopeLabel = (scope: string): string => {
  const colon = scope.lastIndexOf(':');
  if (colon < 0) return scope;
  const module = scope.slice(0, colon);
  const access = scope.slice(colon + 1);
  const what = access === 'write' ? 'read & write' : access;
  return `${module === '*' ? 'All modules' : module}: ${what}`;
};

/** The modules named by `<module>:read` scopes, without the `*` wildcard. */
export const modulesOf = (scopes: readonly string[]): string[] =>
  scopes
    .filter((scope) => scope.endsWith(':read'))
    .map((scope) => scope.slice(0, -':read'.length))
    .filter((module) => module !== '*');

/** The scopes to ask for: one wildcard scope, or one scope per module given access. */
export const scopesFor = (choice: AccessChoice, modules: Readonly<Record<string, ModuleAccess>>): string[] =>
  choice === 'modules'
    ? Object.entries(modules)
        .filter(([, access]) => access !== 'none')
        .map(([module, access]) => `${module}:${access}`)
    : [choice];
