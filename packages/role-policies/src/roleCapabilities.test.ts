/**
 * The capabilities the console is told (config.json `roles`) agree with the policy
 * documents the roles get, as an IAM policy simulator evaluates them; and the local
 * console's public/config.json says what the local Feature Store enforces.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { CONSOLE_ROLES, featureGroupArn, guestPolicyDocument, rolePolicyDocuments, type PolicyDocument } from './rolePolicies.js';
import { roleCapabilities } from './roleCapabilities.js';

const parameters = {
  region: 'eu-west-1',
  account: '123456789012',
  featureGroups: ['customers', 'orders-*'],
  referenceGroups: ['exchange-rates'],
  supportFeatures: { customers: ['email', 'phone'] },
};

function allowed(policy: PolicyDocument, action: string, group: string, context: Record<string, string | string[]> = {}): boolean {
  const result = runUnsafeSimulation(
    {
      identityPolicies: [{ name: 'role', policy: policy as never }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: 'arn:aws:sts::123456789012:assumed-role/Role/CognitoIdentityCredentials',
        resource: { resource: featureGroupArn(parameters, group), accountId: parameters.account },
        contextVariables: context,
      },
    },
    {},
  );
  return result === 'Allowed';
}

const covers = (patterns: readonly string[], group: string) =>
  patterns.some((pattern) => (pattern.endsWith('*') ? group.startsWith(pattern.slice(0, -1)) : pattern === group));

describe('roleCapabilities', () => {
  const documents = { ...rolePolicyDocuments(parameters), guest: guestPolicyDocument(parameters, { writes: false }) };
  const capabilities = roleCapabilities(parameters, { guestWrites: false });

  it.each([...CONSOLE_ROLES, 'guest' as const])('%s: what the console is told is what the policy allows', (role) => {
    const caps = capabilities[role];
    for (const group of ['customers', 'orders-eu', 'exchange-rates', 'payroll']) {
      const writesWhole = covers(caps.writeGroups, group) && !covers(caps.readOnlyGroups, group);
      expect(allowed(documents[role], 'sagemaker:PutRecord', group, { 'sagemaker:IsUpdateRecord': 'false' })).toBe(writesWhole);
      expect(allowed(documents[role], 'sagemaker:DeleteRecord', group)).toBe(writesWhole);
      const features = caps.updatableFeatures[group] ?? [];
      const update = (names: string[]) =>
        allowed(documents[role], 'sagemaker:PutRecord', group, { 'sagemaker:IsUpdateRecord': 'true', 'sagemaker:UpdatableFeatures': names });
      if (features.length > 0) {
        expect(update(features)).toBe(true);
        expect(update([...features, 'not_listed'])).toBe(writesWhole);
      } else expect(update(['email'])).toBe(writesWhole);
    }
  });

  it("matches the local console's public/config.json (the local Feature Store's defaults; the guest left out)", async () => {
    const { localRoleParameters } = await import('../../local-featurestore/src/server.js');
    const config = JSON.parse(fs.readFileSync(new URL('../../../public/config.json', import.meta.url), 'utf8')) as { roles: unknown };
    // The local guest's policy is a setting (LOCAL_FEATURESTORE_GUEST_POLICY), so the local
    // console presumes nothing for guests: AWS's refusal, shown in words, decides.
    const expected: Partial<ReturnType<typeof roleCapabilities>> = roleCapabilities(localRoleParameters({}), { guestWrites: true });
    delete expected.guest;
    expect(config.roles).toEqual(expected);
  });
});
