/** A request wian refused or could not answer, said for a person. */
export class DemoHttpError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    body: unknown,
  ) {
    super(`${method} ${path} → ${status}: ${DemoHttpError.reason(body)}`);
    this.name = 'DemoHttpError';
  }

  /** The first detail of wian's error shape (Thai and English), or the raw body. */
  static reason(body: unknown): string {
    if (typeof body !== 'object' || body === null) return String(body);
    const b = body as {
      message?: unknown;
      details?: Array<{ field?: string; message_th?: string; message_en?: string }>;
    };
    const d = b.details?.[0];
    if (d !== undefined) return `${d.field ?? ''}: ${d.message_th ?? ''} / ${d.message_en ?? ''}`;
    return typeof b.message === 'string' ? b.message : JSON.stringify(body);
  }
}

export interface Session {
  accessToken: string;
}

/**
 * A plain HTTP client of wian, as any integration would write one: JSON in and out, a bearer
 * token per official, wian's error shape turned into {@link DemoHttpError}. A 429 from the
 * sign-in rate limit is waited out (Retry-After) rather than failing the replay.
 */
export class WianHttpClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly onWait: (seconds: number) => void = () => undefined,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  get url(): string {
    return this.base;
  }

  async signIn(username: string, password: string): Promise<Session> {
    const body = await this.request<{ accessToken: string }>('POST', '/auth/login', null, {
      username,
      password,
    });
    return { accessToken: body.accessToken };
  }

  get<T>(path: string, session: Session | null): Promise<T> {
    return this.request<T>('GET', path, session);
  }

  post<T>(path: string, session: Session | null, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, session, body);
  }

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    session: Session | null,
    body?: unknown,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      let res: Response;
      try {
        res = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(session === null ? {} : { authorization: `Bearer ${session.accessToken}` }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const unreachable = new Error(
          `wian does not answer at ${this.base} (${cause?.code ?? cause?.message ?? String(error)}). ` +
            'Is it running? Start it with `npm start`, or leave WIAN_URL unset to let the demo start its own.',
          { cause: error },
        );
        unreachable.name = 'WianUnreachableError';
        throw unreachable;
      }
      const text = await res.text();
      const parsed: unknown = text === '' ? null : safeJson(text);
      if (res.status === 429 && attempt <= 5) {
        const seconds = Math.min(Number(res.headers.get('retry-after') ?? '60') || 60, 120);
        this.onWait(seconds);
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        continue;
      }
      if (!res.ok) throw new DemoHttpError(method, path, res.status, parsed);
      return parsed as T;
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
