import { call } from '../support/http';

describe('public routes', () => {
  it('GET /health answers 200 without any credential', async () => {
    const reply = await call('GET', '/health');
    expect(reply.status).toBe(200);
  });

  it('GET /scopes lists exactly *:read, *:write and read and write for each default module', async () => {
    const reply = await call('GET', '/scopes');
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['scopes']);
    expect([...reply.body.scopes].sort()).toEqual(
      [
        '*:read',
        '*:write',
        'applicants:read',
        'applicants:write',
        'cases:read',
        'cases:write',
        'invoices:read',
        'invoices:write',
      ].sort(),
    );
  });
});
