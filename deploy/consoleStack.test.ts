/**
 * The deploy app, synthesized offline: the template's security-relevant facts asserted with
 * aws-cdk-lib/assertions, cdk-nag's AwsSolutions checks with every suppression justified,
 * and the relay's CloudFront Function run in Node.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConsoleStack, consoleConfig, type ConsoleStackProps } from './lib/consoleStack';
import { guestsAllowed, parseRuntimeConfig } from '../src/aws/config';
import { ACKNOWLEDGED_FINDINGS, suppressJustifiedFindings } from './lib/nagSuppressions';
import { contentSecurityPolicy } from '../server/securityHeaders';
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { roleCapabilities, type PolicyDocument } from 'featurestore-role-policies';
import { compileCloudFrontFunction } from './rehearsal/cloudFrontFunction';

const fixture = fileURLToPath(new URL('./test-fixtures/console', import.meta.url));

function synth(overrides: Partial<ConsoleStackProps> = {}) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'console-cdk-')) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new ConsoleStack(app, 'Console', {
    env: { account: '123456789012', region: 'eu-west-1' },
    consoleDirectory: fixture,
    featureGroups: ['customers', 'orders-*'],
    referenceGroups: ['exchange-rates'],
    supportFeatures: { customers: ['email', 'phone', 'event_time'] },
    domainPrefix: 'fs-console-test',
    ...overrides,
  });
  suppressJustifiedFindings(stack);
  const template = Template.fromStack(stack);
  return { app, stack, template };
}

const { app, template } = synth();

/** Resolves the Fn::Join an ARN with the partition pseudo parameter becomes, for comparison. */
function arnText(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'Fn::Join' in value) {
    const [separator, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    return parts
      .map((part) => (typeof part === 'string' ? part : JSON.stringify(part) === '{"Ref":"AWS::Partition"}' ? 'aws' : JSON.stringify(part)))
      .join(separator);
  }
  return Array.isArray(value) ? value.map(arnText) : value;
}

