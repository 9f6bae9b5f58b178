/**
 * An HTTP handler for the AWS SDK that sends with fetch() and reads each answer whole
 * (`arrayBuffer()`), for calls whose answers are small JSON documents (BatchWriteRecord).
 * The SDK's own FetchHttpHandler hands the deserialiser a ReadableStream, which it reads
 * chunk by chunk: each read waits for a turn of the page's main thread, and under a bulk
 * import's load that added several milliseconds to every call (issue 18 §6,
 * bench/results/import-profile.md). The request is built exactly as FetchHttpHandler
 * builds it; a failed fetch() rejects with the same TypeError, so errors read the same.
 */

/** What the SDK hands a request handler (structurally @smithy/types' HttpRequest). */
interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number | undefined;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/** What the SDK expects back (its HttpResponse is checked structurally: statusCode and headers). */
export interface WholeAnswer {
  response: { statusCode: number; reason: string; headers: Record<string, string>; body: Uint8Array };
}

function queryString(query: SdkHttpRequest['query']): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    const name = encodeURIComponent(key);
    if (Array.isArray(value)) for (const item of value) parts.push(`${name}=${encodeURIComponent(item)}`);
    else parts.push(value === null ? name : `${name}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

export class WholeAnswerFetchHandler {
  constructor(private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {}

  async handle(request: SdkHttpRequest, options: { abortSignal?: unknown } = {}): Promise<WholeAnswer> {
    // The SDK types its signal structurally; in the browser it is the DOM's AbortSignal.
    const signal = options.abortSignal instanceof AbortSignal ? options.abortSignal : undefined;
    if (signal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    const query = queryString(request.query);
    const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${query ? `?${query}` : ''}`;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined && request.body !== null;
    const answer = await this.fetchImpl(url, {
      method: request.method,
      headers: request.headers,
      ...(hasBody ? { body: request.body as BodyInit } : {}),
      ...(signal ? { signal } : {}),
    });
    const body = new Uint8Array(await answer.arrayBuffer());
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { response: { statusCode: answer.status, reason: answer.statusText, headers, body } };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
