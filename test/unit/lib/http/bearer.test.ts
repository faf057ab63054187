import { bearerCredential, headerValue } from '../../../../lib/http/bearer';

describe('bearerCredential', () => {
  it('reads the credential of a Bearer header, in any letter case of the scheme', () => {
    expect(bearerCredential('Bearer abc')).toBe('abc');
    expect(bearerCredential('bearer abc')).toBe('abc');
    expect(bearerCredential('BEARER   abc ')).toBe('abc');
  });

  it('ignores other schemes, empty and oversized credentials', () => {
    expect(bearerCredential(undefined)).toBeUndefined();
    expect(bearerCredential('Basic YTpi')).toBeUndefined();
    expect(bearerCredential('Bearer')).toBeUndefined();
    expect(bearerCredential('Bearer a b')).toBeUndefined();
    expect(bearerCredential(`Bearer ${'a'.repeat(5000)}`)).toBeUndefined();
  });
});

describe('headerValue', () => {
  it('finds a header whatever its letter case', () => {
    expect(headerValue({ Authorization: 'x' }, 'authorization')).toBe('x');
    expect(headerValue({ authorization: 'y' }, 'Authorization')).toBe('y');
    expect(headerValue(null, 'authorization')).toBeUndefined();
  });
});
