/**
 * Copyable equivalents of a request: an AWS CLI command for a POSIX shell and a
 * boto3 snippet. Both name --endpoint-url / endpoint_url when the console is not
 * pointed at AWS itself.
 */
import type { PutRecordInputLike } from './requests';

/** Single-quotes a word for sh/bash/zsh: only ' itself needs care ('\''). */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_\-.,/:=@%+]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface CommandTarget {
  region: string;
  /** A custom endpoint (local Feature Store, VPC endpoint); undefined for AWS itself. */
  endpoint?: string;
}

export function buildPutRecordCliCommand(input: PutRecordInputLike, target: CommandTarget): string {
  const lines = ['aws sagemaker-featurestore-runtime put-record', `--region ${shellQuote(target.region)}`];
  if (target.endpoint) lines.push(`--endpoint-url ${shellQuote(target.endpoint)}`);
  lines.push(`--feature-group-name ${shellQuote(input.FeatureGroupName)}`);
  lines.push(`--record ${shellQuote(JSON.stringify(input.Record))}`);
  if (input.TargetStores) lines.push(`--target-stores ${input.TargetStores.map(shellQuote).join(' ')}`);
  if (input.TtlDuration) lines.push(`--ttl-duration ${shellQuote(JSON.stringify(input.TtlDuration))}`);
  return lines.join(' \\\n  ');
}

/**
 * A Python literal. The request holds only strings, numbers, lists and objects, whose
 * JSON spelling (escapes included) is also valid Python; no true/false/null occur.
 */
function pythonLiteral(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 4).replace(/\n/g, `\n${indent}`);
}

export function buildPutRecordBoto3Snippet(input: PutRecordInputLike, target: CommandTarget): string {
  const clientArgs = [`"sagemaker-featurestore-runtime"`, `region_name=${JSON.stringify(target.region)}`];
  if (target.endpoint) clientArgs.push(`endpoint_url=${JSON.stringify(target.endpoint)}`);
  const args = [`    FeatureGroupName=${JSON.stringify(input.FeatureGroupName)},`, `    Record=${pythonLiteral(input.Record, '    ')},`];
  if (input.TargetStores) args.push(`    TargetStores=${pythonLiteral(input.TargetStores, '    ')},`);
  if (input.TtlDuration) args.push(`    TtlDuration=${pythonLiteral(input.TtlDuration, '    ')},`);
  return ['import boto3', '', `client = boto3.client(${clientArgs.join(', ')})`, 'response = client.put_record(', ...args, ')', 'print(response["ResponseMetadata"]["RequestId"])'].join('\n');
}
