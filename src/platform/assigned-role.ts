/**
 * Which role the intranet server gives this user, read from `whoami.json` — and what else a
 * server may answer there. A plain static host has no such file (404). Many intranet servers
 * answer an unknown path with the app's own `index.html` (an SPA fallback, nginx
 * `try_files $uri /index.html`): that also means "no roles here". A login page instead (an SSO
 * session that expired, a 401) means the user must sign in again: showing the sample then
 * would hide the problem.
 */
export type AssignedRole =
  /** The server assigned this role ("" = signed in, but no role). */
  | { kind: 'role'; role: string }
  /** The host assigns no roles: a plain static host, or one answering with the app's page. */
  | { kind: 'none'; why: 'not-found' | 'app-page' }
  /** A login page or an authentication challenge came back: the login has expired. */
  | { kind: 'login-expired'; why: string };

/** The app's page carries this marker (index.html), so an SPA fallback is recognised as such. */
export const APP_PAGE_MARKER = /<meta\s+name=["']raireki-app["']/i;

export interface WhoamiResponse {
  status: number;
  /** The response's final URL differs from the one asked for in its path (a redirect elsewhere). */
  redirectedElsewhere: boolean;
  contentType: string;
  body: string;
}

/** What a whoami response means; throws with a message for answers that are plainly wrong. */
export function readWhoami(url: string, r: WhoamiResponse): AssignedRole {
  if (r.status === 404) return { kind: 'none', why: 'not-found' };
  if (r.status === 401) return { kind: 'login-expired', why: `${url}: HTTP 401 (sign-in required)` };
  if (r.status < 200 || r.status >= 300) throw new Error(`${url}: HTTP ${r.status}`);
  const text = r.body.trimStart();
  if (APP_PAGE_MARKER.test(text.slice(0, 8192))) return { kind: 'none', why: 'app-page' };
  if (text.startsWith('<') || /html/i.test(r.contentType) || r.redirectedElsewhere) {
    return { kind: 'login-expired', why: `${url} answered with ${r.redirectedElsewhere ? 'a redirect to another page' : 'a web page'}, not the role (a sign-in page?)` };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} is not JSON`);
  }
  const role = (body as { role?: unknown } | null)?.role;
  if (typeof role !== 'string') throw new Error(`${url} does not name a role`);
  return { kind: 'role', role };
}

/** Asks the server (same-origin fetch, never cached). */
export async function askAssignedRole(whoamiUrl: string | URL, init?: RequestInit): Promise<AssignedRole> {
  const asked = new URL(whoamiUrl, typeof location === 'undefined' ? undefined : location.href);
  const res = await fetch(asked, { cache: 'no-store', credentials: 'same-origin', ...init });
  const final = res.url ? new URL(res.url) : asked;
  return readWhoami(String(whoamiUrl), {
    status: res.status,
    redirectedElsewhere: res.redirected && final.pathname !== asked.pathname,
    contentType: res.headers.get('content-type') ?? '',
    body: res.status === 404 ? '' : await res.text(),
  });
}