describe('hosting', () => {
  it('serves from a private, encrypted, SSL-only bucket through origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.objectLike({}),
    });
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicPolicy: true, RestrictPublicBuckets: true });
    }
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).map((policy) => JSON.stringify(policy));
    expect(policies.some((policy) => policy.includes('aws:SecureTransport'))).toBe(true);
    expect(policies.some((policy) => policy.includes('"Principal":"*"') && policy.includes('"Effect":"Allow"'))).toBe(false);
  });

  it('sends the strict CSP and security headers on every console response', () => {
    const csp = contentSecurityPolicy({ region: 'eu-west-1', userPoolDomain: 'https://fs-console-test.auth.eu-west-1.amazoncognito.com' });
    expect(csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' https://cognito-identity.eu-west-1.amazonaws.com https://cognito-idp.eu-west-1.amazonaws.com https://athena.eu-west-1.amazonaws.com https://fs-console-test.auth.eu-west-1.amazoncognito.com; worker-src 'self'; manifest-src 'self'; form-action 'self' https://fs-console-test.auth.eu-west-1.amazoncognito.com; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; require-trusted-types-for 'script'; trusted-types import-worker",
    );
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true }),
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });

  it('relays the two SageMaker services uncached, with every viewer header but Host, through the prefix-stripping function', () => {
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0];
    const config = distribution?.Properties?.DistributionConfig as {
      CacheBehaviors: {
        PathPattern: string;
        AllowedMethods: string[];
        CachePolicyId: string;
        OriginRequestPolicyId: string;
        FunctionAssociations: unknown[];
      }[];
      Origins: { DomainName: unknown; Id: string }[];
    };
    const patterns = config.CacheBehaviors.map((behavior) => behavior.PathPattern).sort();
    expect(patterns).toEqual(['/aws/featurestore-runtime/*', '/aws/sagemaker/*']);
    for (const behavior of config.CacheBehaviors) {
      expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'PUT', 'POST', 'DELETE']));
      expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
      expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
      expect(behavior.FunctionAssociations).toHaveLength(1);
    }
    const domains = JSON.stringify(config.Origins.map((origin) => origin.DomainName));
    expect(domains).toContain('featurestore-runtime.sagemaker.eu-west-1.amazonaws.com');
    expect(domains).toContain('api.sagemaker.eu-west-1.amazonaws.com');
  });

  it('has no custom error responses: the single-page fallback is a viewer-request function on the site behaviour only', async () => {
    type Association = { EventType: string; FunctionARN: { 'Fn::GetAtt': [string, string] } };
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0];
    const config = distribution?.Properties?.DistributionConfig as {
      CustomErrorResponses?: unknown;
      DefaultCacheBehavior: { FunctionAssociations?: Association[] };
      CacheBehaviors: { FunctionAssociations?: Association[] }[];
    };
    // CloudFront applies custom error responses to every behaviour, the relays included: AWS's 403/404 would reach the SDK as 200.
    expect(config.CustomErrorResponses).toBeUndefined();
    const site = config.DefaultCacheBehavior.FunctionAssociations ?? [];
    expect(site.map((association) => association.EventType)).toEqual(['viewer-request']);
    const siteFunction = site[0]!.FunctionARN['Fn::GetAtt'][0];
    for (const behavior of config.CacheBehaviors)
      expect((behavior.FunctionAssociations ?? []).map((association) => association.FunctionARN['Fn::GetAtt'][0])).not.toContain(siteFunction);

    // The function's code as published, run with CloudFront's event shape.
    const resource = template.findResources('AWS::CloudFront::Function')[siteFunction]?.Properties as {
      FunctionCode: string;
      FunctionConfig: { Runtime: string };
    };
    expect(resource.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const run = compileCloudFrontFunction({
      name: siteFunction,
      eventType: 'viewer-request',
      runtime: resource.FunctionConfig.Runtime,
      code: resource.FunctionCode,
    });
    const uriFor = async (uri: string, querystring = {}) => {
      const result = await run({
        version: '1.0',
        context: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: 'test' },
        viewer: { ip: '192.0.2.1' },
        request: { method: 'GET', uri, querystring, headers: {}, cookies: {}, rawQueryString: () => undefined },
      });
      return result as { uri: string; querystring: unknown };
    };
    for (const route of ['/', '/history', '/groups/customers', '/groups/customers/table', '/groups/orders-2024/import', '/auth/callback'])
      expect((await uriFor(route)).uri).toBe('/index.html');
    expect(await uriFor('/auth/callback', { code: { value: 'abc' }, state: { value: 'xyz' } })).toMatchObject({
      uri: '/index.html',
      querystring: { code: { value: 'abc' }, state: { value: 'xyz' } },
    });
    for (const file of ['/config.json', '/assets/index-1a2b3c.js', '/assets/index-1a2b3c.css', '/favicon.svg', '/assets/missing.js'])
      expect((await uriFor(file)).uri).toBe(file);
  });

  it('never publishes source maps, and generates config.json from the deployment', () => {
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0];
    const text = JSON.stringify(deployment?.Properties);
    expect(text).toContain('config.json');
    // config.json is generated at deploy time, with the identity pool's id filled in.
    expect(text).toContain('{"Ref":"Identities"}');
    // ...and sign-in's: the user pool's issuer (ProviderURL) and the app client (the shape: 'the generated config.json' below).
    expect(text).toMatch(/"Fn::GetAtt":\["Users[0-9A-F]+","ProviderURL"\]/);
    expect(text).toMatch(/"Ref":"UsersConsoleClient[0-9A-F]+"/);
    // The asset is staged without the .map file.
    const outdir = app.outdir;
    const staged = fs
      .readdirSync(outdir, { recursive: true, withFileTypes: false })
      .map(String)
      .filter((name) => name.includes('assets/app.js'));
    expect(staged.some((name) => name.endsWith('app.js'))).toBe(true);
    expect(staged.some((name) => name.endsWith('.map'))).toBe(false);
  });
});

