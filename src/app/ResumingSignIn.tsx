/**
 * Shown while a reload takes a signed-in tab back through the managed login (src/aws/signIn.ts).
 * Normally the page is gone within a moment. When the trip is stopped (the browser's Stop, a
 * login page that never opens) nothing tells the page, so the way out is offered from the
 * start rather than after a guess at a timeout: try again, or go on as a guest.
 */
export function ResumingSignIn({ onContinueAsGuest }: { onContinueAsGuest: () => void }) {
  return (
    <main className="panel">
      <p className="muted" role="status">
        Signing in… taking you back through the sign-in page.
      </p>
      <p className="muted">If the sign-in page does not open:</p>
      <p className="actions">
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          Try again
        </button>
        <button type="button" className="button" onClick={onContinueAsGuest}>
          Continue without signing in
        </button>
      </p>
    </main>
  );
}
