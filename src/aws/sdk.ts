/**
 * The AWS SDK for JavaScript v3 behind AwsApi: one client per service, created once,
 * sharing one Cognito credential provider. Loaded lazily (see api.ts).
 */
import {
  BatchGetRecordCommand,
  BatchWriteRecordCommand,
  DeleteRecordCommand,
  GetRecordCommand,
  ListRecordsCommand,
  PutRecordCommand,
  SageMakerFeatureStoreRuntimeClient,
  UpdateRecordCommand,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DescribeFeatureGroupCommand, DescribeFeatureMetadataCommand, ListFeatureGroupsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { MAX_BATCH_GET_IDENTIFIERS } from '../domain/limits';
import type { FeatureGroupDescriptionLike } from '../domain/schema';
import type { FeatureValueLike } from '../domain/recordForm';
import type { BatchWriteEntryLike } from '../domain/importBatches';
import type { AwsApi, BatchRecordResult } from './awsApi';
import { callModeOf, guestsAllowed, loginsProviderName, type RuntimeConfig } from './config';
import { sendThroughRelay } from './relay';
import { IdentityIdCache } from './identityCache';
import { getSignIn, renewOrExpire, SignInRequiredError } from './signInState';
import type { createAthenaApi as createAthenaApiType } from './athenaClient';

/** Refresh credentials this long before they expire, as the SDK does. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** Errors that mean "these credentials are no longer accepted": get new ones and retry once. */
const STALE_CREDENTIAL_ERRORS = new Set(['ExpiredTokenException', 'UnrecognizedClientException']);

interface CognitoCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  identityId: string;
}

/** One cache for the page: every provider of the same pool reuses the same identity. */
const identityIdCache = new IdentityIdCache();

/** Whose credentials a provider gets: the signed-in user's sub, 'guest', or 'nobody' (sign-in needed). */
function currentPrincipal(config: RuntimeConfig): string {
  const signIn = getSignIn();
  if (signIn.status === 'signed-in' && config.auth) return `user:${signIn.user.sub}`;
  return signIn.status === 'guest' && guestsAllowed(config) ? 'guest' : 'nobody';
}

function createCredentialSource(config: RuntimeConfig) {
  const cognitoEndpoint = config.endpoints?.cognitoIdentity;
  let principal = currentPrincipal(config);
  let provider = newProvider();
  let current: Promise<CognitoCredentials> | undefined;

  function newProvider(): () => Promise<unknown> {
    principal = currentPrincipal(config);
    if (principal === 'nobody') {
      const expired = getSignIn().status === 'expired';
      return () => Promise.reject(new SignInRequiredError(expired ? 'Your session has ended: sign in again.' : 'Sign in to use this console.'));
    }
    if (principal !== 'guest' && config.auth) {
      // The ID token is read at each call, so a silently renewed token is used at once;
      // GetId with it returns the user's own identity (no identity id is cached for users).
      return fromCognitoIdentityPool({
        identityPoolId: config.identityPoolId,
        clientConfig: { region: config.region, ...(cognitoEndpoint ? { endpoint: cognitoEndpoint } : {}) },
        logins: {
          [loginsProviderName(config.auth)]: async () => {
            const signIn = getSignIn();
            if (signIn.status !== 'signed-in') throw new SignInRequiredError('Your session has ended: sign in again.');
            return signIn.user.idToken;
          },
        },
        cache: identityIdCache,
      });
    }
    return fromCognitoIdentityPool({
      identityPoolId: config.identityPoolId,
      clientConfig: { region: config.region, ...(cognitoEndpoint ? { endpoint: cognitoEndpoint } : {}) },
      // The identity id is reused across page loads (it is not a secret); credentials stay in memory.
      cache: identityIdCache,
    });
  }

  async function resolve(): Promise<CognitoCredentials> {
    // Signing in or out changes whose credentials these are: start again for the new principal.
    if (currentPrincipal(config) !== principal) {
      provider = newProvider();
      current = undefined;
    }
    const cached = current ? await current.catch(() => undefined) : undefined;
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) return cached;
    current = (provider() as Promise<CognitoCredentials>).catch(async (error: unknown) => {
      const name = (error as { name?: string } | null)?.name;
      // The identity pool refused the signed-in user's token (expired, revoked): renew the
      // session silently once; when that fails the session is over, and the header says so.
      if (name === 'NotAuthorizedException' && principal !== 'guest') {
        if (!(await renewOrExpire((error as Error).message))) throw new SignInRequiredError('Your session has ended: sign in again.', { cause: error });
        provider = newProvider();
        return provider() as Promise<CognitoCredentials>;
      }
      // A reused identity id the pool no longer knows (a reset local store, a deleted
      // identity): the provider has dropped it, so ask once for a new identity.
      if (name !== 'ResourceNotFoundException') throw error;
      provider = newProvider();
      return provider() as Promise<CognitoCredentials>;
    });
    return current;
  }

  return {
    credentials: resolve,
    /** Forget the identity and credentials, e.g. after the server stopped accepting them. */
    reset() {
      provider = newProvider();
      current = undefined;
    },
  };
}

