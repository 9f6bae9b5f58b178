import { describe, expect, it } from 'vitest';
import {
  athenaEndpoint,
  callModeOf,
  environmentKey,
  featureStoreAddress,
  guestsAllowed,
  isLocalEndpoint,
  loginsProviderName,
  parseRuntimeConfig,
} from './config';

describe('runtime config', () => {
  const valid = {
    region: 'us-east-1',
    identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000001',
    endpoints: { featureStoreRuntime: 'http://127.0.0.1:4566/' },
  };

  it('accepts a valid config and trims trailing slashes', () => {
    const result = parseRuntimeConfig(valid);
    expect(result).toMatchObject({ ok: true, config: { endpoints: { featureStoreRuntime: 'http://127.0.0.1:4566' } } });
    if (result.ok) {
      expect(isLocalEndpoint(result.config)).toBe(true);
      expect(environmentKey(result.config)).toBe('us-east-1|http://127.0.0.1:4566');
    }
  });

  it('reads the Athena settings for a record history, and names a wrong one', () => {
    const good = parseRuntimeConfig({ ...valid, athena: { workGroup: 'featurestore-console', outputLocation: 's3://results-bucket/athena/' } });
    expect(good).toMatchObject({ ok: true, config: { athena: { workGroup: 'featurestore-console', outputLocation: 's3://results-bucket/athena/' } } });
    if (good.ok) expect(athenaEndpoint(good.config)).toBe('https://athena.us-east-1.amazonaws.com');
    const bad = parseRuntimeConfig({ ...valid, athena: { workGroup: 'no spaces', outputLocation: 'https://bucket/x' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.issues.map((issue) => issue.field).sort()).toEqual(['athena.outputLocation', 'athena.workGroup']);
  });

  it('names each wrong field', () => {
    const result = parseRuntimeConfig({ region: 'Virginia', endpoints: { sagemaker: 'ftp://x' }, colour: 'blue' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.issues).toEqual(
        expect.arrayContaining([
          { field: 'region', message: expect.stringMatching(/us-east-1/) },
          { field: 'identityPoolId', message: expect.stringMatching(/required/) },
          { field: 'endpoints.sagemaker', message: expect.stringMatching(/http/) },
          { field: 'config.json', message: 'unknown setting: colour' },
        ]),
      );
    }
  });

  it('treats AWS endpoints as not local', () => {
    const result = parseRuntimeConfig({ region: 'eu-west-1', identityPoolId: 'eu-west-1:abc-123' });
    expect(result.ok && isLocalEndpoint(result.config)).toBe(false);
  });

  it('reads the auth section: guests off unless allowed, the Logins key from the issuer', () => {
    const auth = {
      authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/',
      clientId: 'abc123',
      domain: 'https://team.auth.eu-west-1.amazoncognito.com',
    };
    const result = parseRuntimeConfig({ ...valid, auth });
    expect(result.ok).toBe(true);
    if (result.ok && result.config.auth) {
      expect(guestsAllowed(result.config)).toBe(false);
      expect(loginsProviderName(result.config.auth)).toBe('cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123');
    }
    const withGuests = parseRuntimeConfig({ ...valid, auth: { ...auth, allowGuests: true } });
    expect(withGuests.ok && guestsAllowed(withGuests.config)).toBe(true);
    const noAuth = parseRuntimeConfig(valid);
    expect(noAuth.ok && guestsAllowed(noAuth.config)).toBe(true);
  });

  it('names each wrong auth field', () => {
    const result = parseRuntimeConfig({ ...valid, auth: { authority: 'cognito', clientId: 'has space', allowGuests: 'yes', extra: 1 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.issues).toEqual(
        expect.arrayContaining([
          { field: 'auth.authority', message: expect.stringMatching(/issuer/) },
          { field: 'auth.clientId', message: expect.stringMatching(/app client id/) },
          { field: 'auth.domain', message: expect.stringMatching(/required/) },
          { field: 'auth.allowGuests', message: 'must be true or false' },
          { field: 'auth', message: 'unknown setting: extra' },
        ]),
      );
    }
  });

  it('relays AWS endpoints by default, calls an overridden endpoint directly, and names a relayed endpoint that would be ignored', () => {
    const base = { region: 'eu-west-1', identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555' };
    const aws = parseRuntimeConfig(base);
    expect(aws.ok && callModeOf(aws.config, 'featureStoreRuntime')).toBe('relay');
    expect(aws.ok && featureStoreAddress(aws.config)).toBe('https://featurestore-runtime.sagemaker.eu-west-1.amazonaws.com');
    const local = parseRuntimeConfig({ ...base, relayUpstream: 'http://127.0.0.1:4566/' });
    expect(local.ok && isLocalEndpoint(local.config)).toBe(true);
    expect(local.ok && environmentKey(local.config)).toBe('eu-west-1|http://127.0.0.1:4566');
    const direct = parseRuntimeConfig({ ...base, endpoints: { sagemaker: 'https://vpce.example.com' } });
    expect(direct.ok && callModeOf(direct.config, 'sagemaker')).toBe('direct');
    expect(direct.ok && callModeOf(direct.config, 'featureStoreRuntime')).toBe('relay');
    const conflict = parseRuntimeConfig({ ...base, calls: { sagemaker: 'relay' }, endpoints: { sagemaker: 'https://vpce.example.com' } });
    expect(conflict).toMatchObject({ ok: false, problem: { issues: [{ field: 'endpoints.sagemaker' }] } });
    expect(parseRuntimeConfig({ ...base, calls: { sagemaker: 'proxy' } })).toMatchObject({ ok: false, problem: { issues: [{ field: 'calls.sagemaker' }] } });
  });
});
