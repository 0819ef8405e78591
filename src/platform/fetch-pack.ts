/**
 * Reading a role's pack over HTTP in the browser (or in Node ≥ 18, whose fetch is the same):
 * which role the server assigned (`whoami.json`) and a `read` function for `openPack`.
 * Same-origin relative URLs, so the app works under any sub-path (e.g. /raireki/).
 */
import { askAssignedRole } from './assigned-role.ts';

/** The role the server assigns ("" when signed in without one), for callers that expect one. */
export async function fetchAssignedRole(whoamiUrl: string | URL, init?: RequestInit): Promise<string> {
  const answer = await askAssignedRole(whoamiUrl, init);
  if (answer.kind === 'role') return answer.role;
  throw new Error(answer.kind === 'none' ? `${String(whoamiUrl)}: HTTP 404` : answer.why);
}

/**
 * A reader of files under the pack folder URL (ending in "/"): bytes, null for 404, and an
 * error naming the file and status for anything else (403 means the server refuses this role).
 */
export function httpPackReader(packUrl: string | URL, init?: RequestInit): (path: string) => Promise<Uint8Array | null> {
  const base = new URL(packUrl, typeof location === 'undefined' ? undefined : location.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return async (path) => {
    const url = new URL(path, base);
    const res = await fetch(url, { cache: 'no-cache', credentials: 'same-origin', ...init });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}${res.status === 403 ? ' (the server refuses this pack to your role)' : ''}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