/** The SDK types every member as optional; the console's records always have names. */
function toFeatureValues(
  values: { FeatureName?: string | undefined; ValueAsString?: string | undefined; ValueAsStringList?: string[] | undefined }[] | undefined,
): FeatureValueLike[] {
  return (values ?? []).map((value) => ({
    FeatureName: value.FeatureName ?? '',
    ...(value.ValueAsString !== undefined ? { ValueAsString: value.ValueAsString } : {}),
    ...(value.ValueAsStringList !== undefined ? { ValueAsStringList: value.ValueAsStringList } : {}),
  }));
}

/** The endpoint override of a service called directly; a relayed one keeps AWS's (it is signed for it). */
function directEndpoint(config: RuntimeConfig, service: 'featureStoreRuntime' | 'sagemaker'): { endpoint?: string } {
  const endpoint = config.endpoints?.[service];
  return callModeOf(config, service) === 'direct' && endpoint ? { endpoint } : {};
}

/** An entry AWS echoed back (in Errors or UnprocessedEntries), typed as the console sent it. */
function toEntry(
  entry: { FeatureGroupName?: string | undefined; Record?: Parameters<typeof toFeatureValues>[0]; TargetStores?: string[] | undefined } | undefined,
): BatchWriteEntryLike | undefined {
  if (!entry) return undefined;
  return {
    FeatureGroupName: entry.FeatureGroupName ?? '',
    Record: toFeatureValues(entry.Record),
    ...(entry.TargetStores ? { TargetStores: entry.TargetStores as BatchWriteEntryLike['TargetStores'] } : {}),
  };
}

