// The parts of hapi's request, response and toolkit that the authentication provider uses
// (hapi is serverless-offline's dependency, not ours).

export interface HapiRequest {
  method: string;
  path: string;
  url: URL;
  headers: Record<string, string | undefined>;
  query: unknown;
  params: Record<string, string | undefined>;
  info: { id: string; remoteAddress: string; host: string; received: number };
  response: unknown;
  route: { path: string };
  server: HapiServer;
}

export interface HapiResponse {
  code: (status: number) => HapiResponse;
  type: (mime: string) => HapiResponse;
  header: (name: string, value: string) => HapiResponse;
}

export interface HapiToolkit {
  continue: symbol;
  authenticated: (result: { credentials: Record<string, unknown> }) => unknown;
  response: (body: string) => HapiResponse;
}

export interface HapiServer {
  ext: (event: 'onPreResponse', method: (request: HapiRequest, h: HapiToolkit) => unknown) => void;
}
