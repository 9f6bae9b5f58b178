import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { useRuntimeConfig } from '../aws/AwsContext';
import { callModeOf, featureStoreAddress, guestsAllowed, isLocalEndpoint } from '../aws/config';
import { useSignIn } from '../aws/signInState';
import { AccountStatus, SignInRequired } from './AccountStatus';
import { identityQuery } from '../aws/queries';
import { RelativeTime } from '../shared/RelativeTime';
import { applyTheme, storedTheme, type ThemeChoice } from './theme';

/** The header says where the console points and as whom, on every page. */
export function Shell({ children }: { children: ReactNode }) {
  const config = useRuntimeConfig();
  const [location] = useLocation();
  const signIn = useSignIn();
  // Without guests, nothing is asked of AWS until someone is signed in.
  const mayCall = signIn.status === 'signed-in' || (signIn.status === 'guest' && guestsAllowed(config));
  const identity = useQuery({ ...identityQuery(config, signIn.status === 'guest' ? 'guest' : signIn.user.sub), enabled: mayCall });
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  const local = isLocalEndpoint(config);
  const endpoint = featureStoreAddress(config);
  const relayed = callModeOf(config, 'featureStoreRuntime') === 'relay';

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        {/* Two rows by design: who and where to go on top, where the console points below. */}
        <div className="shell-header__top">
          <Link href="/" className="shell-header__brand">
            Feature Store Record Console
          </Link>
          <nav className="shell-nav" aria-label="Main">
            <Link href="/" aria-current={location === '/' || location.startsWith('/groups') ? 'page' : undefined}>
              Feature groups
            </Link>
            <Link href="/history" aria-current={location === '/history' ? 'page' : undefined}>
              History
            </Link>
          </nav>
          <div className="shell-header__user">
            <AccountStatus />
            <label className="check">
              <span className="visually-hidden">Colour theme</span>
              <select
                value={theme}
                onChange={(event) => {
                  const choice = event.target.value as ThemeChoice;
                  setTheme(choice);
                  applyTheme(choice);
                }}
                style={{ width: 'auto' }}
              >
                <option value="system">Theme: system</option>
                <option value="light">Theme: light</option>
                <option value="dark">Theme: dark</option>
              </select>
            </label>
          </div>
        </div>
        <div className="environment" role="group" aria-label="Environment" data-testid="environment">
          {local ? <span className="badge badge--local">Local</span> : null}
          {config.environmentLabel && !(local && config.environmentLabel === 'Local') ? (
            <span className="badge badge--env">{config.environmentLabel}</span>
          ) : null}
          <span>
            Region <code>{config.region}</code>
          </span>
          <span>
            Endpoint <code data-testid="endpoint">{endpoint}</code>
            {relayed ? (
              <span data-testid="relay" title="Signed for AWS's regional endpoint in this browser, sent through this console's own origin">
                {' '}
                via relay
              </span>
            ) : null}
          </span>
          <span data-testid="identity">
            {identity.data ? (
              <>
                Identity <code>{identity.data.identityId}</code>
                {identity.data.expiration ? (
                  <>
                    {' '}
                    · credentials expire <RelativeTime date={identity.data.expiration} />
                  </>
                ) : null}
              </>
            ) : !mayCall ? (
              'No credentials'
            ) : identity.isError ? (
              <span className="field__error">No credentials: {(identity.error as Error).message}</span>
            ) : (
              'Getting credentials…'
            )}
          </span>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {mayCall || signIn.status === 'expired' ? children : <SignInRequired />}
      </main>
    </>
  );
}
