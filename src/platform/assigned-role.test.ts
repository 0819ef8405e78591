import { describe, expect, it } from 'vitest';
import { readWhoami } from './assigned-role.ts';

const ok = (body: string, contentType = 'application/json', redirectedElsewhere = false) => ({ status: 200, contentType, body, redirectedElsewhere });
const APP_PAGE = '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><meta name="raireki-app" content="index" /></head><body></body></html>';
const LOGIN_PAGE = '<!doctype html><html><head><title>Hospital sign-in</title></head><body><form action="/sso/login"></form></body></html>';

describe('readWhoami: what the server answered at whoami.json', () => {
  it('a role, or "" for a signed-in user without one', () => {
    expect(readWhoami('whoami.json', ok('{"role":"clinician"}'))).toEqual({ kind: 'role', role: 'clinician' });
    expect(readWhoami('whoami.json', ok('{"role":""}'))).toEqual({ kind: 'role', role: '' });
  });

  it('no roles on a plain host (404) or one that answers unknown paths with the app\'s own page', () => {
    expect(readWhoami('whoami.json', { status: 404, contentType: 'text/plain', body: '', redirectedElsewhere: false })).toEqual({ kind: 'none', why: 'not-found' });
    expect(readWhoami('whoami.json', ok(APP_PAGE, 'text/html'))).toEqual({ kind: 'none', why: 'app-page' });
    // Served with a JSON type by a careless fallback: still the app's page.
    expect(readWhoami('whoami.json', ok(APP_PAGE))).toEqual({ kind: 'none', why: 'app-page' });
  });

  it('a sign-in page, a redirect elsewhere or a 401 means the login expired', () => {
    expect(readWhoami('whoami.json', ok(LOGIN_PAGE, 'text/html')).kind).toBe('login-expired');
    expect(readWhoami('whoami.json', ok('{"role":"clinician"}', 'application/json', true)).kind).toBe('login-expired');
    expect(readWhoami('whoami.json', { status: 401, contentType: 'text/html', body: LOGIN_PAGE, redirectedElsewhere: false }).kind).toBe('login-expired');
  });

  it('says what is wrong with other answers', () => {
    expect(() => readWhoami('whoami.json', { status: 500, contentType: '', body: '', redirectedElsewhere: false })).toThrow('whoami.json: HTTP 500');
    expect(() => readWhoami('whoami.json', ok('{"user":"x"}'))).toThrow('whoami.json does not name a role');
    expect(() => readWhoami('whoami.json', ok('role=clinician', 'text/plain'))).toThrow('whoami.json is not JSON');
  });
});
