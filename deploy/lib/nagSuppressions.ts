/**
 * cdk-nag (v3, CDK's Validations API) AwsSolutions findings this design accepts, each with its reason. Everything
 * else must pass; the tests fail on any unsuppressed error.
 */
import { Token, Validations, type CfnResource, type Stack } from 'aws-cdk-lib';

/** Findings that do not depend on the deployment's parameters. */
export const ACKNOWLEDGED_FINDINGS: { id: string; reason: string }[] = [
  {
    id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'Only the BucketDeployment custom resource (a CDK-managed Lambda) uses the AWSLambdaBasicExecutionRole managed policy, for its own logs.',
  },
  ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
    id: `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
    reason: 'The BucketDeployment custom resource (CDK-managed) copies the console into its own bucket; CDK grants these object actions on that bucket only.',
  })),
  {
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason:
      "sagemaker:ListFeatureGroups has no resource type, so it takes '*' (the one such statement per console role); the BucketDeployment Lambda's '*' is CDK's own for its logs.",
  },
  {
    id: 'AwsSolutions::AwsSolutions-COG8',
    reason: 'The Plus feature plan (threat protection) costs per monthly active user; enable it for production pools that face the internet.',
  },
  { id: 'AwsSolutions::AwsSolutions-L1', reason: 'The BucketDeployment Lambda runtime is chosen by aws-cdk-lib and updated with it.' },
  {
    id: 'AwsSolutions::AwsSolutions-CFR1',
    reason: 'No geo restriction: the console serves its team wherever it works; access is by sign-in and IAM roles.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-CFR2',
    reason: 'No WAF by default (it costs per month and per request); every call is SigV4-signed and authorized by IAM. Add a web ACL for public exposure.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-CFR4',
    reason:
      'The default CloudFront certificate (*.cloudfront.net) negotiates TLS 1.2+ with modern clients; a custom domain with its own certificate can set TLSv1.2_2021.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-COG2',
    reason: 'MFA is optional (TOTP) so that demo users can sign in; require it in production by setting mfa to REQUIRED.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-COG3',
    reason: 'Cognito advanced security (threat protection) is a paid tier; enable it for production user pools.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-COG7',
    reason: 'Unauthenticated (guest) identities are allowed only when allowGuests=true is passed, for demo environments; off by default.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-S1',
    reason: 'The access-log bucket does not log to itself: it would log its own log deliveries forever.',
  },
];

export function suppressJustifiedFindings(stack: Stack): void {
  for (const finding of ACKNOWLEDGED_FINDINGS) Validations.of(stack).acknowledge(finding);
}

/**
 * A stack's account or Region as cdk-nag writes it in a finding's id. An environment-agnostic
 * stack (no CDK_DEFAULT_ACCOUNT/REGION: CI without credentials, `cdk diff` on a laptop) has
 * tokens there, which cannot be part of an acknowledgement's id (a map key): cdk-nag prints
 * them as the pseudo parameters they resolve to.
 */
export function nagText(value: string, pseudoParameter: 'AWS::Region' | 'AWS::AccountId'): string {
  return Token.isUnresolved(value) ? `<${pseudoParameter}>` : value;
}

/** Findings that depend on the deployment's parameters (its feature group prefixes, account, Region), each with its reason. */
export function acknowledgeDeploymentFindings(stack: Stack, deployment: { featureGroups: readonly string[]; siteBucket: CfnResource }): void {
  const region = nagText(stack.region, 'AWS::Region');
  const account = nagText(stack.account, 'AWS::AccountId');
  for (const name of deployment.featureGroups.filter((group) => group.endsWith('*'))) {
    Validations.of(stack).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sagemaker:${region}:${account}:feature-group/${name.toLowerCase()}]`,
      reason: `The operator chose the feature group prefix '${name}': the roles may act on groups whose names start with it, and on no others.`,
    });
  }
  Validations.of(stack).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(deployment.siteBucket)}.Arn>/*]`,
    reason: "The BucketDeployment custom resource writes the console's objects into the site bucket, and only there.",
  });
  Validations.of(stack).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*]`,
    reason: "The BucketDeployment custom resource reads the console's build from the CDK bootstrap assets bucket.",
  });
}
