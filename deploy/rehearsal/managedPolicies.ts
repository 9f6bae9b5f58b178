/**
 * CloudFront's managed cache and origin request policies, which a template names only by id:
 * what each sends to the origin, as AWS documents them ("Use managed origin request
 * policies", "Use managed cache policies", Amazon CloudFront Developer Guide). Only the
 * ones a console deploy would use; an id not listed here is an error, never a guess.
 */

export interface ForwardedParts {
  /** True: the viewer's Host reaches the origin; false: CloudFront sets Host to the origin's domain name. */
  host: boolean;
  /** 'all' viewer headers (but Host unless `host`), or these (lower case), or none. */
  headers: 'all' | 'none' | readonly string[];
  cookies: boolean;
  queryStrings: boolean;
}

const ORIGIN_REQUEST_POLICIES: Record<string, { name: string; forwarded: ForwardedParts }> = {
  '216adef6-5c7f-47e4-b989-5492eafa07d3': { name: 'Managed-AllViewer', forwarded: { host: true, headers: 'all', cookies: true, queryStrings: true } },
  'b689b0a8-53d0-40ab-baf2-68738e2966ac': {
    name: 'Managed-AllViewerExceptHostHeader',
    forwarded: { host: false, headers: 'all', cookies: true, queryStrings: true },
  },
  '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf': {
    name: 'Managed-CORS-S3Origin',
    forwarded: { host: false, headers: ['origin', 'access-control-request-headers', 'access-control-request-method'], cookies: false, queryStrings: false },
  },
  '59781a5b-3903-41f3-afcb-af62929ccde1': {
    name: 'Managed-CORS-CustomOrigin',
    forwarded: { host: false, headers: ['origin'], cookies: false, queryStrings: false },
  },
};

/** The cache key's parts also reach the origin; these two policies put no header, cookie or query string in it. */
const CACHE_POLICIES: Record<string, { name: string; forwarded: ForwardedParts }> = {
  '4135ea2d-6df8-44a3-9df3-4b5a84be39ad': { name: 'Managed-CachingDisabled', forwarded: { host: false, headers: 'none', cookies: false, queryStrings: false } },
  '658327ea-f89d-4fab-a63d-7e88639e58f6': {
    name: 'Managed-CachingOptimized',
    forwarded: { host: false, headers: 'none', cookies: false, queryStrings: false },
  },
};

export function managedOriginRequestPolicy(id: string): ForwardedParts {
  const policy = ORIGIN_REQUEST_POLICIES[id];
  if (!policy) throw new Error(`The rehearsal does not know managed origin request policy ${id}: add its documented definition to managedPolicies.ts.`);
  return policy.forwarded;
}

export function managedCachePolicy(id: string): ForwardedParts {
  const policy = CACHE_POLICIES[id];
  if (!policy) throw new Error(`The rehearsal does not know managed cache policy ${id}: add its documented definition to managedPolicies.ts.`);
  return policy.forwarded;
}
