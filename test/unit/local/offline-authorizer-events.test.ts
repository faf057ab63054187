import { authorizerRequest } from '../../../gateway/authorizer-events';
import { httpApiAuthorizerEvent, type ReceivedRequest } from '../../../local/offline-authorizer-events';

// What serverless-offline's hapi hands the authentication provider for `DELETE /http/invoices/inv-1?a=1&a=2`.
const request = {
  method: 'delete',
  path: '/http/invoices/inv-1',
  url: new URL('http://127.0.0.1:3004/http/invoices/inv-1?a=1&a=2'),
  headers: { authorization: 'Bearer mp_test_x', host: '127.0.0.1:3004', 'user-agent': 'jest' },
  query: { a: ['1', '2'] },
  params: { invoiceId: 'inv-1' },
  info: { id: 'req-1', remoteAddress: '127.0.0.2', host: '127.0.0.1:3004', received: Date.UTC(2020, 2, 12, 19, 3, 58) },
} satisfies ReceivedRequest;

describe('httpApiAuthorizerEvent', () => {
  const event = httpApiAuthorizerEvent(request, 'DELETE /http/invoices/{invoiceId}');

  it("has the fields of AWS's published payload 2.0 authorizer request", () => {
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: expect.stringMatching(
        /^arn:aws:execute-api:[\w-]+:\d{12}:\w+\/\$default\/DELETE\/http\/invoices\/inv-1$/,
      ),
      identitySource: ['Bearer mp_test_x'],
      routeKey: 'DELETE /http/invoices/{invoiceId}',
      rawPath: '/http/invoices/inv-1',
      rawQueryString: 'a=1&a=2',
      queryStringParameters: { a: '1,2' },
      pathParameters: { invoiceId: 'inv-1' },
      requestContext: {
        http: { method: 'DELETE', path: '/http/invoices/inv-1', sourceIp: '127.0.0.2', userAgent: 'jest' },
        requestId: 'req-1',
        routeKey: 'DELETE /http/invoices/{invoiceId}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
      },
    });
  });

  it('is read by the authorizer as the route template, answered with a simple response', () => {
    expect(authorizerRequest(event)).toEqual({
      method: 'DELETE',
      route: '/http/invoices/{invoiceId}',
      pathParameters: { invoiceId: 'inv-1' },
      sourceIp: '127.0.0.2',
      requestId: 'req-1',
      authorization: 'Bearer mp_test_x',
      arn: event.routeArn,
      response: 'simple',
    });
  });
});
