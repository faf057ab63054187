/** What the hosting page tells the app through meta tags. */
export interface PageConfig {
  /** Prefix of every API call; '' means the page's own origin. */
  apiBase: string;
  /** Where the local server hands out development sessions, when it offers them. */
  devSignInUrl: string | null;
}

const meta = (doc: Document, name: string): string | null =>
  doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;

export const readPageConfig = (doc: Document): PageConfig => ({
  apiBase: (meta(doc, 'api-tokens:api-base') ?? '').replace(/\/+$/, ''),
  devSignInUrl: meta(doc, 'api-tokens:dev-sign-in') || null,
});
