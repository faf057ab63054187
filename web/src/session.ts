/** What the host application provides when it embeds this page. */
export interface ApiTokensHost {
  /** The signed-in user's session JWT, refreshed if need be; null when nobody is signed in. */
  getSession(): Promise<string | null>;
}

declare global {
  interface Window {
    apiTokensHost?: ApiTokensHost;
  }
}

export const hostOf = (win: Window): ApiTokensHost | null =>
  typeof win.apiTokensHost?.getSession === 'function' ? win.apiTokensHost : null;

export interface DevSession {
  session: string;
  userId: string;
}

export const DEV_SESSION_KEY = 'api-tokens:dev-session';

/** The `sub` claim of a JWT, read without checking it: the server does the checking. */
export const subjectOf = (jwt: string): string | null => {
  try {
    const payload = jwt.split('.')[1] ?? '';
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
    const { sub } = JSON.parse(json) as { sub?: unknown };
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
};

const devSessionOf = (session: string): DevSession => ({ session, userId: subjectOf(session) ?? 'unknown user' });

// sessionStorage can be unavailable (privacy settings); the page then simply forgets on reload.
export const loadDevSession = (): DevSession | null => {
  try {
    const session = sessionStorage.getItem(DEV_SESSION_KEY);
    return session ? devSessionOf(session) : null;
  } catch {
    return null;
  }
};

export const saveDevSession = (session: string, userId: string): DevSession => {
  try {
    sessionStorage.setItem(DEV_SESSION_KEY, session);
  } catch {
    // Kept in memory only.
  }
  return { session, userId: subjectOf(session) ?? userId };
};

export const clearDevSession = (): void => {
  try {
    sessionStorage.removeItem(DEV_SESSION_KEY);
  } catch {
    // Nothing stored.
  }
};