export function createAwsApi(config: RuntimeConfig): AwsApi {
  const source = createCredentialSource(config);
  const credentials = async () => {
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = await source.credentials();
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration } : {}) };
  };
  const makeClients = () => {
    const runtime = new SageMakerFeatureStoreRuntimeClient({ region: config.region, credentials, ...directEndpoint(config, 'featureStoreRuntime') });
    const sagemaker = new SageMakerClient({ region: config.region, credentials, ...directEndpoint(config, 'sagemaker') });
    // The bulk import's BatchWriteRecord calls: one attempt each. The import's write loop
    // (domain/importRun.ts) retries throttled and transient calls itself, with its own
    // backoff and calls-in-flight limit; the SDK's retries on top would multiply the
    // attempts (3 x 10) and hide throttling from it. (SHA-256 in JavaScript and answers
    // read whole were tried for speed here and measured no different: not kept.)
    const imports = new SageMakerFeatureStoreRuntimeClient({
      region: config.region,
      credentials,
      maxAttempts: 1,
      ...directEndpoint(config, 'featureStoreRuntime'),
    });
    // Relayed services sign for AWS's regional endpoint and are sent to the console's origin.
    if (callModeOf(config, 'featureStoreRuntime') === 'relay') {
      sendThroughRelay(runtime, 'featureStoreRuntime', window.location);
      sendThroughRelay(imports, 'featureStoreRuntime', window.location);
    }
    if (callModeOf(config, 'sagemaker') === 'relay') sendThroughRelay(sagemaker, 'sagemaker', window.location);
    return { runtime, sagemaker, imports };
  };
  const destroyClients = (old: ReturnType<typeof makeClients>) => {
    old.runtime.destroy();
    old.sagemaker.destroy();
    old.imports.destroy();
  };
  let clients = makeClients();
  let clientsFor = currentPrincipal(config);
  /** Athena's client, loaded on the first history query (its own chunk), for the current principal. */
  let athena: { principal: string; api: Promise<ReturnType<typeof createAthenaApiType>> } | undefined;
  function athenaApi() {
    const principal = currentPrincipal(config);
    if (!athena || athena.principal !== principal) {
      const previous = athena;
      void previous?.api.then(
        (api) => api.destroy(),
        () => undefined,
      );
      athena = { principal, api: import('./athenaClient').then((module) => module.createAthenaApi(config, credentials)) };
      athena.api.catch(() => (athena = undefined));
    }
    return athena.api;
  }
  /** An Athena call; refused credentials are renewed once, as for the other services. */
  async function athenaCall<T>(send: (api: Awaited<ReturnType<typeof athenaApi>>) => Promise<T>): Promise<T> {
    try {
      return await send(await athenaApi());
    } catch (error) {
      if (!STALE_CREDENTIAL_ERRORS.has((error as Error).name)) throw error;
      source.reset();
      athena = undefined;
      return send(await athenaApi());
    }
  }

  /** Runs a call; when the credentials were refused, renews them (silently) and tries once more. */
  async function call<T>(send: (c: typeof clients) => Promise<T>): Promise<T> {
    // The SDK clients keep the credentials they resolved: another user (or none) needs new clients.
    if (currentPrincipal(config) !== clientsFor) {
      destroyClients(clients);
      clients = makeClients();
      clientsFor = currentPrincipal(config);
    }
    try {
      return await send(clients);
    } catch (error) {
      if (!STALE_CREDENTIAL_ERRORS.has((error as Error).name)) throw error;
      source.reset();
      destroyClients(clients);
      clients = makeClients();
      return send(clients);
    }
  }

  return {
    async identity() {
      const resolved = await source.credentials();
      return { identityId: resolved.identityId, ...(resolved.expiration ? { expiration: resolved.expiration } : {}) };
    },

    async listFeatureGroups({ nameContains, nextToken }) {
      const output = await call((c) =>
        c.sagemaker.send(
          new ListFeatureGroupsCommand({
            MaxResults: 50,
            SortBy: 'Name',
            SortOrder: 'Ascending',
            ...(nameContains ? { NameContains: nameContains } : {}),
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        ),
      );
      return {
        groups: (output.FeatureGroupSummaries ?? []).map((summary) => ({
          name: summary.FeatureGroupName ?? '',
          arn: summary.FeatureGroupArn ?? '',
          status: summary.FeatureGroupStatus ?? 'Unknown',
          ...(summary.OfflineStoreStatus?.Status ? { offlineStoreStatus: summary.OfflineStoreStatus.Status } : {}),
          ...(summary.CreationTime ? { creationTime: summary.CreationTime } : {}),
        })),
        ...(output.NextToken ? { nextToken: output.NextToken } : {}),
      };
    },

    async describeFeatureGroup(nameOrArn) {
      const first = await call((c) => c.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: nameOrArn })));
      const definitions = [...(first.FeatureDefinitions ?? [])];
      let token = first.NextToken;
      while (token) {
        const pageToken = token;
        const page = await call((c) => c.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: nameOrArn, NextToken: pageToken })));
        definitions.push(...(page.FeatureDefinitions ?? []));
        token = page.NextToken;
      }
      return { ...first, FeatureDefinitions: definitions } as FeatureGroupDescriptionLike;
    },

    async describeFeatureMetadata(groupName, featureName) {
      const output = await call((c) => c.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: groupName, FeatureName: featureName })));
      return output.Description ? { description: output.Description } : {};
    },

    async putRecord(input) {
      const output = await call((c) => c.runtime.send(new PutRecordCommand(input)));
      return { requestId: output.$metadata.requestId };
    },

    async updateRecord(input) {
      const output = await call((c) => c.runtime.send(new UpdateRecordCommand(input)));
      return { requestId: output.$metadata.requestId };
    },

    async deleteRecord(input) {
      const output = await call((c) => c.runtime.send(new DeleteRecordCommand(input)));
      return { requestId: output.$metadata.requestId };
    },

    async getRecord(groupName, recordId) {
      const output = await call((c) =>
        c.runtime.send(new GetRecordCommand({ FeatureGroupName: groupName, RecordIdentifierValueAsString: recordId, ExpirationTimeResponse: 'Enabled' })),
      );
      return {
        ...(output.Record ? { record: toFeatureValues(output.Record) } : {}),
        ...(output.ExpiresAt ? { expiresAt: output.ExpiresAt } : {}),
        requestId: output.$metadata.requestId,
      };
    },

    async batchGetRecord(groupName, recordIds) {
      const result: BatchRecordResult = { records: [], errors: [], unprocessed: [], requestIds: [] };
      // BatchGetRecord reads at most 100 records per call: batch beyond that.
      for (let start = 0; start < recordIds.length; start += MAX_BATCH_GET_IDENTIFIERS) {
        const chunk = recordIds.slice(start, start + MAX_BATCH_GET_IDENTIFIERS);
        const output = await call((c) =>
          c.runtime.send(
            new BatchGetRecordCommand({
              Identifiers: [{ FeatureGroupName: groupName, RecordIdentifiersValueAsString: chunk }],
              ExpirationTimeResponse: 'Enabled',
            }),
          ),
        );
        if (output.$metadata.requestId) result.requestIds.push(output.$metadata.requestId);
        for (const found of output.Records ?? []) {
          result.records.push({
            recordId: found.RecordIdentifierValueAsString ?? '',
            record: toFeatureValues(found.Record),
            ...(found.ExpiresAt ? { expiresAt: found.ExpiresAt } : {}),
          });
        }
        for (const error of output.Errors ?? []) {
          result.errors.push({ recordId: error.RecordIdentifierValueAsString ?? '', errorCode: error.ErrorCode ?? 'Error', message: error.ErrorMessage ?? '' });
        }
        for (const unprocessed of output.UnprocessedIdentifiers ?? []) result.unprocessed.push(...(unprocessed.RecordIdentifiersValueAsString ?? []));
      }
      return result;
    },

    async batchWriteRecord(input) {
      const send = () => call((c) => c.imports.send(new BatchWriteRecordCommand(input)));
      // The import's client makes one attempt per call, so the SDK does not send again a
      // call it refused for clock skew after correcting its clock: that one is sent here.
      const output = await send().catch((error: unknown) => {
        if ((error as { $metadata?: { clockSkewCorrected?: boolean } } | null)?.$metadata?.clockSkewCorrected) return send();
        throw error;
      });
      return {
        errors: (output.Errors ?? []).map((error) => ({
          entry: toEntry(error.Entry),
          errorCode: error.ErrorCode ?? 'Error',
          message: error.ErrorMessage ?? '',
        })),
        unprocessed: (output.UnprocessedEntries ?? []).flatMap((entry) => toEntry(entry) ?? []),
        requestId: output.$metadata.requestId,
      };
    },

    startQuery: (input) => athenaCall((api) => api.startQuery(input)),
    getQueryExecution: (id) => athenaCall((api) => api.getQueryExecution(id)),
    getQueryResults: (id, nextToken) => athenaCall((api) => api.getQueryResults(id, nextToken)),
    stopQuery: (id) => athenaCall((api) => api.stopQuery(id)),

    async listRecords(groupName, { nextToken, includeSoftDeleted, maxResults }) {
      const output = await call((c) =>
        c.runtime.send(
          new ListRecordsCommand({
            FeatureGroupName: groupName,
            MaxResults: maxResults ?? 25,
            IncludeSoftDeletedRecords: includeSoftDeleted,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        ),
      );
      return { recordIds: output.RecordIdentifiers ?? [], ...(output.NextToken ? { nextToken: output.NextToken } : {}) };
    },
  };
}
