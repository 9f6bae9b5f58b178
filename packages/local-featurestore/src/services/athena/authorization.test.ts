/**
 * Athena and Glue authorized as AWS does, from the caller's policy document (the guest's
 * here; the roles' come from role-policies, which grants history in every workgroup the
 * store answers): `athena:<Operation>` on the workgroup's ARN, `glue:<Operation>` on the
 * catalog, database and table ARNs, refused with AccessDeniedException in IAM's words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import type { AwsCredentialIdentity } from '@smithy/types';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { PolicyDocument } from 'featurestore-role-policies';
import { DEFAULT_IDENTITY_POOL_ID, DEVELOPER_KEY, startLocalFeatureStore, type LocalFeatureStore } from '../../server.js';
import { expectAwsError, memoryIdentityCache } from '../../testing.js';

const ACCOUNT = '000000000000';
const GUEST = `arn:aws:sts::${ACCOUNT}:assumed-role/FeatureStoreConsoleGuest/CognitoIdentityCredentials`;
const CONSOLE_WORK_GROUP = 'featurestore-console';
const SNAPSHOT = 'SELECT * FROM "sagemaker_featurestore"."customers" WHERE customer_id = ?';

/** Reads records; history only in the console's workgroup and only on the customers table. */
const HISTORY_OF_CUSTOMERS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['sagemaker:GetRecord'], Resource: ['*'] },
    {
      Effect: 'Allow',
      Action: ['athena:StartQueryExecution', 'athena:GetQueryExecution'],
      Resource: [`arn:aws:athena:us-east-1:${ACCOUNT}:workgroup/${CONSOLE_WORK_GROUP}`],
    },
    {
      Effect: 'Allow',
      Action: ['glue:GetDatabase', 'glue:GetTable'],
      Resource: [
        `arn:aws:glue:us-east-1:${ACCOUNT}:catalog`,
        `arn:aws:glue:us-east-1:${ACCOUNT}:database/sagemaker_featurestore`,
        `arn:aws:glue:us-east-1:${ACCOUNT}:table/sagemaker_featurestore/customers*`,
      ],
    },
  ],
};
/** No grant for Athena or Glue at all. */
const RECORDS_ONLY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sagemaker:GetRecord'], Resource: ['*'] }],
};

interface Guest {
  store: LocalFeatureStore;
  credentials: AwsCredentialIdentity;
  athena: AthenaClient;
}

async function guestOf(policy?: PolicyDocument): Promise<Guest> {
  const store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true, ...(policy ? { guestPolicy: policy } : {}) });
  const provider = fromCognitoIdentityPool({
    identityPoolId: DEFAULT_IDENTITY_POOL_ID,
    clientConfig: { region: 'us-east-1', endpoint: store.url },
    cache: memoryIdentityCache(),
  });
  const credentials = await provider();
  return { store, credentials, athena: new AthenaClient({ region: 'us-east-1', endpoint: store.url, credentials, maxAttempts: 1 }) };
}

async function close(guest: Guest): Promise<void> {
  guest.athena.destroy();
  await guest.store.close();
}

