import * as z from 'zod/mini';
import type { Access } from '../tokens/scopes';

/**
 * What one route needs. `module` is a configured module or `*`; `param` names the route's path parameter
 * whose value picks the module (a value naming no configured module needs `*`). `access: 'method'`
 * follows the convention: GET, HEAD and OPTIONS read, every other method writes.
 */
export type RouteRule =
  | { kind: 'open' }
  | { kind: 'module'; module: string; access: Access | 'method' }
  | { kind: 'param'; param: string; access: Access | 'method' };

/** A validated route policy, its rules indexed by route key (`GET /invoices/{invoiceId}`, `ANY $default`). */
export interface RoutePolicy {
  rules: ReadonlyMap<string, RouteRule>;
  modules: ReadonlySet<string>;
}

/**
 * The policy file's format: route keys as API Gateway names them, each mapped to what it needs.
 * `{"open": ["GET /v1/whoami"], "routes": {"DELETE /invoices/{invoiceId}": "invoices:write",
 * "GET /reports": "*:read", "ANY /v1/{module}": "{module}", "ANY /cases/{proxy+}": "cases"}}`
 */
const source = z.strictObject({
  open: z._default(z.array(z.string()), []),
  routes: z._default(z.record(z.string(), z.string()), {}),
});

export type RoutePolicySource = z.input<typeof source>;

const ROUTE_KEY = /^(?:(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/[^\s]*)|(\$default))$/;
const NEEDS = /^(?:\{([A-Za-z0-9_]+)\}|([^:{}]+))(?::(read|write))?$/;

/** The index key of a route key: `$default` matches any method. */
const indexKey = (routeKey: string): string | undefined => {
  const match = ROUTE_KEY.exec(routeKey);
  if (match === null) return undefined;
  return match[3] === undefined ? `${match[1]} ${match[2]}` : 'ANY $default';
};

const ruleFor = (routeKey: string, needs: string, modules: ReadonlySet<string>): RouteRule | string => {
  const match = NEEDS.exec(needs);
  if (match === null) return `"${needs}" is not <module>, <module>:read, <module>:write or {parameter}`;
  const [, param, module, access] = match;
  const chosen = (access as Access | undefined) ?? 'method';
  if (param !== undefined) {
    return routeKey.includes(`{${param}}`) ? { kind: 'param', param, access: chosen } : `no path parameter {${param}}`;
  }
  if (module !== undefined && (module === '*' || modules.has(module)))
    return { kind: 'module', module, access: chosen };
  return `unknown module "${module}" (configured: ${[...modules].join(', ')})`;
};

/** Reads and validates a route policy against the configured modules; every problem is named in one error. */
export const parseRoutePolicy = (input: unknown, configured: readonly string[]): RoutePolicy => {
  const parsed = source.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'policy'}: ${issue.message}`);
    throw new Error(`Invalid route policy: ${detail.join('; ')}`);
  }
  const modules = new Set(configured);
  const rules = new Map<string, RouteRule>();
  const problems: string[] = [];
  const add = (routeKey: string, rule: RouteRule | string) => {
    const key = indexKey(routeKey);
    if (key === undefined) problems.push(`"${routeKey}" is not a route key such as "GET /invoices/{invoiceId}"`);
    else if (typeof rule === 'string') problems.push(`"${routeKey}": ${rule}`);
    else if (rules.has(key)) problems.push(`"${routeKey}" has more than one rule`);
    else rules.set(key, rule);
  };
  for (const routeKey of parsed.data.open) add(routeKey, { kind: 'open' });
  for (const [routeKey, needs] of Object.entries(parsed.data.routes)) add(routeKey, ruleFor(routeKey, needs, modules));
  if (problems.length > 0) throw new Error(`Invalid route policy: ${problems.join('; ')}`);
  return { rules, modules };
};
