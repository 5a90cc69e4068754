import { ERROR_CATALOG, type ErrorCode } from '../errors/catalog.js';
import { OpsledgerError } from '../errors/opsledger-error.js';

/** One answer of the service: its status and parsed JSON body. */
export interface ServiceReply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** The HTTP client of the central service (docs/executions.md, Remote recording): its base URL and API key. */
export interface ServiceClient {
  readonly url: string;
  request<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number },
  ): Promise<ServiceReply<T>>;
}

export interface ServiceClientOptions {
  url: string;
  apiKey: string;
  /** Per request (default 30 s): a service that stops answering counts as unreachable. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Whether a failure may pass with time (the service down, restarting, overloaded, or the key being replaced): the
 * end of a run is then spooled and delivered later, never dropped. Other refusals are final.
 */
export function isTransient(err: unknown): boolean {
  return err instanceof OpsledgerError && err.details?.transient === true;
}

/** The base URL without a trailing slash; INPUT_INVALID unless http(s). */
export function normalizeServerUrl(url: string, flag = '--server'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OpsledgerError('INPUT_INVALID', `${flag} ${url}: not a URL`, {
      hint: 'Give the base URL of the service, e.g. https://opsledger.example.com.',
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OpsledgerError('INPUT_INVALID', `${flag} ${url}: only http and https are supported`);
  }
  return parsed.href.replace(/\/+$/, '');
}

/** A client that turns every failure into an OpsledgerError: the service's own code, or SERVER_UNREACHABLE. */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const url = normalizeServerUrl(options.url);
  const doFetch = options.fetch ?? fetch;
  return {
    url,
    async request<T>(
      method: 'GET' | 'POST',
      path: string,
      req: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
    ): Promise<ServiceReply<T>> {
      let res: Response;
      let text: string;
      try {
        res = await doFetch(`${url}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${options.apiKey}`,
            Accept: 'application/json',
            ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...req.headers,
          },
          ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
          signal: AbortSignal.timeout(req.timeoutMs ?? options.timeoutMs ?? 30_000),
        });
        text = await res.text();
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new OpsledgerError(
          'SERVER_UNREACHABLE',
          `the service at ${url} cannot be reached: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
          { cause: err, details: { transient: true } },
        );
      }
      let body: unknown = null;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        body = null;
      }
      if (res.ok) return { status: res.status, body: body as T, headers: res.headers };
      throw serviceError(url, res.status, body);
    },
  };
}

/** The service's `{ error: { code, message, hint } }` as an OpsledgerError of the same code (exit code included). */
function serviceError(url: string, status: number, body: unknown): OpsledgerError {
  const e = (body as { error?: { code?: string; message?: string; hint?: string } } | null)?.error;
  const transient = status >= 500 || status === 429 || status === 401 || status === 408;
  const details = { transient, status };
  if (e?.code && e.code in ERROR_CATALOG) {
    return new OpsledgerError(
      e.code as ErrorCode,
      `the service at ${url} answered ${status}: ${e.message ?? ''}`,
      {
        ...(e.hint ? { hint: e.hint } : {}),
        details,
      },
    );
  }
  return new OpsledgerError('SERVER_UNREACHABLE', `the service at ${url} answered ${status}`, {
    hint: 'Check that --server (or server.url) is the base URL of an opsledger service.',
    details,
  });
}