describe('sign-in and roles', () => {
  it('a user pool with managed login, a PKCE app client without a secret, and the three groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'fs-console-test', ManagedLoginVersion: 2 });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid']),
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties?.GroupName);
    expect(groups.sort()).toEqual(['admins', 'readers', 'support', 'writers']);
  });

  it('guest access is off unless asked for; role mapping follows the token groups', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: false });
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      RoleMappings: { userPool: Match.objectLike({ Type: 'Token', AmbiguousRoleResolution: 'Deny' }) },
    });
    const guests = synth({ allowGuests: true }).template;
    guests.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: true });
  });

  /** Each role's policy document as synthesized, with the partition resolved to `aws`. */
  function synthesizedPolicies(from = template): Record<string, PolicyDocument> {
    const byRole: Record<string, PolicyDocument> = {};
    for (const [logicalId, policy] of Object.entries(from.findResources('AWS::IAM::Policy'))) {
      const match = /^(Readers|Writers|Support|Admins|Guests)Policy/.exec(logicalId);
      if (!match?.[1]) continue;
      const document = policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] };
      byRole[match[1].toLowerCase()] = {
        Version: '2012-10-17',
        Statement: document.Statement.map((statement) => ({
          ...statement,
          Action: ([] as unknown[]).concat(statement.Action),
          Resource: ([] as unknown[]).concat(arnText(statement.Resource)),
        })) as PolicyDocument['Statement'],
      };
    }
    return byRole;
  }
  const groupArn = (name: string) => `arn:aws:sagemaker:eu-west-1:123456789012:feature-group/${name}`;
  function decision(policy: PolicyDocument | undefined, action: string, group: string, context: Record<string, string | string[]> = {}) {
    return runUnsafeSimulation(
      {
        identityPolicies: [{ name: 'role', policy: policy as never }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          action,
          principal: 'arn:aws:sts::123456789012:assumed-role/Role/CognitoIdentityCredentials',
          resource: { resource: group === '*' ? '*' : groupArn(group), accountId: '123456789012' },
          contextVariables: context,
        },
      },
      {},
    );
  }
  const isUpdate = (features: string[]) => ({ 'sagemaker:IsUpdateRecord': 'true', 'sagemaker:UpdatableFeatures': features });
  const isPut = { 'sagemaker:IsUpdateRecord': 'false' };

  it('four roles, no sagemaker:* and no sagemaker:UpdateRecord (not an IAM action); one * for ListFeatureGroups', () => {
    const policies = synthesizedPolicies();
    expect(Object.keys(policies).sort()).toEqual(['admins', 'readers', 'support', 'writers']);
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toContain('sagemaker:UpdateRecord');
    for (const policy of Object.values(policies)) {
      for (const statement of policy.Statement) {
        expect(statement.Action.some((action) => action === 'sagemaker:*' || action === '*')).toBe(false);
        if (statement.Resource.includes('*')) expect(statement).toMatchObject({ Action: ['sagemaker:ListFeatureGroups'], Resource: ['*'] });
      }
    }
  });

  it('admins differ from writers: only admins write the reference groups; both write the others; readers write nothing', () => {
    const { readers, writers, admins } = synthesizedPolicies();
    for (const action of ['sagemaker:PutRecord', 'sagemaker:DeleteRecord', 'sagemaker:BatchWriteRecord']) {
      const context = action === 'sagemaker:PutRecord' ? isPut : {};
      expect(decision(admins, action, 'exchange-rates', context)).toBe('Allowed');
      expect(decision(writers, action, 'exchange-rates', context)).toBe('ExplicitlyDenied');
      expect(decision(writers, action, 'customers', context)).toBe('Allowed');
      expect(decision(writers, action, 'orders-eu', context)).toBe('Allowed');
      expect(decision(readers, action, 'customers', context)).toBe('ImplicitlyDenied');
    }
    // UpdateRecord is authorized as PutRecord: the same difference.
    expect(decision(admins, 'sagemaker:PutRecord', 'exchange-rates', isUpdate(['rate']))).toBe('Allowed');
    expect(decision(writers, 'sagemaker:PutRecord', 'exchange-rates', isUpdate(['rate']))).toBe('ExplicitlyDenied');
    for (const policy of [readers, writers, admins]) {
      expect(decision(policy, 'sagemaker:GetRecord', 'exchange-rates')).toBe('Allowed');
      expect(decision(policy, 'sagemaker:ListRecords', 'orders-eu')).toBe('Allowed');
      expect(decision(policy, 'sagemaker:GetRecord', 'payroll')).toBe('ImplicitlyDenied');
      expect(decision(policy, 'sagemaker:ListFeatureGroups', '*')).toBe('Allowed');
    }
  });

  it('support may UpdateRecord only the named features: no other feature, no whole-record PutRecord, no batch, no delete', () => {
    const { support } = synthesizedPolicies();
    expect(decision(support, 'sagemaker:PutRecord', 'customers', isUpdate(['email']))).toBe('Allowed');
    expect(decision(support, 'sagemaker:PutRecord', 'customers', isUpdate(['email', 'phone', 'event_time']))).toBe('Allowed');
    expect(decision(support, 'sagemaker:PutRecord', 'customers', isUpdate(['email', 'segment']))).toBe('ImplicitlyDenied');
    expect(decision(support, 'sagemaker:PutRecord', 'customers', { 'sagemaker:IsUpdateRecord': 'true' })).toBe('ImplicitlyDenied');
    expect(decision(support, 'sagemaker:PutRecord', 'customers', isPut)).toBe('ImplicitlyDenied');
    expect(decision(support, 'sagemaker:PutRecord', 'customers')).toBe('ImplicitlyDenied');
    expect(decision(support, 'sagemaker:BatchWriteRecord', 'customers')).toBe('ImplicitlyDenied');
    expect(decision(support, 'sagemaker:DeleteRecord', 'customers')).toBe('ImplicitlyDenied');
    expect(decision(support, 'sagemaker:PutRecord', 'orders-eu', isUpdate(['email']))).toBe('ImplicitlyDenied');
    expect(decision(support, 'sagemaker:GetRecord', 'orders-eu')).toBe('Allowed');
  });

  it('a guest (allowGuests) only reads', () => {
    const { guests } = synthesizedPolicies(synth({ allowGuests: true }).template);
    expect(decision(guests, 'sagemaker:GetRecord', 'customers')).toBe('Allowed');
    expect(decision(guests, 'sagemaker:PutRecord', 'customers', isPut)).toBe('ImplicitlyDenied');
  });

  it("the identity pool checks the user pool's session server-side (a signed-out user's token buys no credentials)", () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      CognitoIdentityProviders: [Match.objectLike({ ServerSideTokenCheck: true })],
    });
  });

  it('refuses support features outside the feature groups, on a reference group, or not names', () => {
    expect(() => synth({ supportFeatures: { payroll: ['salary'] } })).toThrow(/not one of the featureGroups/);
    expect(() => synth({ supportFeatures: { 'exchange-rates': ['rate'] }, featureGroups: ['customers', 'exchange-rates'] })).toThrow(/reference group/);
    expect(() => synth({ supportFeatures: { 'orders-*': ['x'] } })).toThrow(/not a feature group name/);
  });

  it('refuses a feature group list that is empty or not names', () => {
    expect(() => synth({ featureGroups: [] })).toThrow(/featureGroups/);
    expect(() => synth({ featureGroups: ['*'] })).toThrow(/featureGroups/);
  });
});

