import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { buildBoto3Snippet, buildCliCommand, shellQuote } from './cli';

/** Runs the quoted word through a real POSIX shell and returns what the program received. */
function throughShell(quoted: string): string {
  return execFileSync('sh', ['-c', `printf '%s' ${quoted}`]).toString();
}

describe('shellQuote', () => {
  it.each([`it's`, 'two words', '$HOME and `date`', 'line one\nline two', '"double"', '\\back\\slash', '', '!bang', '*glob?', 'ünïcode ✓', `'`, `a'b'c`])(
    'survives a real shell: %j',
    (word) => {
      expect(throughShell(shellQuote(word))).toBe(word);
    },
  );
  it('leaves plain words bare', () => {
    expect(shellQuote('customers')).toBe('customers');
    expect(shellQuote('http://127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
  });
});

describe('AWS CLI command', () => {
  const input = {
    FeatureGroupName: 'customers',
    Record: [
      { FeatureName: 'customer_id', ValueAsString: `O'Brien $1` },
      { FeatureName: 'note', ValueAsString: 'two\nlines' },
    ],
    TargetStores: ['OnlineStore' as const],
    TtlDuration: { Unit: 'Days' as const, Value: 3 },
  };
  it('names the endpoint when not on AWS, and quotes the record so the shell passes it intact', () => {
    const command = buildCliCommand({ operation: 'PutRecord', input }, { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' });
    expect(command).toMatch(/^aws sagemaker-featurestore-runtime put-record/);
    expect(command).toContain('--feature-group-name customers');
    expect(command).toContain('--endpoint-url http://127.0.0.1:4566');
    expect(command).toContain('--target-stores OnlineStore');
    const recordArgument = /--record ('(?:[^']|'\\'')*')/.exec(command)?.[1] ?? '';
    expect(JSON.parse(throughShell(recordArgument))).toEqual(input.Record);
    const ttlArgument = /--ttl-duration ('[^']*')/.exec(command)?.[1] ?? '';
    expect(JSON.parse(throughShell(ttlArgument))).toEqual(input.TtlDuration);
  });
  it('has no --endpoint-url against AWS', () => {
    expect(buildCliCommand({ operation: 'PutRecord', input }, { region: 'eu-west-1' })).not.toContain('--endpoint-url');
  });
  it('spells UpdateRecord members as the CLI does', () => {
    const command = buildCliCommand(
      {
        operation: 'UpdateRecord',
        input: { FeatureGroupName: 'g', RecordIdentifierValueAsString: 'id 1', Features: [{ FeatureName: 'a', ValueAsString: '1' }] },
      },
      { region: 'us-east-1' },
    );
    expect(command).toContain('update-record');
    expect(command).toContain("--record-identifier-value-as-string 'id 1'");
    expect(command).toContain('--features');
  });
});

describe('boto3 snippet', () => {
  it('passes the same request to put_record', () => {
    const snippet = buildBoto3Snippet(
      { operation: 'PutRecord', input: { FeatureGroupName: 'g', Record: [{ FeatureName: 'a', ValueAsString: 'x"y' }] } },
      { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' },
    );
    expect(snippet).toContain('boto3.client("sagemaker-featurestore-runtime", region_name="us-east-1", endpoint_url="http://127.0.0.1:4566")');
    expect(snippet).toContain('client.put_record(');
    expect(snippet).toContain('"ValueAsString": "x\\"y"');
  });
});
