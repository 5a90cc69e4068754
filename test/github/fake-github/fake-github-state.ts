import { exampleOf } from './github-openapi.js';

/**
 * What the fake GitHub holds, so a test reads back what opsledger did: check runs, issue comments, labels, pull
 * requests and their reviews. Objects start from the examples of GitHub's OpenAPI description (so the answers the
 * fake gives validate against the same description) with the fields opsledger reads set for real.
 */
type Json = Record<string, unknown>;

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Json[];
  /** Every create/update body, in order. */
  writes: Json[];
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
  edits: number;
}

export interface FakeReview {
  id: number;
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commit_id: string;
  submitted_at: string;
  body: string;
}

export interface FakePull {
  number: number;
  title: string;
  body: string | null;
  user: string;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  state: 'open' | 'closed';
  merged: boolean;
  merge_commit_sha: string | null;
  draft: boolean;
}

export class FakeGithubState {
  readonly owner: string;
  readonly repo: string;
  readonly botLogin = 'opsledger[bot]';
  checkRuns = new Map<number, FakeCheckRun>();
  comments = new Map<number, FakeComment>();
  labels = new Map<number, string[]>();
  pulls = new Map<number, FakePull>();
  reviews = new Map<number, FakeReview[]>();
  private nextId = 1000;

  constructor(owner: string, repo: string) {
    this.owner = owner;
    this.repo = repo;
  }

  id(): number {
    return ++this.nextId;
  }

  get repoUrl(): string {
    return `https://api.github.com/repos/${this.owner}/${this.repo}`;
  }

  /** A pull request as the tests open it on "GitHub" (the branches live in the bare remote). */
  addPull(
    pull: Omit<FakePull, 'state' | 'merged' | 'merge_commit_sha' | 'draft'> & Partial<FakePull>,
  ): FakePull {
    const full: FakePull = { state: 'open', merged: false, merge_commit_sha: null, draft: false, ...pull };
    this.pulls.set(full.number, full);
    return full;
  }

  addReview(pull: number, review: Omit<FakeReview, 'id'>): FakeReview {
    const full = { id: this.id(), ...review };
    this.reviews.set(pull, [...(this.reviews.get(pull) ?? []), full]);
    return full;
  }

  commentsOn(issue: number): FakeComment[] {
    return [...this.comments.values()].filter((c) => c.issue === issue);
  }

  checkRunsFor(sha: string): FakeCheckRun[] {
    return [...this.checkRuns.values()].filter((c) => c.head_sha === sha);
  }

  renderUser(login: string): Json {
    const user = exampleOf('simple-user');
    return { ...user, login, id: login.length * 7919, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
  }

  renderCheckRun(run: FakeCheckRun): Json {
    const base = exampleOf('check-run');
    return {
      ...base,
      id: run.id,
      name: run.name,
      head_sha: run.head_sha,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.started_at,
      completed_at: run.completed_at,
      url: `${this.repoUrl}/check-runs/${run.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/runs/${run.id}`,
      output: {
        ...(base.output as Json),
        title: run.output.title,
        summary: run.output.summary,
        text: run.output.text,
        annotations_count: run.annotations.length,
        annotations_url: `${this.repoUrl}/check-runs/${run.id}/annotations`,
      },
      pull_requests: [],
    };
  }

  renderComment(c: FakeComment): Json {
    return {
      ...exampleOf('issue-comment'),
      id: c.id,
      body: c.body,
      user: this.renderUser(c.user),
      created_at: c.created_at,
      updated_at: c.updated_at,
      url: `${this.repoUrl}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.repoUrl}/issues/${c.issue}`,
    };
  }

  renderLabel(name: string): Json {
    return {
      ...exampleOf('label'),
      id: [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1_000_000, 7),
      name,
      url: `${this.repoUrl}/labels/${encodeURIComponent(name)}`,
      color: 'ededed',
      default: false,
    };
  }

  renderPull(p: FakePull): Json {
    const base = exampleOf('pull-request');
    const side = (which: Json, s: { ref: string; sha: string }): Json => ({
      ...which,
      ref: s.ref,
      sha: s.sha,
      label: `${this.owner}:${s.ref}`,
    });
    return {
      ...base,
      number: p.number,
      id: p.number * 101,
      title: p.title,
      body: p.body,
      state: p.state,
      draft: p.draft,
      merged: p.merged,
      merge_commit_sha: p.merge_commit_sha,
      user: this.renderUser(p.user),
      url: `${this.repoUrl}/pulls/${p.number}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${p.number}`,
      // The description's own example lists a team without its required `type`: no teams here.
      requested_teams: [],
      head: side(base.head as Json, p.head),
      base: side(base.base as Json, p.base),
    };
  }

  renderReview(pull: number, r: FakeReview): Json {
    return {
      ...exampleOf('pull-request-review'),
      id: r.id,
      user: this.renderUser(r.login),
      state: r.state,
      commit_id: r.commit_id,
      submitted_at: r.submitted_at,
      body: r.body,
      pull_request_url: `${this.repoUrl}/pulls/${pull}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${pull}#pullrequestreview-${r.id}`,
    };
  }
}
