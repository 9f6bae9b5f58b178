/**
 * The console in an AWS account: a private S3 bucket behind CloudFront (origin access
 * control) with a strict CSP, same-origin relay behaviours for the two SageMaker services,
 * a Cognito user pool with managed login and reader/support/writer/admin groups, an identity pool
 * mapping those groups to least-privilege IAM roles, and the console's config.json
 * generated from all of it.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { contentSecurityPolicy } from '../../server/securityHeaders';
import { acknowledgeDeploymentFindings } from './nagSuppressions';
import {
  CONSOLE_ROLES,
  ROLE_PRECEDENCE,
  guestPolicyDocument,
  roleCapabilities,
  rolePolicyDocuments,
  type CapabilityRole,
  type PolicyDocument,
  type RoleCapabilities,
  type RolePolicyParameters,
} from 'featurestore-role-policies';
import { HistoryQueries, type HistoryQueriesProps } from './historyQueries';

export interface ConsoleStackProps extends StackProps {
  /** The built console (npm run build's dist/). */
  consoleDirectory: string;
  /** The feature groups the roles may touch: exact names, or names ending in `*` as a prefix. */
  featureGroups: readonly string[];
  /** Managed-login domain prefix: https://<prefix>.auth.<region>.amazoncognito.com. */
  domainPrefix: string;
  /** Read-only reference groups: every role reads them, only admins write them (`-c referenceGroups=exchange-rates`). */
  referenceGroups?: readonly string[];
  /** Per group, the features the support role may change with UpdateRecord (`-c supportFeatures=customers:email,phone`). */
  supportFeatures?: Readonly<Record<string, readonly string[]>>;
  /** Unauthenticated (guest) access, for demo environments only; off by default. */
  allowGuests?: boolean;
  environmentLabel?: string;
  /** A record's history from the offline store through Athena (off unless the offline store's location is given). */
  history?: Omit<HistoryQueriesProps, 'featureGroups' | 'accessLogs'>;
}

/**
 * The console's config.json for this deployment, in the shape src/aws/config.ts parses:
 * the identity pool, and sign-in with the user pool's managed login (guests off unless
 * the deployment allows them). The values are CloudFormation tokens until deploy time.
 */
export function consoleConfig(values: {
  region: string;
  identityPoolId: string;
  userPoolIssuer: string;
  clientId: string;
  signInDomain: string;
  allowGuests: boolean;
  environmentLabel?: string;
  /** What each role may write, so the console says so up front (role-policies' roleCapabilities). */
  roles?: Record<CapabilityRole, RoleCapabilities>;
  /** The Athena workgroup of a record's history (deployed with -c offlineStoreS3Uri=…). */
  athenaWorkGroup?: string;
}) {
  return {
    region: values.region,
    identityPoolId: values.identityPoolId,
    auth: { authority: values.userPoolIssuer, clientId: values.clientId, domain: values.signInDomain, allowGuests: values.allowGuests },
    ...(values.environmentLabel ? { environmentLabel: values.environmentLabel } : {}),
    ...(values.roles ? { roles: values.roles } : {}),
    ...(values.athenaWorkGroup ? { athena: { workGroup: values.athenaWorkGroup } } : {}),
  };
}

const FEATURE_GROUP_NAME = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;
const FEATURE_GROUP_PREFIX = /^[a-zA-Z0-9][-_a-zA-Z0-9]{0,62}\*$/;

