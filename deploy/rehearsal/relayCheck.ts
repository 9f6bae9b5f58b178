/**
 * The rehearsal's own check, run before it says it is ready: through the relay behaviour of
 * each service the console relays, a call AWS refuses (signed with a key AWS does not know)
 * must reach the SDK as AWS's refusal, HTTP 403, never as the site's HTML with 200 (what a
 * distribution-wide custom error response makes of it: for PutRecord, whose output is
 * empty, the SDK would report a refused write as written).
 */
import { GetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { ListFeatureGroupsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { RELAY_PREFIXES, sendThroughRelay, type RelayedService } from '../../src/aws/relay';
import { behaviourFor, type Distribution } from './distribution';

export interface RelayCheckResult {
  prefix: string;
  status: number | undefined;
  errorName: string;
}

/** An access key no account has: AWS answers 403 UnrecognizedClientException (the local Feature Store too). */
const UNKNOWN_KEY = { accessKeyId: 'AKIAREHEARSALPROBE00', secretAccessKey: 'rehearsal-probe-secret-not-a-key' };

export async function checkRelayedRefusals(edgeUrl: string, distribution: Distribution, region: string): Promise<RelayCheckResult[]> {
  const edge = new URL(edgeUrl);
  const origin = { protocol: edge.protocol, hostname: edge.hostname, port: edge.port };
  const config = { region, credentials: UNKNOWN_KEY, maxAttempts: 1 };
  const probes: Record<RelayedService, () => Promise<unknown>> = {
    featureStoreRuntime: () => {
      const client = new SageMakerFeatureStoreRuntimeClient(config);
      sendThroughRelay(client, 'featureStoreRuntime', origin);
      return client.send(new GetRecordCommand({ FeatureGroupName: 'rehearsal-probe', RecordIdentifierValueAsString: 'probe' }));
    },
    sagemaker: () => {
      const client = new SageMakerClient(config);
      sendThroughRelay(client, 'sagemaker', origin);
      return client.send(new ListFeatureGroupsCommand({}));
    },
  };
  const results: RelayCheckResult[] = [];
  for (const service of Object.keys(probes) as RelayedService[]) {
    const prefix = RELAY_PREFIXES[service];
    if (behaviourFor(distribution, `${prefix}/`).origin.kind !== 'custom')
      throw new Error(`The distribution has no relay behaviour for ${prefix}/: it goes to the site bucket.`);
    let result: RelayCheckResult;
    try {
      await probes[service]();
      result = { prefix, status: 200, errorName: '(none: the call resolved)' };
    } catch (error) {
      const failure = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      // A 200 HTML page the SDK cannot parse fails without an AWS status: say what it said.
      result = {
        prefix,
        status: failure.$metadata?.httpStatusCode,
        errorName: failure.$metadata ? (failure.name ?? '') : `${failure.name ?? 'Error'}: ${(failure.message ?? '').slice(0, 120)}`,
      };
    }
    results.push(result);
    if (result.status !== 403)
      throw new Error(
        `The edge does not pass AWS's refusal through ${prefix}/: a call signed with an unknown key reached the SDK as ${result.status === undefined ? 'no AWS answer' : `HTTP ${result.status}`} (${result.errorName}), not AWS's 403. ` +
          "A custom error response (they are distribution-wide) or a function is turning AWS's errors into pages; the console would report refused writes as written.",
      );
  }
  return results;
}
