import routePolicyFile from '../infra/route-policy.json';
import type { RoutePolicySource } from '../lib/routes/policy';

const MODULES = ['applicants', 'cases', 'invoices'] as const;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

/**
 * A host's policy of 200 routes besides the shipped ones, so that the authorizer is measured resolving
 * `GET /v1/{module}` among as many rules as a large API declares.
 */
export const largeRoutePolicy = (routes = 200): RoutePolicySource => ({
  open: routePolicyFile.open,
  routes: {
    ...routePolicyFile.routes,
    ...Object.fromEntries(
      Array.from({ length: routes }, (_, i) => {
        const module = MODULES[i % MODULES.length];
        const method = METHODS[i % METHODS.length];
        return [`${method} /api/${module}/r${i}/{id}`, `${module}:${method === 'GET' ? 'read' : 'write'}`];
      }),
    ),
  },
});
