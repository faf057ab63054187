import { v7 } from 'uuid';

const TOKEN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Token ids are UUIDs: anything else cannot exist, and must not reach DynamoDB's key-size limits. */
export const isTokenId = (value: string): boolean => TOKEN_ID.test(value);

/** A new token's id: a UUIDv7, so that ids sort in order of creation (the listing pages by it). */
export const newTokenId = (createdAt: Date): string => v7({ msecs: createdAt.getTime() });
