import { z } from 'zod';

const list = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  )
  .pipe(z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).min(1));

const optionalNumber = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.coerce.number().int().positive().optional(),
);

const schema = z
  .object({
    STAGE: z.string().min(1).default('local'),
    TABLE_NAME: z.string().min(1),
    DYNAMODB_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
    TOKEN_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9]{0,9}$/)
      .default('mp'),
    TOKEN_ENVIRONMENT: z.enum(['live', 'test']).default('test'),
    TOKEN_MODULES: list.default(['applicants', 'cases', 'invoices']),
    TOKEN_MAX_LIFETIME_DAYS: optionalNumber,
    TOKEN_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
    SESSION_ISSUER: z.string().min(1),
    SESSION_AUDIENCE: z.string().min(1),
    SESSION_JWKS_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
    SESSION_DEV_KEY_FILE: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
    LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  })
  .refine((env) => (env.SESSION_JWKS_URL === undefined) !== (env.SESSION_DEV_KEY_FILE === undefined), {
    message: 'set exactly one of SESSION_JWKS_URL and SESSION_DEV_KEY_FILE',
  })
  // The development signing key lives on a developer's disk: no deployed stage may trust it.
  .refine((env) => env.SESSION_DEV_KEY_FILE === undefined || env.STAGE === 'local', {
    message: 'SESSION_DEV_KEY_FILE is only allowed on the local stage',
  });

export type TokenEnvironment = 'live' | 'test';

export interface Config {
  stage: string;
  tableName: string;
  dynamoDbEndpoint: string | undefined;
  tokens: {
    prefix: string;
    environment: TokenEnvironment;
    modules: readonly string[];
    maxActive: number;
    maxLifetimeDays: number | undefined;
    retentionDays: number;
  };
  session: {
    issuer: string;
    audience: string;
    jwksUrl: string | undefined;
    devKeyFile: string | undefined;
  };
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

/** The contract fixes the limit: `GET /tokens` reports it as `limit`. */
export const MAX_ACTIVE_TOKENS = 10;

export const parseConfig = (env: Record<string, string | undefined>): Config => {
  const result = schema.safeParse(env);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${detail.join('; ')}`);
  }
  const parsed = result.data;
  return {
    stage: parsed.STAGE,
    tableName: parsed.TABLE_NAME,
    dynamoDbEndpoint: parsed.DYNAMODB_ENDPOINT,
    tokens: {
      prefix: parsed.TOKEN_PREFIX,
      environment: parsed.TOKEN_ENVIRONMENT,
      modules: parsed.TOKEN_MODULES,
      maxActive: MAX_ACTIVE_TOKENS,
      maxLifetimeDays: parsed.TOKEN_MAX_LIFETIME_DAYS,
      retentionDays: parsed.TOKEN_RETENTION_DAYS,
    },
    session: {
      issuer: parsed.SESSION_ISSUER,
      audience: parsed.SESSION_AUDIENCE,
      jwksUrl: parsed.SESSION_JWKS_URL,
      devKeyFile: parsed.SESSION_DEV_KEY_FILE,
    },
    logLevel: parsed.LOG_LEVEL,
  };
};

let cached: Config | undefined;

/** The process's configuration, read from the environment once. */
export const config = (): Config => {
  cached ??= parseConfig(process.env);
  return cached;
};
