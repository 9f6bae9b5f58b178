/**
 * The CloudFront distribution as the synthesized template declares it, read into what the
 * local edge needs: behaviours in CloudFront's order (path patterns first, the default
 * last), their origins, the CloudFront Functions' code, the origin request and
 * response-headers policies, custom error responses and the default root object. Nothing
 * here restates the deploy: it is all read from the template, and anything the edge
 * cannot rehearse is an error that names it.
 */
import { resolveIntrinsics, type CfnTemplate, type LocalValues } from './intrinsics';
import { managedCachePolicy, managedOriginRequestPolicy, type ForwardedParts } from './managedPolicies';

export interface EdgeFunction {
  name: string;
  eventType: 'viewer-request' | 'viewer-response';
  runtime: string;
  code: string;
}

export type EdgeOrigin = { id: string; kind: 's3'; bucketLogicalId: string } | { id: string; kind: 'custom'; domainName: string; protocolPolicy: string };

export interface HeaderRule {
  name: string;
  value: string;
  override: boolean;
}

export interface EdgeBehaviour {
  /** Undefined for the default behaviour. */
  pathPattern?: string;
  origin: EdgeOrigin;
  allowedMethods: string[];
  functions: EdgeFunction[];
  /** What reaches the origin besides the cache key: the origin request policy (Host unless excluded, headers, cookies, query strings). */
  forwarded: ForwardedParts;
  responseHeaders: HeaderRule[];
  removedResponseHeaders: string[];
}

export interface ErrorResponse {
  errorCode: number;
  responseCode?: number;
  responsePagePath?: string;
}

export interface Distribution {
  logicalId: string;
  behaviours: EdgeBehaviour[];
  errorResponses: ErrorResponse[];
  defaultRootObject?: string;
}

type Json = Record<string, unknown>;

/** CloudFront's default methods when a behaviour names none. */
const DEFAULT_METHODS = ['GET', 'HEAD'];

function logicalIdOf(value: unknown, what: string): string {
  const getAtt = (value as Json | undefined)?.['Fn::GetAtt'];
  const ref = (value as Json | undefined)?.Ref;
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  if (typeof ref === 'string') return ref;
  throw new Error(`${what}: expected a reference to a resource in the template, got ${JSON.stringify(value)}.`);
}

/** The response-headers policy's headers, as CloudFront adds them (RFC names, CloudFront's value formats). */
function responseHeaderRules(config: Json): { rules: HeaderRule[]; removed: string[] } {
  const rules: HeaderRule[] = [];
  const security = (config.SecurityHeadersConfig ?? {}) as Record<string, Json | undefined>;
  const add = (name: string, value: string, entry: Json) => rules.push({ name, value, override: entry.Override === true });
  if (security.ContentSecurityPolicy)
    add('Content-Security-Policy', String(security.ContentSecurityPolicy.ContentSecurityPolicy), security.ContentSecurityPolicy);
  if (security.StrictTransportSecurity) {
    const hsts = security.StrictTransportSecurity;
    const value = [
      `max-age=${String(hsts.AccessControlMaxAgeSec)}`,
      ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.Preload ? ['preload'] : []),
    ];
    add('Strict-Transport-Security', value.join('; '), hsts);
  }
  if (security.ContentTypeOptions) add('X-Content-Type-Options', 'nosniff', security.ContentTypeOptions);
  if (security.ReferrerPolicy) add('Referrer-Policy', String(security.ReferrerPolicy.ReferrerPolicy), security.ReferrerPolicy);
  if (security.FrameOptions) add('X-Frame-Options', String(security.FrameOptions.FrameOption), security.FrameOptions);
  if (security.XSSProtection) {
    const xss = security.XSSProtection;
    const value = xss.Protection
      ? ['1', ...(xss.ModeBlock ? ['mode=block'] : []), ...(xss.ReportUri ? [`report=${String(xss.ReportUri)}`] : [])].join('; ')
      : '0';
    add('X-XSS-Protection', value, xss);
  }
  for (const item of ((config.CustomHeadersConfig as Json | undefined)?.Items ?? []) as Json[])
    rules.push({ name: String(item.Header), value: String(item.Value), override: item.Override === true });
  for (const part of ['CorsConfig', 'ServerTimingHeadersConfig'])
    if (config[part]) throw new Error(`The rehearsal does not apply a response-headers policy's ${part} yet.`);
  const removed = (((config.RemoveHeadersConfig as Json | undefined)?.Items ?? []) as Json[]).map((item) => String(item.Header).toLowerCase());
  return { rules, removed };
}

