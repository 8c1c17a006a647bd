/**
 * A minimal browser for HTTP tests of login flows: a cookie jar (names only; paths ignored), manual redirects, forms,
 * and JSON with the CSRF header, as a real browser and the web app would send them.
 */
import { expect } from 'vitest';

export class HttpBrowser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  url(u: string): string {
    return new URL(u, this.base).href;
  }

  async request(method: string, u: string, opts: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: opts.json !== undefined ? 'application/json' : 'text/html', ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    }
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      headers['x-csrf-token'] = this.cookies.get('motcua_csrf') ?? '';
      body = JSON.stringify(opts.json);
    }
    const res = await fetch(this.url(u), { method, headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.split('=').map((x) => x.trim());
        return (k.toLowerCase() === 'expires' && new Date(v).getTime() < Date.now()) || (k.toLowerCase() === 'max-age' && Number(v) <= 0);
      });
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(u: string, headers?: Record<string, string>) {
    return this.request('GET', u, { headers });
  }

  post(u: string, form: Record<string, string>) {
    return this.request('POST', u, { form });
  }

  postJson(u: string, json: unknown) {
    return this.request('POST', u, { json });
  }

  /** Where a redirect answer points (absolute); fails the test when `res` is not a redirect. */
  location(res: Response): string {
    expect([302, 303], `expected a redirect, got ${res.status}`).toContain(res.status);
    return new URL(res.headers.get('location') ?? '', res.url || this.base).href;
  }

  /** From MotCua's /auth/login to the page the login returns to, typing the resident's own password at the e-ID stand-in. */
  async eidLogin(loginUrl: string, idNumber: string, password = '123456'): Promise<string> {
    const authUrl = this.location(await this.get(loginUrl));
    const interactionUrl = this.location(await this.get(authUrl));
    await (await this.get(interactionUrl)).text();
    const resumeUrl = this.location(await this.post(`${new URL(interactionUrl).pathname}/login`, { idNumber, password }));
    const callbackUrl = this.location(await this.get(resumeUrl));
    expect(new URL(callbackUrl).pathname).toBe('/auth/callback');
    return this.location(await this.get(callbackUrl));
  }
}
