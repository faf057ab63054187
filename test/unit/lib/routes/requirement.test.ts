import routePolicyFile from '../../../../infra/route-policy.json';
import { parseRoutePolicy } from '../../../../lib/routes/policy';
import { routeNeed, type RouteRequest } from '../../../../lib/routes/requirement';

const MODULES = ['applicants', 'cases', 'invoices'];
const policy = parseRoutePolicy(
  {
    open: ['GET /v1/whoami'],
    routes: {
      'ANY /v1/{module}': '{module}',
      'DELETE /invoices/{invoiceId}': 'cases:write',
      'GET /reports': '*:read',
      'ANY /reports/{proxy+}': 'invoices:read',
      'POST /reports/{proxy+}': 'invoices:write',
      'GET /cases/export': 'cases:write',
    },
  },
  MODULES,
);

const need = (method: string, route: string, pathParameters: RouteRequest['pathParameters'] = {}) =>
  routeNeed(policy, { method, route, pathParameters });

describe('routeNeed', () => {
  it('follows the convention where no rule names the route: the first segment naming a module', () => {
    expect(need('GET', '/cases/{caseId}/notes')).toEqual({ module: 'cases', access: 'read' });
    expect(need('get', '/v2/applicants')).toEqual({ module: 'applicants', access: 'read' });
    expect(need('PATCH', '/v2/applicants/{id}/cases')).toEqual({ module: 'applicants', access: 'write' });
  });

  it.each([
    ['GET', 'read'],
    ['HEAD', 'read'],
    ['OPTIONS', 'read'],
    ['POST', 'write'],
    ['PUT', 'write'],
    ['PATCH', 'write'],
    ['DELETE', 'write'],
  ])('%s needs %s access by convention', (method, access) => {
    expect(need(method, '/invoices')).toEqual({ module: 'invoices', access });
  });

  it('lets a rule override the convention', () => {
    expect(need('DELETE', '/invoices/{invoiceId}')).toEqual({ module: 'cases', access: 'write' });
    expect(need('GET', '/cases/export')).toEqual({ module: 'cases', access: 'write' });
  });

  it('prefers a rule for the method over one for ANY', () => {
    expect(need('GET', '/reports/{proxy+}')).toEqual({ module: 'invoices', access: 'read' });
    expect(need('POST', '/reports/{proxy+}')).toEqual({ module: 'invoices', access: 'write' });
    expect(need('GET', '/reports')).toEqual({ module: '*', access: 'read' });
  });

  it('refuses a route that no rule and no module maps (fail closed)', () => {
    expect(need('GET', '/admin/{proxy+}')).toBe('unmapped');
    expect(need('POST', '/reports')).toBe('unmapped');
    expect(need('GET', '$default')).toBe('unmapped');
    // A module named only by a path parameter's value is not a segment of the template.
    expect(need('GET', '/x/{cases}', { cases: 'cases' })).toBe('unmapped');
  });

  it('needs nothing beyond a valid token on an open route', () => {
    expect(need('GET', '/v1/whoami')).toBeNull();
    expect(need('POST', '/v1/whoami')).toBe('unmapped');
  });

  it('takes the module of a {module} rule from the parameter, or the wildcard when it names none', () => {
    expect(need('GET', '/v1/{module}', { module: 'cases' })).toEqual({ module: 'cases', access: 'read' });
    expect(need('POST', '/v1/{module}', { module: 'cases' })).toEqual({ module: 'cases', access: 'write' });
    for (const segment of ['payroll', 'a"', 'x","code":"pwned', 'Cases', 'm'.repeat(2_000), undefined]) {
      expect(need('GET', '/v1/{module}', { module: segment })).toEqual({ module: '*', access: 'read' });
    }
  });

  it('maps the demonstration routes under the shipped infra/route-policy.json', () => {
    const shipped = parseRoutePolicy(routePolicyFile, MODULES);
    const request = (method: string, route: string, module?: string) => ({
      method,
      route,
      pathParameters: module === undefined ? {} : { module },
    });
    expect(routeNeed(shipped, request('GET', '/v1/whoami'))).toBeNull();
    expect(routeNeed(shipped, request('GET', '/v1/{module}', 'cases'))).toEqual({ module: 'cases', access: 'read' });
    expect(routeNeed(shipped, request('POST', '/v1/{module}', 'x'))).toEqual({ module: '*', access: 'write' });
  });
});
