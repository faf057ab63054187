/** Stops one thing a global setup started. */
type Stop = () => Promise<void>;

// jest loads each project's global setup and teardown files apart; globalThis is what they share.
const stops = (): Stop[] => ((globalThis as { testStops?: Stop[] }).testStops ??= []);

/** Remembers how to stop something a global setup started, for the teardown (or a failed setup). */
export const stopOnTeardown = (stop: Stop): void => {
  stops().push(stop);
};

/** Stops everything the global setups started, the last started first. */
export const stopAll = async (): Promise<void> => {
  for (const stop of stops().splice(0).reverse()) await stop();
};

/** Runs a global setup; if it fails, stops everything started so far, since jest runs no teardown then. */
export const setUp = async (start: () => Promise<void>): Promise<void> => {
  try {
    await start();
  } catch (error) {
    await stopAll();
    throw error;
  }
};