/** Reads the template's one CloudFront distribution. `local` resolves what only a deployment knows (Region, origin names). */
export function readDistribution(template: CfnTemplate, local: LocalValues): Distribution {
  const distributions = Object.entries(template.Resources).filter(([, resource]) => resource.Type === 'AWS::CloudFront::Distribution');
  if (distributions.length !== 1) throw new Error(`Expected one CloudFront distribution in the template, found ${distributions.length}.`);
  const [logicalId, resource] = distributions[0]!;
  const config = resolveOnly(resource.Properties?.DistributionConfig as Json, template, local);

  const origins = new Map<string, EdgeOrigin>();
  for (const origin of (config.Origins ?? []) as Json[]) {
    const id = String(origin.Id);
    if (origin.S3OriginConfig) origins.set(id, { id, kind: 's3', bucketLogicalId: logicalIdOf(origin.DomainName, `origin ${id}`) });
    else if (origin.CustomOriginConfig) {
      const domainName = resolveIntrinsics(origin.DomainName, template, local);
      if (typeof domainName !== 'string') throw new Error(`origin ${id}: its domain name does not resolve to text.`);
      origins.set(id, { id, kind: 'custom', domainName, protocolPolicy: String((origin.CustomOriginConfig as Json).OriginProtocolPolicy) });
    } else throw new Error(`origin ${id}: neither an S3 nor a custom origin.`);
  }

  const behaviour = (entry: Json): EdgeBehaviour => {
    const origin = origins.get(String(entry.TargetOriginId));
    if (!origin) throw new Error(`A behaviour targets unknown origin ${String(entry.TargetOriginId)}.`);
    if (entry.LambdaFunctionAssociations) throw new Error('The rehearsal does not run Lambda@Edge functions.');
    if (entry.ForwardedValues) throw new Error('The rehearsal reads cache and origin request policies, not legacy ForwardedValues.');
    const functions = ((entry.FunctionAssociations ?? []) as Json[]).map((association): EdgeFunction => {
      const functionId = logicalIdOf(association.FunctionARN, 'a function association');
      const properties = template.Resources[functionId]?.Properties ?? {};
      return {
        name: functionId,
        eventType: association.EventType as EdgeFunction['eventType'],
        runtime: String((properties.FunctionConfig as Json | undefined)?.Runtime),
        code: String(properties.FunctionCode),
      };
    });
    const policy = (id: unknown, resourceType: string, configKey: string) => {
      if (id === undefined) return undefined;
      if (typeof id === 'string') return { managed: id };
      const policyId = logicalIdOf(id, resourceType);
      const found = template.Resources[policyId];
      if (found?.Type !== resourceType) throw new Error(`${policyId} is not an ${resourceType}.`);
      return { config: resolveOnly(found.Properties?.[configKey] as Json, template, local) };
    };
    const cache = policy(entry.CachePolicyId, 'AWS::CloudFront::CachePolicy', 'CachePolicyConfig');
    const originRequest = policy(entry.OriginRequestPolicyId, 'AWS::CloudFront::OriginRequestPolicy', 'OriginRequestPolicyConfig');
    const headersPolicy = policy(entry.ResponseHeadersPolicyId, 'AWS::CloudFront::ResponseHeadersPolicy', 'ResponseHeadersPolicyConfig');
    if (headersPolicy && 'managed' in headersPolicy) throw new Error(`The rehearsal does not know managed response-headers policy ${headersPolicy.managed}.`);
    if (cache && 'config' in cache) throw new Error('The rehearsal reads managed cache policies only.');
    if (originRequest && 'config' in originRequest) throw new Error('The rehearsal reads managed origin request policies only.');
    const cacheKey = cache ? managedCachePolicy(cache.managed) : undefined;
    const { rules, removed } = headersPolicy ? responseHeaderRules(headersPolicy.config) : { rules: [], removed: [] };
    return {
      ...(typeof entry.PathPattern === 'string' ? { pathPattern: entry.PathPattern } : {}),
      origin,
      allowedMethods: ((entry.AllowedMethods as string[] | undefined) ?? DEFAULT_METHODS).map(String),
      functions,
      // Without an origin request policy, the origin gets what the cache key holds.
      forwarded: originRequest
        ? managedOriginRequestPolicy(originRequest.managed)
        : (cacheKey ?? { host: false, headers: 'none', cookies: false, queryStrings: false }),
      responseHeaders: rules,
      removedResponseHeaders: removed,
    };
  };

  return {
    logicalId,
    behaviours: [...((config.CacheBehaviors ?? []) as Json[]).map(behaviour), behaviour(config.DefaultCacheBehavior as Json)],
    errorResponses: ((config.CustomErrorResponses ?? []) as Json[]).map((entry) => ({
      errorCode: Number(entry.ErrorCode),
      ...(entry.ResponseCode !== undefined ? { responseCode: Number(entry.ResponseCode) } : {}),
      ...(entry.ResponsePagePath !== undefined ? { responsePagePath: String(entry.ResponsePagePath) } : {}),
    })),
    ...(typeof config.DefaultRootObject === 'string' && config.DefaultRootObject ? { defaultRootObject: config.DefaultRootObject } : {}),
  };
}

/** Resolves pseudo parameters only, leaving references to resources (origins, functions, policies) for the reader. */
function resolveOnly(value: Json, template: CfnTemplate, local: LocalValues): Json {
  const walk = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(walk);
    if (typeof inner !== 'object' || inner === null) return inner;
    const record = inner as Json;
    if ('Fn::Join' in record || 'Fn::Sub' in record || ('Ref' in record && String(record.Ref).startsWith('AWS::')))
      return resolveIntrinsics(record, template, local);
    return Object.fromEntries(Object.entries(record).map(([key, nested]) => [key, walk(nested)]));
  };
  return walk(value) as Json;
}

/** CloudFront's path pattern match: `*` any run of characters, `?` one, case-sensitive, the whole path. */
export function matchesPathPattern(pattern: string, path: string): boolean {
  // Linear: a greedy wildcard matcher with one backtrack point (no regular expression built from the pattern).
  const normalized = pattern.startsWith('/') ? pattern : `/${pattern}`;
  let p = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  while (s < path.length) {
    if (p < normalized.length && (normalized[p] === '?' || normalized[p] === path[s])) {
      p++;
      s++;
    } else if (p < normalized.length && normalized[p] === '*') {
      star = p++;
      mark = s;
    } else if (star !== -1) {
      p = star + 1;
      s = ++mark;
    } else return false;
  }
  while (p < normalized.length && normalized[p] === '*') p++;
  return p === normalized.length;
}

export function behaviourFor(distribution: Distribution, path: string): EdgeBehaviour {
  return distribution.behaviours.find((candidate) => candidate.pathPattern === undefined || matchesPathPattern(candidate.pathPattern, path))!;
}
