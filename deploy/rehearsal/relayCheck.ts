/**
 * The rehearsal's own check, run before it says it is ready: through every relay behaviour
 * (a path pattern whose origin is an AWS service), a request AWS refuses (unsigned) must
 * come back as AWS's refusal: its 4xx status and its `x-amzn-ErrorType`, never the site's
 * HTML with 200 (what a distribution-wide custom error response makes of it, and what the
 * SDK would take for a successful write).
 */
import type { Distribution } from './distribution';

export interface RelayCheckResult {
  path: string;
  status: number;
  contentType: string | null;
  errorType: string | null;
}

export async function checkRelayedRefusals(edgeUrl: string, distribution: Distribution): Promise<RelayCheckResult[]> {
  const results: RelayCheckResult[] = [];
  for (const behaviour of distribution.behaviours) {
    if (behaviour.origin.kind !== 'custom' || behaviour.pathPattern === undefined) continue;
    // The pattern's fixed part: e.g. /aws/sagemaker/* → /aws/sagemaker/.
    const path = behaviour.pathPattern.replace(/[*?].*$/, '');
    const response = await fetch(`${edgeUrl}${path}`, { method: 'GET' });
    await response.arrayBuffer();
    const result = { path, status: response.status, contentType: response.headers.get('content-type'), errorType: response.headers.get('x-amzn-errortype') };
    results.push(result);
    if (result.status < 400 || !result.errorType || /text\/html/.test(result.contentType ?? ''))
      throw new Error(
        `The edge does not pass AWS's refusal through ${path}: an unsigned request came back ${result.status} ${result.contentType ?? ''} without x-amzn-ErrorType. ` +
          'A custom error response (distribution-wide) or a function must be turning AWS errors into pages; the SDK would take refused writes for successes.',
      );
  }
  return results;
}
