// zod/mini, not zod: this module is in every bundle, the authorizer's included, and mini tree-shakes.
import * as z from 'zod/mini';
import routePolicyFile from '../infra/route-policy.json';
import { parseRoutePolicy, type RoutePolicy } from './routes/policy';

const blankAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
const optional = <T extends z.core.SomeType>(schema: T) => z.pipe(z.transform(blankAsUndefined), z.optional(schema));

const list = z.pipe(
  z.string(),
  z.transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  ),
);
const modules = z.array(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/))).check(z.minLength(1));
const moduleList = z.pipe(list, modules);

// Days before expiry at which a token's owner is warned: distinct whole days, largest first.
const warningDays = z.pipe(
  list,
  z.pipe(
    z.array(z.coerce.number<string>().check(z.int(), z.positive())).check(z.minLength(1)),
    z.transform((days) => [...new Set(days)].sort((a, b) => b - a)),
  ),
);

/** TOKEN_MODULES' value as the list of modules it names (for tools that check the route policy). */
export const parseModules = (value: string): string[] => z.parse(moduleList, value);

const schema = z
  .object({
    STAGE: z._default(z.string().check(z.minLength(1)), 'local'),
    TABLE_NAME: z.string().check(z.minLength(1)),
    DYNAMODB_ENDPOINT: optional(z.url()),
    TOKEN_PREFIX: z._default(z.string().check(z.regex(/^[a-z][a-z0-9]{0,9}$/)), 'mp'),
    TOKEN_ENVIRONMENT: z._default(z.enum(['live', 'test']), 'test'),
    TOKEN_MODULES: z._default(moduleList, ['applicants', 'cases', 'invoices']),
    TOKEN_MAX_LIFETIME_DAYS: optional(z.coerce.number().check(z.int(), z.positive())),
    TOKEN_RETENTION_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 30),
    TOKEN_CREATE_RATE_LIMIT: z._default(z.coerce.number().check(z.int(), z.positive()), 20),
    TOKEN_CREATE_RATE_WINDOW_SECONDS: z._default(z.coerce.number().check(z.int(), z.positive()), 3600),
    AUDIT_RETENTION_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 365),
    EXPIRY_WARNING_DAYS: z._default(warningDays, [30, 7, 1]),
    EXPIRY_EVENT_BUS: optional(z.string().check(z.regex(/^[A-Za-z0-9._\-/]{1,256}$/))),
    LEAK_REPORT_RATE_LIMIT: z._default(z.coerce.number().check(z.int(), z.positive()), 10),
    LEAK_REPORT_RATE_WINDOW_SECONDS: z._default(z.coerce.number().check(z.int(), z.positive()), 60),
    GITHUB_SECRET_SCANNING_KEYS_URL: z._default(z.url(), 'https://api.github.com/meta/public_keys/secret_scanning'),
    SESSION_ISSUER: z.string().check(z.minLength(1)),
    SESSION_AUDIENCE: z.string().check(z.minLength(1)),
    SESSION_JWKS_URL: optional(z.url()),
    SESSION_DEV_KEY_FILE: optional(z.string()),
    SESSION_MAX_AGE_SECONDS: z._default(z.coerce.number().check(z.int(), z.positive()), 86_400),
  })
  .check(
    z.refine((env) => (env.SESSION_JWKS_URL === undefined) !== (env.SESSION_DEV_KEY_FILE === undefined), {
      message: 'set exactly one of SESSION_JWKS_URL and SESSION_DEV_KEY_FILE',
    }),
    // The development signing key lives on a developer's disk: no deployed stage may trust it.
    z.refine((env) => env.SESSION_DEV_KEY_FILE === undefined || env.STAGE === 'local', {
      message: 'SESSION_DEV_KEY_FILE is only allowed on the local stage',
    }),
  );

export type TokenEnvironment = 'live' | 'test';

export interface Config {
  stage: string;
  tableName: string;
  dynamoDbEndpoint: string | undefined;
  tokens: {
    prefix: string;
    environment: TokenEnvironment;
    modules: readonly string[];
    maxLifetimeDays: number | undefined;
    retentionDays: number;
    /** At most `max` tokens created per user in each fixed window of `windowSeconds`. */
    createRate: { max: number; windowSeconds: number };
  };
  /** How long a user's token history is kept (DynamoDB TTL). */
  audit: { retentionDays: number };
  /** Expiry notices (lib/expiry): the days before expiry to warn at, and the EventBridge bus (none: logged). */
  expiry: { warningDays: readonly number[]; eventBus: string | undefined };
  leaks: {
    /** At most `max` leak reports per source address in each fixed window of `windowSeconds`. */
    reportRate: { max: number; windowSeconds: number };
    /** Where GitHub publishes the keys that sign its secret-scanning reports. */
    githubKeysUrl: string;
  };
  /** Which scope each route needs (infra/route-policy.json), validated against `tokens.modules`. */
  routes: RoutePolicy;
  session: {
    issuer: string;
    audience: string;
    jwksUrl: string | undefined;
    devKeyFile: string | undefined;
    /** The longest a session may live, from its `iat`: longer-lived or older sessions are refused. */
    maxAgeSeconds: number;
  };
}

/**
 * The configuration in `env` and the route policy, validated; `lib/runtime.ts` reads the process's once.
 * The policy is bundled rather than an environment variable: Lambda allows 4 KB of those in all.
 */
export const parseConfig = (
  env: Record<string, string | undefined>,
  routePolicy: unknown = routePolicyFile,
): Config => {
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
      maxLifetimeDays: parsed.TOKEN_MAX_LIFETIME_DAYS,
      retentionDays: parsed.TOKEN_RETENTION_DAYS,
      createRate: { max: parsed.TOKEN_CREATE_RATE_LIMIT, windowSeconds: parsed.TOKEN_CREATE_RATE_WINDOW_SECONDS },
    },
    audit: { retentionDays: parsed.AUDIT_RETENTION_DAYS },
    expiry: { warningDays: parsed.EXPIRY_WARNING_DAYS, eventBus: parsed.EXPIRY_EVENT_BUS },
    leaks: {
      reportRate: { max: parsed.LEAK_REPORT_RATE_LIMIT, windowSeconds: parsed.LEAK_REPORT_RATE_WINDOW_SECONDS },
      githubKeysUrl: parsed.GITHUB_SECRET_SCANNING_KEYS_URL,
    },
    routes: parseRoutePolicy(routePolicy, parsed.TOKEN_MODULES),
    session: {
      issuer: parsed.SESSION_ISSUER,
      audience: parsed.SESSION_AUDIENCE,
      jwksUrl: parsed.SESSION_JWKS_URL,
      devKeyFile: parsed.SESSION_DEV_KEY_FILE,
      maxAgeSeconds: parsed.SESSION_MAX_AGE_SECONDS,
    },
  };
};

let cached: Config | undefined;

/** This process's configuration, read from the environment once (the default of every handler factory). */
export const processConfig = (): Config => {
  cached ??= parseConfig(process.env);
  return cached;
};
