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

const fixture = fileURLToPath(new URL('./test-fixtures/console', import.meta.url));

function synth(overrides: Partial<ConsoleStackProps> = {}) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'console-cdk-')) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new ConsoleStack(app, 'Console', {
    env: { account: '123456789012', region: 'eu-west-1' },
    consoleDirectory: fixture,
    featureGroups: ['customers', 'orders-*'],
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
    expect(groups.sort()).toEqual(['admins', 'readers', 'writers']);
  });

  it('guest access is off unless asked for; role mapping follows the token groups', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: false });
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      RoleMappings: { userPool: Match.objectLike({ Type: 'Token', AmbiguousRoleResolution: 'Deny' }) },
    });
    const guests = synth({ allowGuests: true }).template;
    guests.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: true });
  });

  it('roles have least privilege: record actions only on the given feature group ARNs, no sagemaker:*, one * for ListFeatureGroups', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy).includes('sagemaker:'));
    expect(policies.length).toBe(3);
    const arns = ['arn:aws:sagemaker:eu-west-1:123456789012:feature-group/customers', 'arn:aws:sagemaker:eu-west-1:123456789012:feature-group/orders-*'];
    const byRole = new Map<string, string[]>();
    for (const policy of policies) {
      const statements = (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement;
      const role = JSON.stringify(policy.Properties?.Roles);
      for (const statement of statements) {
        const actions = ([] as string[]).concat(statement.Action);
        expect(actions.some((action) => action === 'sagemaker:*' || action === '*')).toBe(false);
        if (statement.Resource === '*') expect(actions).toEqual(['sagemaker:ListFeatureGroups']);
        else {
          expect(arnText(statement.Resource)).toEqual(arns);
          byRole.set(role, actions);
        }
      }
    }
    const actionSets = [...byRole.values()].map((actions) => actions.filter((action) => !action.startsWith('sagemaker:Describe')).sort());
    expect(actionSets).toContainEqual(['sagemaker:BatchGetRecord', 'sagemaker:GetRecord', 'sagemaker:ListRecords']);
    expect(actionSets).toContainEqual(
      [
        'sagemaker:BatchGetRecord',
        'sagemaker:BatchWriteRecord',
        'sagemaker:DeleteRecord',
        'sagemaker:GetRecord',
        'sagemaker:ListRecords',
        'sagemaker:PutRecord',
        'sagemaker:UpdateRecord',
      ].sort(),
    );
  });

  it('refuses a feature group list that is empty or not names', () => {
    expect(() => synth({ featureGroups: [] })).toThrow(/featureGroups/);
    expect(() => synth({ featureGroups: ['*'] })).toThrow(/featureGroups/);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('synthesizes with no unacknowledged finding, and every acknowledgement has a reason', () => {
    let failure = '';
    try {
      app.synth({ force: true });
    } catch (error) {
      failure = String(error instanceof Error ? error.message : error);
    }
    const reportFile = path.join(app.outdir, 'policy-validation-report.json');
    const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
    expect({ failure: failure.slice(0, 2000), report: report.includes('"status": "failure"') ? report.slice(0, 4000) : '' }).toEqual({
      failure: '',
      report: '',
    });
    for (const finding of ACKNOWLEDGED_FINDINGS) expect(finding.reason.length).toBeGreaterThan(40);
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
    const parsed = parseRuntimeConfig(config);
    expect(parsed).toMatchObject({ ok: true, config: { auth: { clientId: '1example23456789abcdefghij', allowGuests: false } } });
    expect(parsed.ok && guestsAllowed(parsed.config)).toBe(false);
  });

  it('sends sign-in back to the console callback route and sign-out to its start page', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/auth/callback'])]) })],
    });
  });
});
