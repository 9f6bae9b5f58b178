import { describe, expect, it } from 'vitest';
import { WholeAnswerFetchHandler } from './wholeAnswerFetch';

describe('WholeAnswerFetchHandler', () => {
  it('sends the request as built by the SDK and hands back the whole answer as bytes', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const handler = new WholeAnswerFetchHandler(async (url, init) => {
      sent.push({ url: String(url), init: init ?? {} });
      return new Response('{"Errors":[]}', { status: 200, statusText: 'OK', headers: { 'x-amzn-RequestId': 'r-1', 'content-type': 'application/json' } });
    });
    const { response } = await handler.handle({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: '/BatchWriteRecord',
      query: { a: 'x y', b: ['1', '2'], c: null },
      headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 …' },
      body: '{"Entries":[]}',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('http://127.0.0.1:4566/BatchWriteRecord?a=x%20y&b=1&b=2&c');
    expect(sent[0]?.init).toMatchObject({ method: 'POST', body: '{"Entries":[]}', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-amzn-requestid']).toBe('r-1');
    expect(new TextDecoder().decode(response.body)).toBe('{"Errors":[]}');
  });

  it('sends no body with GET, and rejects an aborted call without sending it', async () => {
    const sent: RequestInit[] = [];
    const handler = new WholeAnswerFetchHandler(async (_url, init) => {
      sent.push(init ?? {});
      return new Response(null, { status: 204 });
    });
    const request = { method: 'GET', protocol: 'https:', hostname: 'example.com', path: '/', headers: {}, body: 'ignored' };
    expect((await handler.handle(request)).response.body).toHaveLength(0);
    expect(sent[0]).not.toHaveProperty('body');
    const controller = new AbortController();
    controller.abort();
    await expect(handler.handle(request, { abortSignal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toHaveLength(1);
  });
});
