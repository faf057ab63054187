import { call, createToken, exampleUrl, newUser } from './http';

/** One request to examples/host-api, with `auth` as the bearer credential. */
export const host = (method: string, path: string, auth?: string) =>
  call(method, path, { auth, baseUrl: exampleUrl() });

/** A fresh user and a token of theirs made through the token service. */
export const tokenWith = async (scopes: string[], expiresAt?: string) => {
  const { userId, session } = await newUser();
  return { userId, session, ...(await createToken(session, { scopes, expiresAt })) };
};
