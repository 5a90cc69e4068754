import type { FakeCheckRun, FakeGithubState } from './fake-github-state.js';
import { exampleOf } from './github-openapi.js';

/** What a route of the fake answers. */
export interface FakeReply {
  status: number;
  body?: unknown;
}

export interface FakeRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  now: () => Date;
  issueToken: () => string;
  /** A branch's sha in the bare remote standing for the repo, or null. */
  resolveRef: (branch: string) => string | null;
  /** Keep `refs/pull/N/head` in the remote, as GitHub does for every pull request. */
  linkPull: (number: number, sha: string) => void;
}

type Handler = (state: FakeGithubState, req: FakeRequest) => FakeReply;

const notFound = (): FakeReply => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
});
const invalid = (message: string): FakeReply => ({
  status: 422,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

/** A page of a list the way GitHub pages it (`per_page` default 30, at most 100; `page` from 1). */
function page<T>(items: T[], query: Record<string, string>): T[] {
  const per = Math.min(Number(query.per_page ?? 30), 100);
  const n = Number(query.page ?? 1);
  return items.slice((n - 1) * per, n * per);
}

function writeCheckRun(
  run: FakeCheckRun | undefined,
  body: Record<string, unknown>,
  now: Date,
): FakeReply | null {
  if (!run) return notFound();
  run.writes.push(body);
  if (typeof body.name === 'string') run.name = body.name;
  if (typeof body.status === 'string') run.status = body.status;
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion as string;
    run.status = 'completed';
  }
  if (run.status === 'completed' && run.conclusion === null)
    return invalid('conclusion is required when status is completed');
  if (typeof body.started_at === 'string') run.started_at = body.started_at;
  if (run.status === 'completed')
    run.completed_at = (body.completed_at as string | undefined) ?? now.toISOString();
  const output = body.output as
    { title: string; summary: string; text?: string; annotations?: unknown[] } | undefined;
  if (output) {
    run.output = { title: output.title, summary: output.summary, text: output.text ?? null };
    run.annotations.push(...((output.annotations ?? []) as Record<string, unknown>[]));
  }
  return null;
}

/** The REST operations opsledger calls, by operationId. */
export const ROUTES: Record<string, Handler> = {
  'apps/get-repo-installation': () => ({ status: 200, body: { ...exampleOf('installation'), id: 4242 } }),
  'apps/create-installation-access-token': (_s, req) => {
    if (req.params.installation_id !== '4242') return notFound();
    const expires = new Date(req.now().getTime() + 3600_000).toISOString();
    return {
      status: 201,
      body: { ...exampleOf('installation-token'), token: req.issueToken(), expires_at: expires },
    };
  },
  'checks/create': (state, req) => {
    const now = req.now();
    const id = state.id();
    const run = {
      id,
      name: '',
      head_sha: req.body.head_sha as string,
      status: 'queued',
      conclusion: null,
      started_at: now.toISOString(),
      completed_at: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      writes: [],
    };
    state.checkRuns.set(id, run);
    const error = writeCheckRun(run, req.body, now);
    if (error) {
      state.checkRuns.delete(id);
      return error;
    }
    return { status: 201, body: state.renderCheckRun(run) };
  },
  'checks/update': (state, req) => {
    const run = state.checkRuns.get(Number(req.params.check_run_id));
    const error = writeCheckRun(run, req.body, req.now());
    return error ?? { status: 200, body: state.renderCheckRun(run!) };
  },
  'checks/list-for-ref': (state, req) => {
    const runs = state
      .checkRunsFor(req.params.ref!)
      .filter((r) => req.query.check_name === undefined || r.name === req.query.check_name);
    return {
      status: 200,
      body: {
        total_count: runs.length,
        check_runs: page(runs, req.query).map((r) => state.renderCheckRun(r)),
      },
    };
  },
  'issues/list-comments': (state, req) => {
    const list = state.commentsOn(Number(req.params.issue_number)).sort((a, b) => a.id - b.id);
    return { status: 200, body: page(list, req.query).map((c) => state.renderComment(c)) };
  },
  'issues/create-comment': (state, req) => {
    const at = req.now().toISOString();
    const c = {
      id: state.id(),
      issue: Number(req.params.issue_number),
      body: req.body.body as string,
      user: state.botLogin,
      created_at: at,
      updated_at: at,
      edits: 0,
    };
    state.comments.set(c.id, c);
    return { status: 201, body: state.renderComment(c) };
  },
  'issues/update-comment': (state, req) => {
    const c = state.comments.get(Number(req.params.comment_id));
    if (!c) return notFound();
    c.body = req.body.body as string;
    c.updated_at = req.now().toISOString();
    c.edits += 1;
    return { status: 200, body: state.renderComment(c) };
  },
  'issues/list-labels-on-issue': (state, req) => ({
    status: 200,
    body: page(state.labels.get(Number(req.params.issue_number)) ?? [], req.query).map((l) =>
      state.renderLabel(l),
    ),
  }),
  'issues/add-labels': (state, req) => {
    const n = Number(req.params.issue_number);
    const added = (req.body.labels as (string | { name: string })[]).map((l) =>
      typeof l === 'string' ? l : l.name,
    );
    const now = [...new Set([...(state.labels.get(n) ?? []), ...added])];
    state.labels.set(n, now);
    return { status: 200, body: now.map((l) => state.renderLabel(l)) };
  },
  'issues/remove-label': (state, req) => {
    const n = Number(req.params.issue_number);
    const had = state.labels.get(n) ?? [];
    if (!had.includes(req.params.name!)) return notFound();
    const now = had.filter((l) => l !== req.params.name);
    state.labels.set(n, now);
    return { status: 200, body: now.map((l) => state.renderLabel(l)) };
  },
  'pulls/get': (state, req) => {
    const p = state.pulls.get(Number(req.params.pull_number));
    return p ? { status: 200, body: state.renderPull(p) } : notFound();
  },
  'pulls/list-reviews': (state, req) => {
    const n = Number(req.params.pull_number);
    const list = state.reviews.get(n) ?? [];
    return { status: 200, body: page(list, req.query).map((r) => state.renderReview(n, r)) };
  },
  'pulls/create': (state, req) => {
    const number = Math.max(0, ...state.pulls.keys()) + 1;
    const head = req.body.head as string;
    const base = req.body.base as string;
    if (req.resolveRef(head) === null) return invalid(`head ${head}: no such branch`);
    if (
      [...state.pulls.values()].some((p) => p.state === 'open' && p.head.ref === head && p.base.ref === base)
    ) {
      return invalid(`A pull request already exists for ${state.owner}:${head}.`);
    }
    const p = state.addPull({
      number,
      title: req.body.title as string,
      body: (req.body.body as string | undefined) ?? null,
      user: state.botLogin,
      head: { ref: head, sha: req.resolveRef(head) ?? '0'.repeat(40) },
      base: { ref: base, sha: req.resolveRef(base) ?? '0'.repeat(40) },
      draft: req.body.draft === true,
    });
    req.linkPull(number, p.head.sha);
    return { status: 201, body: state.renderPull(p) };
  },
};
