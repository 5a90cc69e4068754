import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

const action = (id: string, body: string): string =>
  `id: ${id}\nname: ${id}\nowner: alice@example.com\n${body}`;

/**
 * A repo on `main` with small real actions for recorder tests: parameters, a secret, a timeout with a grandchild,
 * a draft, a script file, concurrency.
 */
export const FIXTURE_FILES: Record<string, string> = {
  '.gitignore': '.opsledger/\n',
  'definitions/actions/echo-params.yaml': action(
    'echo-params',
    `status: released
script:
  shell: bash
  inline: |
    printf '%s' "$OPSLEDGER_PARAM_VALUE" > "$OPSLEDGER_PARAM_OUT_FILE"
    echo "target=$OPSLEDGER_TARGET id=$OPSLEDGER_EXECUTION_ID count=$OPSLEDGER_PARAM_COUNT loud=$OPSLEDGER_PARAM_LOUD"
parameters:
  - { name: value, type: string, required: true }
  - { name: out_file, type: string, required: true, pattern: '^/' }
  - { name: count, type: integer, default: 3 }
  - { name: loud, type: boolean, default: false }
  - { name: mode, type: string, enum: [fast, safe], default: safe }
targets: [web-01, web-02, db-01]
timeout: 30
`,
  ),
  'definitions/actions/sleepy.yaml': action(
    'sleepy',
    `status: released
script:
  shell: bash
  inline: |
    sleep 300 &
    echo $! > "$OPSLEDGER_PARAM_PID_FILE"
    echo started
    sleep 300
parameters:
  - { name: pid_file, type: string, required: true }
timeout: 1
`,
  ),
  'definitions/actions/secret-user.yaml': action(
    'secret-user',
    `status: released
script:
  shell: bash
  inline: |
    echo "the token is $OPSLEDGER_PARAM_TOKEN, really"
    echo "$OPSLEDGER_PARAM_TOKEN" >&2
    exit 3
parameters:
  - { name: token, type: string, required: true, secret: true }
  - { name: note, type: string, default: none }
`,
  ),
  'definitions/actions/draft-thing.yaml': action(
    'draft-thing',
    `status: draft
script:
  shell: sh
  inline: echo drafted
`,
  ),
  'definitions/actions/from-file.yaml': action(
    'from-file',
    `status: released
script:
  shell: bash
  file: definitions/scripts/from-file.sh
`,
  ),
  'definitions/scripts/from-file.sh': 'echo "committed version"\n',
  'definitions/actions/touch-marker.yaml': action(
    'touch-marker',
    `status: released
script:
  shell: sh
  inline: touch "$OPSLEDGER_PARAM_MARKER"
parameters:
  - { name: marker, type: string, required: true }
`,
  ),
  'definitions/actions/long-wait.yaml': action(
    'long-wait',
    `status: released
script:
  shell: bash
  inline: |
    sleep 120 &
    echo $! > "$OPSLEDGER_PARAM_PID_FILE"
    echo waiting
    wait
parameters:
  - { name: pid_file, type: string, required: true }
timeout: 100
`,
  ),
  'definitions/actions/node-hello.yaml': action(
    'node-hello',
    `status: released
script:
  shell: node
  inline: |
    console.log('hello from node ' + process.env.OPSLEDGER_TARGET);
targets: [a-1, a-2, a-3, a-4, a-5]
concurrency: 2
`,
  ),
};

export function createFixtureRepo(): Promise<TestRepo> {
  return createTestRepo([{ message: 'Add the fixture actions', files: FIXTURE_FILES }]);
}
