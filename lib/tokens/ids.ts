const TOKEN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Token ids are UUIDs: anything else cannot exist, and must not reach DynamoDB's key-size limits. */
export const isTokenId = (value: string): boolean => TOKEN_ID.test(value);
