/**
 * The console's Content-Security-Policy and security headers, built in one place from
 * where the console may connect, so every place that serves it (CloudFront in deploy/,
 * `npm run serve`, `vite preview`) sends the same policy.
 *
 * The policy is strict: nothing but the console's own origin runs or loads, the only
 * cross-origin connections are Amazon Cognito's (identity pool and user pool) and Amazon
 * Athena's (a record's history; Athena answers CORS, so it is called directly), since the
 * SageMaker services are reached through the same-origin relay, and Trusted Types are
 * required so no string can become HTML or script.
 */

export interface ConnectTargets {
  region: string;
  /** The user pool's managed-login domain (https://<prefix>.auth.<region>.amazoncognito.com), when sign-in is configured. */
  userPoolDomain?: string;
  /** Extra origins the console calls directly, e.g. a local Feature Store's Cognito endpoint. */
  extraOrigins?: readonly string[];
}

/** The regional Cognito endpoints the browser calls directly (they allow CORS; SageMaker does not). */
export function cognitoOrigins(region: string): string[] {
  return [`https://cognito-identity.${region}.amazonaws.com`, `https://cognito-idp.${region}.amazonaws.com`];
}

/** Amazon Athena's regional endpoint: a record's history queries the offline store through it, directly (it allows CORS). */
export function athenaOrigin(region: string): string {
  return `https://athena.${region}.amazonaws.com`;
}

export function contentSecurityPolicy(targets: ConnectTargets): string {
  const connect = [
    "'self'",
    ...cognitoOrigins(targets.region),
    athenaOrigin(targets.region),
    ...(targets.userPoolDomain ? [targets.userPoolDomain] : []),
    ...(targets.extraOrigins ?? []),
  ];
  const formAction = ["'self'", ...(targets.userPoolDomain ? [targets.userPoolDomain] : [])];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    `form-action ${formAction.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    // One named policy, for bulk import's worker: it accepts only the console's own worker script (src/features/bulk-import/sourceReader.ts).
    'trusted-types import-worker',
  ].join('; ');
}

/** Every security header, by name. HSTS only where the console is served over HTTPS. */
export function securityHeaders(targets: ConnectTargets, options: { https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(targets),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload' } : {}),
  };
}
