function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/scaffold/scaffold-templates.ts
var MODELINE = (kind) => `# yaml-language-server: $schema=../schema/${kind}.schema.json`;
function actionSkeleton(id, owner, status = "draft") {
  return `${MODELINE("action")}
# An action: a script with parameters, targets and a credential name. Every change to this file is audited
# field by field (opsledger history ${id}); every run is recorded (opsledger run ${id}).
id: ${id}
name: ${titleOf(id)}
description: What this action does, and when it is safe to run it.
owner: ${owner}
tags: []
status: ${status} # draft | approved | released | deprecated (only released actions run without --allow-unreleased)
script:
  shell: sh # bash | sh | node | python | pwsh
  # Parameters reach the script only as environment variables (OPSLEDGER_PARAM_<NAME>), never on a command line.
  inline: |
    echo "running ${id} on $OPSLEDGER_TARGET with message: $OPSLEDGER_PARAM_MESSAGE"
  # or: file: definitions/scripts/${id}.sh
parameters:
  - name: message
    type: string # string | integer | number | boolean
    default: hello
    description: A value the script prints.
  # - name: api_token
  #   type: string
  #   secret: true   # never stored or printed in clear
targets: [localhost]
# credential: svc-${id}   # the name of a credential the runner resolves, never the secret itself
timeout: 60 # seconds
`;
}
function runbookSkeleton(id, owner, action) {
  return `${MODELINE("runbook")}
# A runbook: ordered steps, each calling an action. Each step is audited as its own object
# (opsledger history ${id} shows the runbook's and its steps' events).
id: ${id}
name: ${titleOf(id)}
description: When to use this runbook.
owner: ${owner}
status: draft
steps:
  - id: first-step
    name: First step
    action: ${action} # an action id under definitions/actions/
    with: {} # parameter values for the action
    # when: on_success   # on_success | on_failure | always
    # automatic: false   # wait for a person to confirm this step
`;
}
function roleSkeleton(id, member) {
  return `${MODELINE("role")}
# A role: who (members, by git author email) may do what (permissions), on which actions (scope).
# Changes and runs are judged by the role files as they were in git at that moment.
id: ${id}
description: What this role is for.
members:
  - ${member}
permissions: # definitions:modify, definitions:approve, actions:execute, executions:read:own,
  # executions:read:all, audit:read, reports:read, admin
  - actions:execute
  - executions:read:own
scope:
  actions: ['*'] # id globs or tag:NAME
`;
}
function adminRole(email) {
  return `${MODELINE("role")}
# Admins may do everything, including creating API keys for the service (opsledger keys create).
# Add people by their git author email.
id: admins
description: Everything, including API keys and server administration.
members:
  - ${email}
permissions:
  - admin
  - definitions:modify
  - definitions:approve
  - actions:execute
  - executions:read:all
  - audit:read
  - reports:read
`;
}
function configTemplate() {
  return `# yaml-language-server: $schema=definitions/schema/config.schema.json
# opsledger configuration. Every key is optional; the values shown are the defaults (opsledger's docs/definitions.md
# lists every key).
branch: main # the tracked branch: what is on its first-parent history is live
reports:
  stale_days: 30 # a released action not run for this many days is a finding
  failing_streak: 3 # this many failed runs of an action in a row is a finding
# retention: # runs are kept forever unless a policy says otherwise (opsledger retention apply)
#   default_days: 365
#   failed_days: 730
#   actions: { noisy-health-check: 90 }
# server:
#   rate_limit_per_minute: 600
#   refresh_seconds: 30
`;
}
function preCommitConfig(repoUrl, version) {
  return `# The pre-commit framework (https://pre-commit.com): \`pre-commit install\` once, then every commit is validated.
repos:
  - repo: ${repoUrl}
    rev: v${version}
    hooks:
      - id: opsledger-validate
`;
}
function titleOf(id) {
  const words = id.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export {
  actionSkeleton,
  runbookSkeleton,
  roleSkeleton,
  adminRole,
  configTemplate,
  preCommitConfig
};