/** A Glue call (no Glue SDK client in this project): awsJson1_1 signed with the SDK's SigV4 signer. */
async function glue(guest: Guest, operation: string, body: object) {
  const url = new URL(guest.store.url);
  const text = JSON.stringify(body);
  const signer = new SignatureV4({ credentials: guest.credentials, region: 'us-east-1', service: 'glue', sha256: Sha256 });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSGlue.${operation}` },
    body: text,
  });
  const { headers } = await signer.sign(request, { signingDate: new Date() });
  const response = await fetch(`${guest.store.url}/`, { method: 'POST', headers: headers as Record<string, string>, body: text });
  return { status: response.status, json: (await response.json()) as { __type?: string; message?: string; Message?: string } };
}

const refusal = (action: string, resource: string) =>
  `User: ${GUEST} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe('a guest with no history grant', () => {
  let guest: Guest;
  beforeAll(async () => {
    guest = await guestOf(RECORDS_ONLY);
  });
  afterAll(() => close(guest));

  it('is refused every Athena and Glue call with AccessDeniedException, in IAM words naming the workgroup or catalog ARN', async () => {
    const error = await expectAwsError(
      guest.athena.send(new StartQueryExecutionCommand({ QueryString: SNAPSHOT, ExecutionParameters: ["'C-1001'"], WorkGroup: CONSOLE_WORK_GROUP })),
      'AccessDeniedException',
    );
    expect(error.message).toBe(refusal('athena:StartQueryExecution', `arn:aws:athena:us-east-1:${ACCOUNT}:workgroup/${CONSOLE_WORK_GROUP}`));
    expect(error.$metadata?.httpStatusCode).toBe(400);
    const database = await glue(guest, 'GetDatabase', { Name: 'sagemaker_featurestore' });
    expect([database.status, database.json.__type]).toEqual([400, 'AccessDeniedException']);
    expect(database.json.message ?? database.json.Message).toBe(refusal('glue:GetDatabase', `arn:aws:glue:us-east-1:${ACCOUNT}:catalog`));
  });
});

describe('a guest granted history in one workgroup and on one table', () => {
  let guest: Guest;
  let developer: AthenaClient;
  beforeAll(async () => {
    guest = await guestOf(HISTORY_OF_CUSTOMERS);
    developer = new AthenaClient({ region: 'us-east-1', endpoint: guest.store.url, credentials: DEVELOPER_KEY, maxAttempts: 1 });
  });
  afterAll(async () => {
    developer.destroy();
    await close(guest);
  });

  it('queries in that workgroup and follows its execution; is refused another workgroup and an action it was not granted', async () => {
    const { QueryExecutionId } = await guest.athena.send(
      new StartQueryExecutionCommand({ QueryString: SNAPSHOT, ExecutionParameters: ["'C-1001'"], WorkGroup: CONSOLE_WORK_GROUP }),
    );
    expect((await guest.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution?.WorkGroup).toBe(CONSOLE_WORK_GROUP);
    // Not granted: StopQueryExecution, on the execution's workgroup.
    await expectAwsError(
      guest.athena.send(new StopQueryExecutionCommand({ QueryExecutionId })),
      'AccessDeniedException',
      /athena:StopQueryExecution on resource: arn:aws:athena:us-east-1:000000000000:workgroup\/featurestore-console /,
    );
    // Athena's default workgroup when none is named: `primary`, not granted.
    await expectAwsError(
      guest.athena.send(
        new StartQueryExecutionCommand({ QueryString: SNAPSHOT, ExecutionParameters: ["'C-1001'"], ResultConfiguration: { OutputLocation: 's3://mine/' } }),
      ),
      'AccessDeniedException',
      /athena:StartQueryExecution on resource: arn:aws:athena:us-east-1:000000000000:workgroup\/primary /,
    );
    // An execution in `primary` (the developer's): the guest may not read it, though it may read its own workgroup's.
    const other = await developer.send(
      new StartQueryExecutionCommand({
        QueryString: SNAPSHOT,
        ExecutionParameters: ["'C-1001'"],
        WorkGroup: 'primary',
        ResultConfiguration: { OutputLocation: 's3://mine/' },
      }),
    );
    await expectAwsError(
      guest.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: other.QueryExecutionId })),
      'AccessDeniedException',
      /workgroup\/primary /,
    );
  });

  it("reads the catalog's granted table, and is refused another table naming its ARN", async () => {
    const allowed = await glue(guest, 'GetTable', { DatabaseName: 'sagemaker_featurestore', Name: 'customers' });
    expect([allowed.status, allowed.json.__type]).toEqual([200, undefined]);
    const refused = await glue(guest, 'GetTable', { DatabaseName: 'sagemaker_featurestore', Name: 'Transactions' });
    expect([refused.status, refused.json.__type]).toEqual([400, 'AccessDeniedException']);
    expect(refused.json.message ?? refused.json.Message).toBe(
      refusal('glue:GetTable', `arn:aws:glue:us-east-1:${ACCOUNT}:table/sagemaker_featurestore/transactions`),
    );
  });
});

describe("the local demo guest (role-policies' history grants)", () => {
  let guest: Guest;
  beforeAll(async () => {
    guest = await guestOf();
  });
  afterAll(() => close(guest));

  it("queries history in the console's workgroup and reads the catalog", async () => {
    const { QueryExecutionId } = await guest.athena.send(
      new StartQueryExecutionCommand({ QueryString: SNAPSHOT, ExecutionParameters: ["'C-1001'"], WorkGroup: CONSOLE_WORK_GROUP }),
    );
    expect(QueryExecutionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await glue(guest, 'GetTable', { DatabaseName: 'sagemaker_featurestore', Name: 'transactions' })).status).toBe(200);
  });
});
