import type { TokenView, UpdateTokenRequest } from '../../lib/contract';

/** The API's longest description (lib/tokens/schemas.ts); the page stops typing there rather than be refused. */
export const DESCRIPTION_MAX_LENGTH = 200;

/** The longest name the API takes. */
export const NAME_MAX_LENGTH = 64;

/** The fields of `PATCH /tokens/{id}` that differ from the token as shown; none when nothing changed. */
export const editOf = (token: TokenView, name: string, description: string): UpdateTokenRequest => {
  const change: UpdateTokenRequest = {};
  if (name.trim() !== token.name) change.name = name.trim();
  const purpose = description.trim() === '' ? null : description.trim();
  if (purpose !== token.description) change.description = purpose;
  return change;
};
