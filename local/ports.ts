import local from '../infra/local.json';

/** The ports `npm start` listens on. */
export interface LocalPorts {
  /** The web server: the settings page, the development sign-in, and the API passed through. */
  web: number;
  /** serverless-offline's HTTP API. */
  offline: number;
  /** serverless-offline's Lambda API (Invoke). */
  lambda: number;
  dynamodb: number;
  /** examples/host-api's serverless-offline: another service's routes behind the token service's authorizer. */
  example: number;
  /** examples/host-api's own Lambda API, which nothing calls but serverless-offline always opens. */
  exampleLambda: number;
}

const ENV_NAMES: Record<keyof LocalPorts, string> = {
  web: 'PORT',
  offline: 'OFFLINE_PORT',
  lambda: 'LAMBDA_PORT',
  dynamodb: 'DYNAMODB_PORT',
  example: 'EXAMPLE_PORT',
  exampleLambda: 'EXAMPLE_LAMBDA_PORT',
};

/** infra/local.json's ports, each overridden by its environment variable when set (the serverless.ymls read the same). */
export const localPorts = (env: Record<string, string | undefined> = process.env): LocalPorts => {
  const port = (name: keyof LocalPorts): number => {
    const value = env[ENV_NAMES[name]];
    return value ? Number(value) : local.ports[name];
  };
  return {
    web: port('web'),
    offline: port('offline'),
    lambda: port('lambda'),
    dynamodb: port('dynamodb'),
    example: port('example'),
    exampleLambda: port('exampleLambda'),
  };
};

/** The environment variables that hand `ports` to serverless-offline and its functions. */
export const portEnv = (ports: LocalPorts): Record<string, string> =>
  Object.fromEntries(
    Object.entries(ENV_NAMES).map(([name, variable]) => [variable, String(ports[name as keyof LocalPorts])]),
  );
