/**
 * The runtime configuration, read from /config.json next to index.html so one build
 * serves every environment. Validated with zod; a problem names the field.
 */
import * as z from 'zod/mini';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const endpointUrl = z.pipe(
  z.string().check(z.refine(isHttpUrl, 'must be an http:// or https:// URL, for example http://localhost:4566')),
  z.transform((value: string) => value.replace(/\/+$/, '')),
);

const groupNames = z.array(z.string().check(z.maxLength(65, 'must be a feature group name or prefix*')));
const roleCapabilitiesSchema = z.strictObject({
  writeGroups: groupNames,
  readOnlyGroups: groupNames,
  updatableFeatures: z.record(z.string(), z.array(z.string())),
});
export type RoleCapabilities = z.output<typeof roleCapabilitiesSchema>;

const callMode = z.enum(['relay', 'direct'], { error: 'must be "relay" or "direct"' });

export const runtimeConfigSchema = z.strictObject({
  region: z
    .string({ error: 'is required, for example "us-east-1"' })
    .check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS Region code such as us-east-1')),
  identityPoolId: z
    .string({ error: 'is required: the Amazon Cognito identity pool that issues the console its credentials' })
    .check(z.regex(/^[\w-]+:[0-9a-f-]+$/, 'must look like us-east-1:00000000-0000-0000-0000-000000000000')),
  endpoints: z.optional(
    z.strictObject({
      featureStoreRuntime: z.optional(endpointUrl),
      sagemaker: z.optional(endpointUrl),
      cognitoIdentity: z.optional(endpointUrl),
      athena: z.optional(endpointUrl),
    }),
  ),
  /**
   * How the browser reaches each SageMaker service: "relay" (default) signs for AWS's
   * regional endpoint and sends through the console's own origin (server/relay.ts), since
   * SageMaker endpoints are not assumed to answer CORS; "direct" calls endpoints.<service>
   * (or AWS) from the browser. Cognito is always called directly (it answers CORS).
   */
  calls: z.optional(
    z.strictObject({
      featureStoreRuntime: z.optional(callMode),
      sagemaker: z.optional(callMode),
    }),
  ),
  /**
   * For the relay servers (vite dev/preview, npm run serve), not the browser: send relayed
   * requests to this origin (a local Feature Store) instead of AWS's regional endpoints.
   */
  relayUpstream: z.optional(endpointUrl),
  /**
   * A record's history from the offline store, through Amazon Athena (called directly from
   * the browser: Athena answers CORS, as the SDK's metadata marks it). `workGroup` names the
   * workgroup the queries run in; `outputLocation` is needed only when that workgroup does
   * not enforce its own result location. Absent: the history says it is not configured.
   */
  athena: z.optional(
    z.strictObject({
      workGroup: z
        .string({ error: 'is required: the Athena workgroup history queries run in' })
        .check(z.regex(/^[a-zA-Z0-9._-]{1,128}$/, 'must be an Athena workgroup name (letters, digits, ".", "_" and "-", up to 128)')),
      outputLocation: z.optional(
        z
          .string()
          .check(
            z.maxLength(1024, 'must be at most 1024 characters'),
            z.regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, 'must be an s3:// location, for example s3://my-bucket/athena-results/'),
          ),
      ),
    }),
  ),
  environmentLabel: z.optional(z.string().check(z.maxLength(40, 'must be at most 40 characters'))),
  /**
   * Sign-in with a Cognito user pool's managed login (authorization code + PKCE): the
   * pool's issuer (authority), the app client, the managed-login domain (where /oauth2/*
   * and /logout are), and whether guests may use the console without signing in.
   * Absent: guests only, as before.
   */
  auth: z.optional(
    z.strictObject({
      authority: z.pipe(
        z
          .string({ error: 'is required: the user pool issuer, https://cognito-idp.<region>.amazonaws.com/<userPoolId>' })
          .check(z.refine(isHttpUrl, 'must be the user pool issuer URL, https://cognito-idp.<region>.amazonaws.com/<userPoolId>')),
        z.transform((value: string) => value.replace(/\/+$/, '')),
      ),
      clientId: z
        .string({ error: "is required: the user pool app client's id" })
        .check(z.regex(/^[\w+]{1,128}$/, 'must be an app client id (letters, digits, _ and +)')),
      domain: z.pipe(
        z
          .string({ error: 'is required: the managed-login domain, https://<prefix>.auth.<region>.amazoncognito.com' })
          .check(z.refine(isHttpUrl, 'must be the managed-login domain URL, https://<prefix>.auth.<region>.amazoncognito.com')),
        z.transform((value: string) => value.replace(/\/+$/, '')),
      ),
      allowGuests: z.optional(z.boolean({ error: 'must be true or false' })),
    }),
  ),
  /**
   * What each role may write (the deploy generates it from the roles' policy documents,
   * packages/role-policies): the console says up front what the signed-in user may change.
   * Absent: the console assumes nothing and AWS's answer decides.
   */
  roles: z.optional(z.partialRecord(z.enum(['readers', 'writers', 'support', 'admins', 'guest']), roleCapabilitiesSchema)),
});

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;

export interface ConfigProblem {
  title: string;
  issues: { field: string; message: string }[];
}

