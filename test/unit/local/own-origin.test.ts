import { fromOwnOrigin, ownHosts } from '../../../local/own-origin';

const hosts = ownHosts('127.0.0.1', 3000);

describe('ownHosts', () => {
  it('names the loopback names at the port, and the listening address unless it is a wildcard', () => {
    expect([...hosts].sort()).toEqual(['127.0.0.1:3000', '[::1]:3000', 'localhost:3000']);
    expect([...ownHosts('0.0.0.0', 3000)].sort()).toEqual(['127.0.0.1:3000', '[::1]:3000', 'localhost:3000']);
    expect(ownHosts('::', 3000).has('[::]:3000')).toBe(false);
    expect(ownHosts('192.168.1.20', 3000).has('192.168.1.20:3000')).toBe(true);
    expect(ownHosts('fe80::1', 3000).has('[fe80::1]:3000')).toBe(true);
  });

  it('lets a browser leave out port 80', () => {
    expect(ownHosts('127.0.0.1', 80).has('localhost')).toBe(true);
    expect(hosts.has('localhost')).toBe(false);
  });
});

describe('fromOwnOrigin', () => {
  it.each([
    ['its own page at localhost', { host: 'localhost:3000', origin: 'http://localhost:3000' }],
    ['its own page at 127.0.0.1', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }],
    ['a tool on this machine that sends no Origin', { host: '127.0.0.1:3000' }],
    ['a Host in capitals', { host: 'LOCALHOST:3000', origin: 'http://localhost:3000' }],
  ])('accepts %s', (_, headers) => {
    expect(fromOwnOrigin(headers, hosts)).toBe(true);
  });

  it.each([
    ['no Host', {}],
    ['a rebound name', { host: 'evil.example:3000', origin: 'http://evil.example:3000' }],
    ['a rebound name without Origin', { host: 'evil.example:3000' }],
    ['a rebound name without port', { host: 'evil.example' }],
    ['another port', { host: 'localhost:3001' }],
    ['a name that ends like its own', { host: 'evil.localhost:3000' }],
    ['credentials in the Host', { host: 'evil.example@localhost:3000' }],
    ['a cross-site page', { host: 'localhost:3000', origin: 'http://evil.example' }],
    ['a page on another local port', { host: 'localhost:3000', origin: 'http://localhost:8080' }],
    ['an opaque origin', { host: 'localhost:3000', origin: 'null' }],
    ['an https origin of the same name', { host: 'localhost:3000', origin: 'https://localhost:3000' }],
    ['an origin with a path', { host: 'localhost:3000', origin: 'http://localhost:3000/x' }],
  ])('refuses %s', (_, headers) => {
    expect(fromOwnOrigin(headers, hosts)).toBe(false);
  });
});
