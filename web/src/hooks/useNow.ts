import { useEffect, useState } from 'preact/hooks';

/** The current time, renewed every `everyMs`, so that "2 min ago" keeps telling the truth. */
export const useNow = (everyMs = 30_000): Date => {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
};