/** Synthesizes the app with cdk-nag's checks: the first error and any failure in the validation report. */
function nagFailures(synthesized: App): { failure: string; report: string } {
  let failure = '';
  try {
    synthesized.synth({ force: true });
  } catch (error) {
    failure = String(error instanceof Error ? error.message : error);
  }
  const reportFile = path.join(synthesized.outdir, 'policy-validation-report.json');
  const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
  return { failure: failure.slice(0, 2000), report: report.includes('"status": "failure"') ? report.slice(0, 4000) : '' };
}

describe('cdk-nag AwsSolutions', () => {
  it('synthesizes with no unacknowledged finding, and every acknowledgement has a reason', () => {
    expect(nagFailures(app)).toEqual({ failure: '', report: '' });
    for (const finding of ACKNOWLEDGED_FINDINGS) expect(finding.reason.length).toBeGreaterThan(40);
  });

  it('synthesizes environment-agnostic (no account or Region, as CI without credentials), prefix groups included', () => {
    // bin/app.ts passes CDK_DEFAULT_ACCOUNT/REGION, unset without credentials.
    const agnostic = synth({ env: { account: undefined, region: undefined } });
    expect(agnostic.stack.region).toMatch(/^\$\{Token\[AWS\.Region/);
    expect(nagFailures(agnostic.app)).toEqual({ failure: '', report: '' });
    const policies = JSON.stringify(agnostic.template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain(':feature-group/orders-*');
    expect(policies).toContain('{"Ref":"AWS::Region"}');
  });
});

describe('relay CloudFront Function', () => {
  const source = fs.readFileSync(fileURLToPath(new URL('./lib/relayPrefixFunction.js', import.meta.url)), 'utf8');
  const handler = new Function(`${source}\nreturn handler;`)() as (event: { request: { uri: string } }) => { uri: string };
  const run = (uri: string) => handler({ request: { uri } }).uri;

  it('strips the service prefix and leaves the signed path, encoding included, untouched', () => {
    expect(run('/aws/featurestore-runtime/FeatureGroup/customers')).toBe('/FeatureGroup/customers');
    expect(run('/aws/featurestore-runtime/FeatureGroup/arn%3Aaws%3Asagemaker%3Aeu-west-1%3A123456789012%3Afeature-group%2Fcustomers')).toBe(
      '/FeatureGroup/arn%3Aaws%3Asagemaker%3Aeu-west-1%3A123456789012%3Afeature-group%2Fcustomers',
    );
    expect(run('/aws/sagemaker/')).toBe('/');
    expect(run('/aws/sagemaker')).toBe('/');
  });

  it('leaves other paths alone, including look-alike prefixes', () => {
    expect(run('/index.html')).toBe('/index.html');
    expect(run('/aws/sagemakerx/y')).toBe('/aws/sagemakerx/y');
  });
});

describe('the generated config.json', () => {
  it('is what the console parses: sign-in with the managed login, guests off by default', () => {
    const config = consoleConfig({
      region: 'eu-west-1',
      identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555',
      userPoolIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
      clientId: '1example23456789abcdefghij',
      signInDomain: 'https://fs-console-test.auth.eu-west-1.amazoncognito.com',
      allowGuests: false,
      environmentLabel: 'Staging',
    });
    const parsed = parseRuntimeConfig({
      ...config,
      roles: roleCapabilities(
        { region: 'eu-west-1', account: '1', featureGroups: ['customers'], supportFeatures: { customers: ['email'] } },
        { guestWrites: false },
      ),
    });
    expect(parsed).toMatchObject({ ok: true, config: { auth: { clientId: '1example23456789abcdefghij', allowGuests: false } } });
    expect(parsed.ok && guestsAllowed(parsed.config)).toBe(false);
  });

  it('sends sign-in back to the console callback route and sign-out to its start page', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/auth/callback'])]) })],
    });
  });
});

