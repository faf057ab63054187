import type { Outcome } from '../../lib/outcome';

/** The value of a service's outcome; a refusal fails the test with its reason. */
export const valueOf = <T>(outcome: Outcome<T, string>): T => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.value;
};
