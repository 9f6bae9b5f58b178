/**
 * The site bucket's objects as the deploy's BucketDeployment leaves them: each source the
 * template names (its staged asset in the cloud assembly), in order, with the deploy-time
 * markers (config.json's identity pool, user pool and client) replaced by local values.
 * Answered as S3 answers CloudFront's origin access control: a missing key is 403
 * AccessDenied unless the bucket policy lets CloudFront list the bucket (then 404 NoSuchKey).
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveIntrinsics, type CfnTemplate, type LocalValues } from './intrinsics';

interface StoredObject {
  data: Buffer;
  contentType: string;
}

/** The types `aws s3 sync` (BucketDeployment) gives the console's files; S3's default otherwise. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/vnd.microsoft.icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

function s3Error(status: number, code: string, message: string) {
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  return { status, headers: { 'content-type': 'application/xml', 'content-length': String(body.length) }, body };
}

export class SiteBucket {
  private readonly objects = new Map<string, StoredObject>();
  constructor(private readonly listable: boolean) {}

  put(key: string, data: Buffer): void {
    this.objects.set(key, { data, contentType: CONTENT_TYPES[path.extname(key).toLowerCase()] ?? 'binary/octet-stream' });
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  text(key: string): string | undefined {
    return this.objects.get(key)?.data.toString('utf8');
  }

  get(method: string, uri: string) {
    if (method !== 'GET' && method !== 'HEAD') return s3Error(403, 'AccessDenied', 'Access Denied');
    let key: string;
    try {
      key = decodeURIComponent(uri.slice(1));
    } catch {
      return s3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
    }
    const object = this.objects.get(key);
    if (!object) return this.listable ? s3Error(404, 'NoSuchKey', 'The specified key does not exist.') : s3Error(403, 'AccessDenied', 'Access Denied');
    return {
      status: 200,
      headers: { 'content-type': object.contentType, 'content-length': String(object.data.length), etag: `"${String(object.data.length)}-${key.length}"` },
      body: object.data,
    };
  }
}

function filesUnder(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Every S3 origin bucket's contents, by logical id, from the template's BucketDeployments
 * and the cloud assembly's staged assets (`<stack>.assets.json`).
 */
export function readSiteBuckets(template: CfnTemplate, assembly: { directory: string; assetsManifest: string }, local: LocalValues): Map<string, SiteBucket> {
  const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, assembly.assetsManifest), 'utf8')) as {
    files: Record<string, { source: { path: string; packaging?: string } }>;
  };
  const buckets = new Map<string, SiteBucket>();
  const policies = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::S3::BucketPolicy');
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'Custom::CDKBucketDeployment') continue;
    const properties = resource.Properties ?? {};
    const bucketId = (properties.DestinationBucketName as { Ref?: string } | undefined)?.Ref;
    if (!bucketId) throw new Error('A BucketDeployment whose destination is not a bucket of this template.');
    const listable = policies.some(
      (policy) => JSON.stringify(policy.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }) && JSON.stringify(policy).includes('s3:ListBucket'),
    );
    const bucket = buckets.get(bucketId) ?? new SiteBucket(listable);
    buckets.set(bucketId, bucket);
    const prefix =
      typeof properties.DestinationKeyPrefix === 'string' && properties.DestinationKeyPrefix ? `${properties.DestinationKeyPrefix.replace(/\/$/, '')}/` : '';
    const keys = (properties.SourceObjectKeys ?? []) as string[];
    const markers = (properties.SourceMarkers ?? []) as Record<string, unknown>[];
    const markerConfig = (properties.SourceMarkersConfig ?? []) as { jsonEscape?: boolean }[];
    keys.forEach((objectKey, index) => {
      const hash = objectKey.replace(/\.zip$/, '');
      const asset = manifest.files[hash];
      if (!asset) throw new Error(`The cloud assembly has no staged asset ${hash}.`);
      const directory = path.join(assembly.directory, asset.source.path);
      if (!fs.statSync(directory).isDirectory()) throw new Error(`Asset ${hash} is not a staged directory.`);
      const replacements = Object.entries(markers[index] ?? {}).map(([marker, value]): [string, string] => {
        const resolved = resolveIntrinsics(value, template, local);
        const text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
        return [marker, markerConfig[index]?.jsonEscape ? JSON.stringify(text).slice(1, -1) : text];
      });
      for (const file of filesUnder(directory)) {
        const key = prefix + path.relative(directory, file).split(path.sep).join('/');
        let data = fs.readFileSync(file);
        if (replacements.length > 0) {
          let text = data.toString('utf8');
          for (const [marker, value] of replacements) text = text.split(marker).join(value);
          data = Buffer.from(text);
        }
        bucket.put(key, data);
      }
    });
  }
  return buckets;
}