export class ConsoleStack extends Stack {
  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    super(scope, id, props);
    if (props.featureGroups.length === 0) throw new Error('featureGroups: name at least one feature group (or a prefix ending in *).');
    for (const name of props.featureGroups) {
      if (name.length > 65 || !(FEATURE_GROUP_NAME.test(name) || FEATURE_GROUP_PREFIX.test(name)))
        throw new Error(`featureGroups: '${name}' is not a feature group name or prefix*.`);
    }
    const referenceGroups = props.referenceGroups ?? [];
    for (const name of referenceGroups) {
      if (name.length > 65 || !(FEATURE_GROUP_NAME.test(name) || FEATURE_GROUP_PREFIX.test(name)))
        throw new Error(`referenceGroups: '${name}' is not a feature group name or prefix*.`);
    }
    const covered = (name: string, patterns: readonly string[]) =>
      patterns.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name));
    for (const [name, features] of Object.entries(props.supportFeatures ?? {})) {
      if (!FEATURE_GROUP_NAME.test(name)) throw new Error(`supportFeatures: '${name}' is not a feature group name.`);
      if (!covered(name, props.featureGroups)) throw new Error(`supportFeatures: '${name}' is not one of the featureGroups.`);
      if (covered(name, referenceGroups)) throw new Error(`supportFeatures: '${name}' is a reference group, which only admins write.`);
      if (features.length === 0) throw new Error(`supportFeatures: name at least one feature of '${name}'.`);
    }
    // The roles' policy documents and what the console is told about them: one definition
    // (packages/role-policies), which the local Feature Store enforces too. SageMaker
    // writes feature group names in lower case in their ARNs.
    const roleParameters: RolePolicyParameters = {
      partition: this.partition,
      region: this.region,
      account: this.account,
      featureGroups: props.featureGroups,
      referenceGroups,
      supportFeatures: props.supportFeatures ?? {},
    };

    // --- hosting ---------------------------------------------------------------------
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    let athenaWorkGroup: string | undefined;
    if (props.history) {
      const history = new HistoryQueries(this, 'History', { ...props.history, featureGroups: props.featureGroups, accessLogs: logs });
      // Every signed-in role reads history (issue 17: a reader sees history but cannot restore): in their policy documents.
      roleParameters.history = history.access;
      new CfnOutput(this, 'HistoryWorkGroup', { value: history.workGroupName });
      athenaWorkGroup = history.workGroupName;
    }
    const policyDocuments = rolePolicyDocuments(roleParameters);
    const site = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    const userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const domain = userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const userPoolDomainUrl = `https://${props.domainPrefix}.auth.${this.region}.amazoncognito.com`;

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({ region: this.region, userPoolDomain: userPoolDomainUrl }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    const functionCode = (file: string) => cloudfront.FunctionCode.fromInline(fs.readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8'));
    const stripPrefix = new cloudfront.Function(this, 'RelayPrefix', {
      code: functionCode('./relayPrefixFunction.js'),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Strips /aws/<service> so SageMaker sees the path the browser signed',
    });
    // The single-page app's fallback, on the site's behaviour only (never custom error responses: they are distribution-wide).
    const siteRoutes = new cloudfront.Function(this, 'SiteRoutes', {
      code: functionCode('./siteRoutesFunction.js'),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: "Serves /index.html for the console's routes (paths without a file extension)",
    });
    const relay = (hostname: string): cloudfront.BehaviorOptions => ({
      origin: new origins.HttpOrigin(hostname, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Every viewer header but Host (CloudFront sets Host to the origin: the signed host).
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      functionAssociations: [{ function: stripPrefix, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    });

    const distribution = new cloudfront.Distribution(this, 'Console', {
      comment: 'Feature Store Record Console',
      defaultRootObject: 'index.html',
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ function: siteRoutes, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/aws/featurestore-runtime/*': relay(`featurestore-runtime.sagemaker.${this.region}.amazonaws.com`),
        '/aws/sagemaker/*': relay(`api.sagemaker.${this.region}.amazonaws.com`),
      },
    });
    const consoleUrl = `https://${distribution.distributionDomainName}`;

    // --- sign-in ---------------------------------------------------------------------
    const client = userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        // The console's sign-in callback route (src/aws/signIn.ts), and its start page after sign-out.
        callbackUrls: [`${consoleUrl}/auth/callback`],
        logoutUrls: [`${consoleUrl}/`],
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    new cognito.CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    }).node.addDependency(domain);

    const identityPool = new cognito.CfnIdentityPool(this, 'Identities', {
      allowUnauthenticatedIdentities: props.allowGuests ?? false,
      // The identity pool asks the user pool whether the ID token's session is still live, so a
      // signed-out (revoked) or deleted user's token buys no more credentials.
      cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: userPool.userPoolProviderName, serverSideTokenCheck: true }],
    });
    const assumedBy = (amr: 'authenticated' | 'unauthenticated') =>
      new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
        'sts:AssumeRoleWithWebIdentity',
      );
    const role = (id: string, amr: 'authenticated' | 'unauthenticated', document: PolicyDocument) => {
      const created = new iam.Role(this, id, { assumedBy: assumedBy(amr), description: `Feature Store Record Console: ${id}` });
      created.attachInlinePolicy(new iam.Policy(this, `${id}Policy`, { document: iam.PolicyDocument.fromJson(document) }));
      return created;
    };
    const roleNames: Record<(typeof CONSOLE_ROLES)[number], string> = { readers: 'Readers', writers: 'Writers', support: 'Support', admins: 'Admins' };
    const roles = Object.fromEntries(CONSOLE_ROLES.map((name) => [name, role(roleNames[name], 'authenticated', policyDocuments[name])]));
    for (const name of CONSOLE_ROLES) {
      new cognito.CfnUserPoolGroup(this, `Group-${name}`, {
        userPoolId: userPool.userPoolId,
        groupName: name,
        precedence: ROLE_PRECEDENCE[name],
        roleArn: (roles[name] as iam.Role).roleArn,
        description: `Console ${name}`,
      });
    }
    const readers = roles.readers as iam.Role;
    const guest = props.allowGuests ? role('Guests', 'unauthenticated', guestPolicyDocument(roleParameters, { writes: false })) : undefined;
    new cognito.CfnIdentityPoolRoleAttachment(this, 'RoleMapping', {
      identityPoolId: identityPool.ref,
      roles: { authenticated: readers.roleArn, ...(guest ? { unauthenticated: guest.roleArn } : {}) },
      roleMappings: {
        userPool: {
          // The role comes from the user's groups (cognito:preferred_role); a user in no group is denied.
          type: 'Token',
          ambiguousRoleResolution: 'Deny',
          identityProvider: `${userPool.userPoolProviderName}:${client.userPoolClientId}`,
        },
      },
    });

    // --- the console and its config.json ---------------------------------------------
    new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: site,
      distribution,
      distributionPaths: ['/index.html', '/config.json'],
      sources: [
        // Source maps are never published.
        s3deploy.Source.asset(props.consoleDirectory, { exclude: ['**/*.map', 'config.json'] }),
        s3deploy.Source.jsonData(
          'config.json',
          consoleConfig({
            region: this.region,
            identityPoolId: identityPool.ref,
            userPoolIssuer: userPool.userPoolProviderUrl,
            clientId: client.userPoolClientId,
            signInDomain: userPoolDomainUrl,
            allowGuests: props.allowGuests ?? false,
            ...(props.environmentLabel ? { environmentLabel: props.environmentLabel } : {}),
            roles: roleCapabilities(roleParameters, { guestWrites: false }),
            ...(athenaWorkGroup ? { athenaWorkGroup } : {}),
          }),
        ),
      ],
      memoryLimit: 256,
    });

    // Findings that depend on this deployment's parameters, acknowledged with their reasons.
    acknowledgeDeploymentFindings(this, {
      featureGroups: [...new Set([...props.featureGroups, ...referenceGroups])],
      siteBucket: site.node.defaultChild as s3.CfnBucket,
    });

    new CfnOutput(this, 'ConsoleUrl', { value: consoleUrl });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'IdentityPoolId', { value: identityPool.ref });
    new CfnOutput(this, 'SignInDomain', { value: userPoolDomainUrl });
  }
}
