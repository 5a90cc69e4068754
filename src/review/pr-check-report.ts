import type { DefinitionKind, Finding } from '../definitions/types.js';
import type { AuditAction, AuditableType, AuditUser } from '../history/types.js';

/** How much a change can hurt (docs/github.md "Risk"). */
export type RiskLevel = 'high' | 'medium' | 'low';
export const RISK_ORDER: readonly RiskLevel[] = ['low', 'medium', 'high'];

/** One commit or tree a check is about. */
export interface CheckedRevision {
  /** What the caller named (`origin/main`, a sha). */
  ref: string;
  sha: string;
}

/** A change of a runbook step inside a changed runbook (the history engine's `Runbook::Step` event). */
export interface StepChange {
  /** `<runbook>/<step>` */
  auditable_id: string;
  action: AuditAction;
  audited_changes: Record<string, unknown>;
}

/** Where a changed key sits in the head's file (for annotations on its exact line). */
export interface PointerLocation {
  pointer: string;
  line: number;
  col: number;
}

/** One definition the pull request changes. */
export interface ChangedDefinition {
  kind: DefinitionKind;
  auditable_type: AuditableType;
  id: string;
  action: AuditAction;
  /** The file at the head (for a delete: at the merge base). */
  path: string;
  /** The definition's status at the merge base and at the head (null: absent, or a role). */
  status: { before: string | null; after: string | null };
  /** The history engine's semantic diff: create/delete the whole object, update JSON Pointer → [old, new]. */
  audited_changes: Record<string, unknown>;
  /** For a runbook: its steps' own changes. */
  steps: StepChange[];
  /** Each changed pointer's place in the head's file (empty for a delete). */
  locations: PointerLocation[];
  /** Findings in this definition's file, judged by the base's rules. */
  findings: Finding[];
  risk: RiskLevel;
  /** Why this risk, one short phrase each (`script of a released action`). */
  risk_reasons: string[];
  /** How many approvals this definition needs (config `approvals.required.<risk>`). */
  approvals_required: number;
  /**
   * Emails that may approve it: holders of `definitions:approve` (or `admin`) at the base whose scope covers it,
   * except the pull request's commit authors.
   */
  approvers: string[];
}

/** The impact of the change beyond the files it touches. */
export interface PrImpact {
  /** Runbooks (at the head) whose steps call a changed action. */
  runbooks: { id: string; path: string; steps: { id: string; action: string }[] }[];
  /** Actions whose allowed users (`actions:execute`) change through role or tag changes. */
  access: { action: string; gained: string[]; lost: string[] }[];
  /** Scheduled actions and runbooks whose schedule changes (null: none on that side). */
  schedules: { kind: DefinitionKind; id: string; before: unknown; after: unknown }[];
}

/** Who may approve, with the GitHub logins known for them (config `github.github_logins`, noreply members). */
export interface Approver {
  email: string;
  roles: string[];
  logins: string[];
}

/**
 * What `opsledger pr-check` finds (docs/github.md "The pr-check report"; `--json` prints it as is). Pure data: the
 * renderers, the GitHub App and `evaluateApprovals` read it, nothing here touches git.
 */
export interface PrCheckReport {
  version: 1;
  base: CheckedRevision;
  head: CheckedRevision;
  merge_base: string;
  /** true when no finding is an error (exit 0). */
  ok: boolean;
  counts: { definitions: number; errors: number; warnings: number };
  /** Findings in the changed files and in the runbooks they impact, judged by the base's rules. */
  findings: Finding[];
  definitions: ChangedDefinition[];
  impact: PrImpact;
  /** The highest risk of any changed definition (low when none changed). */
  risk: RiskLevel;
  approvals: {
    /** Approvals the pull request needs: the most any changed definition needs. */
    required: number;
    /** Authors of the commits between the merge base and the head (never count as approvers). */
    authors: AuditUser[];
    /** Everyone who may approve at least one changed definition. */
    approvers: Approver[];
  };
}

/** What `runPrCheck` needs; `config` is the repo's loaded opsledger.yaml (approvals, github logins). */
export interface PrCheckOptions {
  repo: string;
  base: string;
  head: string;
  config: {
    approvals: { required: Record<RiskLevel, number> };
    github: { github_logins?: Record<string, string> };
  };
}
