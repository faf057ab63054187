import { parseRoutePolicy } from '../../../../lib/routes/policy';

const MODULES = ['applicants', 'cases', 'invoices'];

describe('parseRoutePolicy', () => {
  it('indexes rules by method and route template; $default under ANY', () => {
    const policy = parseRoutePolicy(
      {
        open: ['GET /v1/whoami'],
        routes: {
          'DELETE /invoices/{invoiceId}': 'invoices:write',
          'GET /reports': '*:read',
          'ANY /v1/{module}': '{module}',
          'ANY /cases/{proxy+}': 'cases',
          $default: 'applicants:read',
        },
      },
      MODULES,
    );
    expect(Object.fromEntries(policy.rules)).toEqual({
      'GET /v1/whoami': { kind: 'open' },
      'DELETE /invoices/{invoiceId}': { kind: 'module', module: 'invoices', access: 'write' },
      'GET /reports': { kind: 'module', module: '*', access: 'read' },
      'ANY /v1/{module}': { kind: 'param', param: 'module', access: 'method' },
      'ANY /cases/{proxy+}': { kind: 'module', module: 'cases', access: 'method' },
      'ANY $default': { kind: 'module', module: 'applicants', access: 'read' },
    });
  });

  it('accepts an empty policy, under which only the convention maps routes', () => {
    expect(parseRoutePolicy({}, MODULES).rules.size).toBe(0);
  });

  it('names a rule whose module is not configured, with the configured ones', () => {
    expect(() => parseRoutePolicy({ routes: { 'DELETE /invoices/{invoiceId}': 'invoice:write' } }, MODULES)).toThrow(
      'Invalid route policy: "DELETE /invoices/{invoiceId}": unknown module "invoice" (configured: applicants, cases, invoices)',
    );
  });

  it.each([
    ['GET /reports', 'cases:delete', '"GET /reports": "cases:delete" is not <module>, <module>:read, <module>:write'],
    ['GET /reports', '{module}', '"GET /reports": no path parameter {module}'],
    ['FETCH /reports', 'cases', '"FETCH /reports" is not a route key'],
    ['/reports', 'cases', '"/reports" is not a route key'],
    ['GET reports', 'cases', '"GET reports" is not a route key'],
  ])('refuses the rule %s → %s', (routeKey, needs, message) => {
    expect(() => parseRoutePolicy({ routes: { [routeKey]: needs } }, MODULES)).toThrow(message);
  });

  it('names every problem at once', () => {
    expect(() => parseRoutePolicy({ routes: { 'GET /a': 'payroll', 'GET /b': 'hr:read' } }, MODULES)).toThrow(
      /"GET \/a": unknown module "payroll".*; "GET \/b": unknown module "hr"/,
    );
  });

  it('refuses a route both open and given a scope', () => {
    expect(() => parseRoutePolicy({ open: ['GET /reports'], routes: { 'GET /reports': 'cases' } }, MODULES)).toThrow(
      '"GET /reports" has more than one rule',
    );
  });

  it('refuses a file of another shape', () => {
    expect(() => parseRoutePolicy({ rules: {} }, MODULES)).toThrow('Invalid route policy');
    expect(() => parseRoutePolicy({ routes: { 'GET /a': 1 } }, MODULES)).toThrow('Invalid route policy: routes.GET /a');
    expect(() => parseRoutePolicy([], MODULES)).toThrow('Invalid route policy');
  });
});
