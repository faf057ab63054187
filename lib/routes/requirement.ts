import { accessFor } from '../tokens/scopes';
import type { Requirement } from '../tokens/verify';
import type { RoutePolicy, RouteRule } from './policy';

/** A request as the policy sees it: the route as API Gateway names it, never the raw path. */
export interface RouteRequest {
  method: string;
  /** The route's path template (`/invoices/{invoiceId}`), or `$default`. */
  route: string;
  pathParameters: Readonly<Record<string, string | undefined>>;
}

/** What a route needs: a scope, nothing beyond a valid token (`null`), or `unmapped` (refused). */
export type RouteNeed = Requirement | 'unmapped';

const need = (rule: RouteRule, request: RouteRequest, modules: ReadonlySet<string>): Requirement => {
  if (rule.kind === 'open') return null;
  const access = rule.access === 'method' ? accessFor(request.method) : rule.access;
  if (rule.kind === 'module') return { module: rule.module, access };
  const value = request.pathParameters[rule.param];
  // The module named is a configured one, never the request's text.
  return { module: value !== undefined && modules.has(value) ? value : '*', access };
};

/** The convention: the first literal segment of the template that names a configured module. */
const conventionalModule = (route: string, modules: ReadonlySet<string>): string | undefined =>
  route.split('/').find((segment) => modules.has(segment));

/** What `request` needs under `policy`: its route's rule, else the convention, else unmapped. */
export const routeNeed = (policy: RoutePolicy, request: RouteRequest): RouteNeed => {
  const method = request.method.toUpperCase();
  const rule = policy.rules.get(`${method} ${request.route}`) ?? policy.rules.get(`ANY ${request.route}`);
  if (rule !== undefined) return need(rule, request, policy.modules);
  const module = conventionalModule(request.route, policy.modules);
  return module === undefined ? 'unmapped' : { module, access: accessFor(method) };
};
