/** Cap on any credential we are willing to look at; real ones are far shorter. */
const MAX_CREDENTIAL_LENGTH = 4096;

/** The credential of an `Authorization: Bearer <credential>` header, if that is what it holds. */
export const bearerCredential = (header: string | undefined): string | undefined => {
  if (header === undefined || header.length > MAX_CREDENTIAL_LENGTH) return undefined;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match?.[1];
};

/** Headers arrive in any letter case; HTTP names are case-insensitive. */
export const headerValue = (
  headers: Record<string, string | undefined> | null | undefined,
  name: string,
): string | undefined => {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
};