describe('history queries (Athena), when the offline store is given', () => {
  const history = synth({ history: { offlineStoreS3Uri: 's3://fs-offline-123456789012/offline-store' } });

  it('an enforced workgroup: encrypted results in a private bucket that expire, and a bytes-scanned cutoff', () => {
    history.template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 1024 * 1024 * 1024,
        ResultConfiguration: Match.objectLike({ EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } }),
      }),
    });
    const workGroup = Object.values(history.template.findResources('AWS::Athena::WorkGroup'))[0];
    const output = JSON.stringify(workGroup?.Properties?.WorkGroupConfiguration?.ResultConfiguration?.OutputLocation);
    const [resultsBucket, resultsBucketProperties] = Object.entries(history.template.findResources('AWS::S3::Bucket')).find(([id]) =>
      id.startsWith('HistoryResults'),
    )!;
    expect(output).toContain(`"Ref":"${resultsBucket}"`);
    expect(resultsBucketProperties.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 7, Status: 'Enabled' })] },
    });
    expect(() => synth({ history: { offlineStoreS3Uri: 's3://b-123/x', bytesScannedCutoffPerQuery: 1024 } })).toThrow(/bytesScannedCutoffPerQuery/);
    expect(() => synth({ history: { offlineStoreS3Uri: 'https://example.com/x' } })).toThrow(/offlineStoreS3Uri/);
  });

  it('grants each signed-in role (readers, support, writers, admins) only the workgroup, the catalog reads on the groups, the offline prefix and the results; called directly, so connect-src names Athena', () => {
    const policies = Object.values(history.template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy).includes('athena:'));
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      const statements = (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Condition?: unknown }[] })
        .Statement;
      const byAction = (action: string) => statements.filter((statement) => ([] as string[]).concat(statement.Action).includes(action));
      expect(arnText(byAction('athena:StartQueryExecution')[0]?.Resource)).toBe('arn:aws:athena:eu-west-1:123456789012:workgroup/Console-history');
      expect(arnText(byAction('glue:GetTable')[0]?.Resource)).toEqual([
        'arn:aws:glue:eu-west-1:123456789012:catalog',
        'arn:aws:glue:eu-west-1:123456789012:database/sagemaker_featurestore',
        'arn:aws:glue:eu-west-1:123456789012:table/sagemaker_featurestore/customers*',
        'arn:aws:glue:eu-west-1:123456789012:table/sagemaker_featurestore/orders-*',
      ]);
      const reads = byAction('s3:GetObject').map((statement) => JSON.stringify(arnText(statement.Resource)));
      expect(reads.some((resource) => resource.includes('arn:aws:s3:::fs-offline-123456789012/offline-store/*'))).toBe(true);
      expect(byAction('s3:ListBucket').some((statement) => JSON.stringify(statement.Condition).includes('offline-store/*'))).toBe(true);
      for (const statement of statements) {
        const actions = ([] as string[]).concat(statement.Action);
        expect(actions.some((action) => action.endsWith(':*') || action === '*')).toBe(false);
        if (statement.Resource === '*') expect(actions).toEqual(['sagemaker:ListFeatureGroups']);
      }
    }
    const distribution = Object.values(history.template.findResources('AWS::CloudFront::Distribution'))[0];
    const patterns = (distribution?.Properties?.DistributionConfig as { CacheBehaviors: { PathPattern: string }[] }).CacheBehaviors.map(
      (behavior) => behavior.PathPattern,
    );
    expect(patterns.sort()).toEqual(['/aws/featurestore-runtime/*', '/aws/sagemaker/*']);
    const csp = JSON.stringify(history.template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    // Athena is called directly from the browser (it answers CORS, as Cognito does): connect-src names it.
    expect(csp).toContain('https://athena.');
    expect(nagFailures(history.app)).toEqual({ failure: '', report: '' });
  });
});
