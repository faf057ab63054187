/** A JSON line the process printed: a Powertools log line, or a CloudWatch EMF metric line. */
export type PrintedLine = Record<string, any>;

/** The JSON lines written to stdout while `task` runs (kept out of the test output). */
export const printedLines = async (task: () => Promise<unknown>): Promise<PrintedLine[]> => {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  let chunks: string[];
  try {
    await task();
  } finally {
    chunks = write.mock.calls.map(([chunk]) => String(chunk));
    write.mockRestore();
  }
  return chunks
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as PrintedLine);
};

/** The EMF lines among `lines` that carry metric `name`, as `{ value, dimensions }`. */
export const metricsNamed = (lines: PrintedLine[], name: string) =>
  lines
    .filter((line) => line._aws?.CloudWatchMetrics?.[0]?.Metrics?.some((m: { Name: string }) => m.Name === name))
    .map((line) => {
      const [dimensionNames] = line._aws.CloudWatchMetrics[0].Dimensions as string[][];
      const dimensions = Object.fromEntries((dimensionNames ?? []).map((key) => [key, line[key]]));
      return { value: line[name] as number, dimensions };
    });
