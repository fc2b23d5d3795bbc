import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** The cookies a response sets, as one `Cookie` header value (name=value pairs). */
export function cookiesOf(res: LightMyRequestResponse, jar: Record<string, string> = {}): Record<string, string> {
  const raw = res.headers['set-cookie'];
  for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
    const [pair] = line.split(';');
    const i = pair.indexOf('=');
    jar[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return jar;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** The CSRF token of the first form of a page. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A browser-like client over `inject`: keeps cookies, reads each form's CSRF token. */
export class AdminClient {
  readonly jar: Record<string, string> = {};
  constructor(private readonly app: FastifyInstance) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(this.jar) } });
    cookiesOf(res, this.jar);
    return res;
  }

  /** Posts a form as the page at `from` would (its CSRF token included unless `csrf` is given). */
  async post(url: string, fields: Record<string, string>, from = url, csrf?: string): Promise<LightMyRequestResponse> {
    const token = csrf ?? csrfOf((await this.get(from)).body);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(this.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
    cookiesOf(res, this.jar);
    return res;
  }

  login(token: string): Promise<LightMyRequestResponse> {
    return this.post('/connexion', { token });
  }
}