export type ConfigLoad = { ok: true; config: RuntimeConfig } | { ok: false; problem: ConfigProblem };

/** An endpoint for a service explicitly relayed is never used: say so instead of ignoring it. */
function relayConflicts(config: RuntimeConfig): { field: string; message: string }[] {
  return (['featureStoreRuntime', 'sagemaker'] as const)
    .filter((service) => config.calls?.[service] === 'relay' && config.endpoints?.[service] !== undefined)
    .map((service) => ({
      field: `endpoints.${service}`,
      message: `is used only with direct calls: set calls.${service} to "direct", or remove it and set relayUpstream for the relay`,
    }));
}

export function callModeOf(config: RuntimeConfig, service: 'featureStoreRuntime' | 'sagemaker'): 'relay' | 'direct' {
  // An endpoint override without a mode means a direct call (a VPC endpoint, a local store
  // that answers CORS); AWS's own endpoints are reached through the relay by default.
  return config.calls?.[service] ?? (config.endpoints?.[service] !== undefined ? 'direct' : 'relay');
}

export function parseRuntimeConfig(json: unknown): ConfigLoad {
  const result = runtimeConfigSchema.safeParse(json);
  if (result.success) {
    const conflicts = relayConflicts(result.data);
    if (conflicts.length === 0) return { ok: true, config: result.data };
    return { ok: false, problem: { title: 'config.json has invalid settings', issues: conflicts } };
  }
  return {
    ok: false,
    problem: {
      title: 'config.json has invalid settings',
      issues: result.error.issues.map((issue) => ({
        field: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? 'config.json' : '(root)'),
        message: issue.code === 'unrecognized_keys' ? `unknown setting${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : issue.message,
      })),
    },
  };
}

export async function loadRuntimeConfig(url = '/config.json'): Promise<ConfigLoad> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch {
    return { ok: false, problem: { title: 'config.json could not be loaded', issues: [{ field: 'config.json', message: 'the web server did not answer' }] } };
  }
  if (!response.ok) {
    return {
      ok: false,
      problem: { title: 'config.json is missing', issues: [{ field: 'config.json', message: `the server answered ${response.status} for ${url}` }] },
    };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return {
      ok: false,
      problem: { title: 'config.json is not valid JSON', issues: [{ field: 'config.json', message: 'fix the JSON syntax (quotes, commas, braces)' }] },
    };
  }
  return parseRuntimeConfig(json);
}

const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** Where Feature Store requests finally go: a direct endpoint, the relay's upstream, or undefined for AWS. */
export function featureStoreTarget(config: RuntimeConfig): string | undefined {
  return callModeOf(config, 'featureStoreRuntime') === 'direct' ? config.endpoints?.featureStoreRuntime : config.relayUpstream;
}

/** The Feature Store's address for the header: where requests finally go, AWS's regional endpoint by default. */
export function featureStoreAddress(config: RuntimeConfig): string {
  return featureStoreTarget(config) ?? `https://featurestore-runtime.sagemaker.${config.region}.amazonaws.com`;
}

/** True when the Feature Store is on this machine (the bundled local Feature Store), directly or through the relay. */
export function isLocalEndpoint(config: RuntimeConfig): boolean {
  const target = featureStoreTarget(config);
  return target !== undefined && LOCAL_HOSTS.test(new URL(target).hostname);
}

/** Where a service's requests go, in words for messages: the endpoint, and the relay when used. */
function describeEndpoint(config: RuntimeConfig, service: 'featureStoreRuntime' | 'sagemaker', awsUrl: string): string {
  if (callModeOf(config, service) === 'direct') return config.endpoints?.[service] ?? awsUrl;
  return config.relayUpstream ? `${config.relayUpstream} (as ${new URL(awsUrl).host}, through the console's relay)` : `${awsUrl} (through the console's relay)`;
}

export function featureStoreEndpoint(config: RuntimeConfig): string {
  return describeEndpoint(config, 'featureStoreRuntime', `https://featurestore-runtime.sagemaker.${config.region}.amazonaws.com`);
}

/** Athena's endpoint (always called directly: it answers browsers' CORS preflights). */
export function athenaEndpoint(config: RuntimeConfig): string {
  return config.endpoints?.athena ?? `https://athena.${config.region}.amazonaws.com`;
}

export function sagemakerEndpoint(config: RuntimeConfig): string {
  return describeEndpoint(config, 'sagemaker', `https://api.sagemaker.${config.region}.amazonaws.com`);
}

/** The identity pool's provider name for the user pool: its issuer without the scheme (the `Logins` key). */
export function loginsProviderName(auth: NonNullable<RuntimeConfig['auth']>): string {
  return auth.authority.replace(/^https?:\/\//, '');
}

/** Whether the console may be used without signing in: always without `auth`, else as `auth.allowGuests` says (default false). */
export function guestsAllowed(config: RuntimeConfig): boolean {
  return config.auth === undefined || config.auth.allowGuests === true;
}

/** A stable key for one environment: query caches, drafts and history are kept per environment. */
export function environmentKey(config: RuntimeConfig): string {
  return `${config.region}|${featureStoreTarget(config) ?? 'aws'}`;
}
