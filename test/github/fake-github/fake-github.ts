import { createPublicKey, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGithubState } from './fake-github-state.js';
import { ROUTES, type FakeReply } from './fake-github-routes.js';
import { findOperation } from './github-openapi.js';

/**
 * A local fake of api.github.com on 127.0.0.1 for the operations opsledger calls. Every request is checked against
 * GitHub's OpenAPI description (path, query, body) and so is every answer; a request the real API would refuse is
 * answered as GitHub would (404/422) AND recorded in `violations`, which each test asserts empty. Auth is a token
 * (`token`) or a GitHub App (JWT signed with the App's key, then installation tokens the fake issues). On demand it
 * answers a primary rate limit (403, `x-ratelimit-remaining: 0`) or a secondary one (429, `retry-after`) once.
 */
export interface FakeGithubOptions {
  owner: string;
  repo: string;
  /** A personal/installation token the fake accepts. */
  token?: string;
  /** GitHub App mode: its id and the public half of its key (PEM). */
  app?: { id: number; publicKey: string };
  /** A bare repo on disk standing for the GitHub repo (pulls/create resolves its branches there). */
  remoteDir?: string;
}

export interface FakeGithub {
  url: string;
  state: FakeGithubState;
  /** Requests that GitHub's description refuses, and answers of the fake it does not allow. */
  violations: string[];
  /** Every request, `METHOD operationId` in order. */
  calls: string[];
  /** Answer the next request (of `operationId`, or any) with a rate-limit error, once. */
  failNext(kind: 'primary' | 'secondary', operationId?: string): void;
  close(): Promise<void>;
}

function verifyJwt(token: string, key: KeyObject, appId: number, now: number): boolean {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return false;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${h}.${p}`);
  if (!verifier.verify(key, Buffer.from(s, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
    iss?: unknown;
    exp?: number;
    iat?: number;
  };
  return (
    String(claims.iss) === String(appId) && (claims.exp ?? 0) * 1000 > now && claims.exp! - claims.iat! <= 600
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const state = new FakeGithubState(options.owner, options.repo);
  const violations: string[] = [];
  const calls: string[] = [];
  const pending: { kind: 'primary' | 'secondary'; operationId?: string }[] = [];
  const tokens = new Set<string>(options.token ? [options.token] : []);
  const appKey = options.app ? createPublicKey(options.app.publicKey) : null;
  const resolveRef = (ref: string): string | null => {
    if (!options.remoteDir) return '0'.repeat(40);
    try {
      return execFileSync('git', ['rev-parse', `refs/heads/${ref}`], {
        cwd: options.remoteDir,
        encoding: 'utf8',
      }).trim();
    } catch {
      return null;
    }
  };

  const send = (res: ServerResponse, reply: FakeReply, headers: Record<string, string> = {}): void => {
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3',
      ...headers,
    });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    const found = findOperation(method, url.pathname);
    if (!found) {
      violations.push(`${method} ${url.pathname}: no such operation in GitHub's description`);
      return send(res, {
        status: 404,
        body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
      });
    }
    const { op, params } = found;
    calls.push(`${method} ${op.operationId}`);
    const reject = (status: number, message: string): void => {
      violations.push(`${method} ${url.pathname} (${op.operationId}): ${message}`);
      send(res, { status, body: { message, documentation_url: 'https://docs.github.com/rest' } });
    };
    // Auth: the App's JWT for /app routes and the repo's installation; a token for everything else.
    const auth = req.headers.authorization ?? '';
    const bearer = /^(?:token|bearer)\s+(.+)$/i.exec(auth)?.[1] ?? '';
    const appRoute = op.operationId.startsWith('apps/');
    const authorized = appRoute
      ? appKey !== null && verifyJwt(bearer, appKey, options.app!.id, Date.now())
      : tokens.has(bearer);
    if (!authorized) return reject(401, `bad credentials for ${op.operationId}`);
    const query = Object.fromEntries(url.searchParams);
    const paramError = op.checkParams(params, query);
    if (paramError) return reject(422, paramError);
    let body: unknown;
    if (text !== '') {
      if (!/application\/json/.test(String(req.headers['content-type'])))
        return reject(415, 'body without a JSON content type');
      try {
        body = JSON.parse(text);
      } catch {
        return reject(400, 'Problems parsing JSON');
      }
    }
    const bodyError = op.checkBody(body);
    if (bodyError) return reject(422, `body: ${bodyError}`);
    const injected = pending.findIndex(
      (p) => p.operationId === undefined || p.operationId === op.operationId,
    );
    if (injected >= 0) {
      const [{ kind }] = pending.splice(injected, 1) as [{ kind: 'primary' | 'secondary' }];
      const reset = String(Math.floor(Date.now() / 1000) + 1);
      return kind === 'primary'
        ? send(
            res,
            {
              status: 403,
              body: {
                message: 'API rate limit exceeded for installation.',
                documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
              },
            },
            { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': reset },
          )
        : send(
            res,
            {
              status: 429,
              body: {
                message:
                  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
                documentation_url:
                  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
              },
            },
            { 'retry-after': '1' },
          );
    }
    const route = ROUTES[op.operationId];
    if (!route) return reject(501, `the fake does not implement ${op.operationId}`);
    const reply = route(state, {
      params,
      query,
      body: (body ?? {}) as Record<string, unknown>,
      now: () => new Date(),
      issueToken: () => {
        const t = `ghs_${randomBytes(18).toString('hex')}`;
        tokens.add(t);
        return t;
      },
      resolveRef,
      linkPull: (number, sha) => {
        if (options.remoteDir)
          execFileSync('git', ['update-ref', `refs/pull/${number}/head`, sha], { cwd: options.remoteDir });
      },
    });
    const responseError = op.checkResponse(reply.status, reply.body);
    if (responseError) violations.push(`answer of ${op.operationId} ${reply.status}: ${responseError}`);
    send(res, reply, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      violations.push(`fake crashed: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) send(res, { status: 500, body: { message: 'fake crashed' } });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    violations,
    calls,
    failNext: (kind, operationId) => pending.push({ kind, ...(operationId ? { operationId } : {}) }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
