/**
 * The managed login's page: a plain HTML form with labelled inputs and no script. Every
 * value is escaped; the page's CSP allows only its one stylesheet (by hash).
 */

export const LOGIN_PAGE_STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; background: #f4f5f7; color: #1b1f24; margin: 0; }
main { max-width: 22rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; border: 1px solid #d0d5dd; }
h1 { font-size: 1.3rem; margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input { display: block; width: 100%; box-sizing: border-box; font: inherit; padding: 0.5rem; margin-top: 0.25rem; border: 1px solid #667085; border-radius: 4px; }
input:focus, button:focus { outline: 3px solid #2e6fdb; outline-offset: 2px; }
button { margin-top: 1.5rem; width: 100%; font: inherit; font-weight: 600; padding: 0.6rem; border: 0; border-radius: 4px; background: #1d4fa8; color: #fff; cursor: pointer; }
.error { color: #a4161a; background: #fdecea; border: 1px solid #f5b5b0; padding: 0.5rem 0.75rem; border-radius: 4px; }
.note { color: #4a5361; font-size: 0.9rem; margin-top: 1.5rem; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${LOGIN_PAGE_STYLE}</style></head>
<body><main>${body}</main></body>
</html>
`;
}

export function loginPage({ params, username, error }: { params: Record<string, string | undefined>; username: string; error?: string }): string {
  const hidden = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return page(
    'Sign in',
    `<h1>Sign in to the Feature Store console</h1>
${error ? `<p class="error" role="alert" id="login-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/oauth2/authorize">
${hidden}
<label for="username">Email or username</label>
<input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(username)}"${error ? ' aria-describedby="login-error"' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${error ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<p class="note">The local Feature Store's user pool, for development only: the demo users are in its README.</p>`,
  );
}

export function errorPage(message: string): string {
  return page('Sign-in error', `<h1>Sign-in error</h1><p class="error" role="alert">${escapeHtml(message)}</p>`);
}
