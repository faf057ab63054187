import { parseModules } from '../lib/config';
import { parseRoutePolicy } from '../lib/routes/policy';
import routePolicyFile from './route-policy.json';

/** serverless.yml's check of infra/route-policy.json against the stage's modules: throws on a bad rule. */
export const checkRoutePolicy = (tokenModules: string): string => {
  const policy = parseRoutePolicy(routePolicyFile, parseModules(tokenModules));
  return `infra/route-policy.json: ${policy.rules.size} rules`;
};
