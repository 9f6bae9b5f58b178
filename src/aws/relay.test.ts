import { describe, expect, it } from 'vitest';
import { RELAY_PREFIXES, relayedRequest } from './relay';

describe('relayedRequest', () => {
  const signed: {
    protocol: string;
    hostname: string;
    port?: number | undefined;
    path: string;
    query: Record<string, string[]>;
    headers: Record<string, string>;
  } = {
    protocol: 'https:',
    hostname: 'featurestore-runtime.sagemaker.eu-west-1.amazonaws.com',
    path: '/FeatureGroup/arn%3Aaws%3Asagemaker%3Aeu-west-1%3A111122223333%3Afeature-group%2Fg',
    query: { FeatureName: ['a', 'b'] },
    headers: { host: 'featurestore-runtime.sagemaker.eu-west-1.amazonaws.com', authorization: 'AWS4-HMAC-SHA256 …' },
  };

  it('points the signed request at the console origin under the prefix, keeping path, query and headers', () => {
    const relayed = relayedRequest(signed, RELAY_PREFIXES.featureStoreRuntime, { protocol: 'http:', hostname: 'localhost', port: '5173' });
    expect(relayed).toMatchObject({
      protocol: 'http:',
      hostname: 'localhost',
      port: 5173,
      path: '/aws/featurestore-runtime/FeatureGroup/arn%3Aaws%3Asagemaker%3Aeu-west-1%3A111122223333%3Afeature-group%2Fg',
      query: { FeatureName: ['a', 'b'] },
      headers: signed.headers,
    });
    // The signed request itself is left as it was (a retry signs it again).
    expect(signed.hostname).toBe('featurestore-runtime.sagemaker.eu-west-1.amazonaws.com');
  });

  it('leaves the port out on the default port', () => {
    expect(relayedRequest(signed, RELAY_PREFIXES.sagemaker, { protocol: 'https:', hostname: 'console.example.com', port: '' }).port).toBeUndefined();
  });
});
