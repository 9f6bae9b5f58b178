/**
 * Copyable equivalents of a request: an AWS CLI command for a POSIX shell and a
 * boto3 snippet. Both name --endpoint-url / endpoint_url when the console is not
 * pointed at AWS itself.
 */
import type { PutRecordInputLike, UpdateRecordInputLike } from './requests';

export type CopyableRequest = { operation: 'PutRecord'; input: PutRecordInputLike } | { operation: 'UpdateRecord'; input: UpdateRecordInputLike };

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

const kebab = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
const snake = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

export function buildCliCommand(request: CopyableRequest, target: CommandTarget): string {
  const lines = [`aws sagemaker-featurestore-runtime ${kebab(request.operation)}`, `--region ${shellQuote(target.region)}`];
  if (target.endpoint) lines.push(`--endpoint-url ${shellQuote(target.endpoint)}`);
  for (const [key, value] of Object.entries(request.input)) {
    if (value === undefined) continue;
    const flag = `--${kebab(key)}`;
    if (key === 'TargetStores') lines.push(`${flag} ${(value as string[]).map(shellQuote).join(' ')}`);
    else lines.push(`${flag} ${shellQuote(typeof value === 'string' ? value : JSON.stringify(value))}`);
  }
  return lines.join(' \\\n  ');
}

/**
 * A Python literal. The request holds only strings, numbers, lists and objects, whose
 * JSON spelling (escapes included) is also valid Python; no true/false/null occur.
 */
function pythonLiteral(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 4).replace(/\n/g, `\n${indent}`);
}

export function buildBoto3Snippet(request: CopyableRequest, target: CommandTarget): string {
  const clientArgs = [`"sagemaker-featurestore-runtime"`, `region_name=${JSON.stringify(target.region)}`];
  if (target.endpoint) clientArgs.push(`endpoint_url=${JSON.stringify(target.endpoint)}`);
  const args = Object.entries(request.input)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `    ${key}=${pythonLiteral(value, '    ')},`);
  return [
    'import boto3',
    '',
    `client = boto3.client(${clientArgs.join(', ')})`,
    `response = client.${snake(request.operation)}(`,
    ...args,
    ')',
    'print(response["ResponseMetadata"]["RequestId"])',
  ].join('\n');
}
