/**
 * The GitHub Actions workflow `opsledger init --github` writes: validate every pull request's definitions with
 * annotations on the changed lines, and walk the journal's hash chain nightly where a journal is kept in CI.
 */
export function githubWorkflow(version: string): string {
  return `# opsledger: validate definitions on pull requests (annotations on the exact lines).
name: opsledger
on:
  pull_request:
    paths: ['definitions/**', 'opsledger.yaml']
  push:
    branches: [main]
    paths: ['definitions/**', 'opsledger.yaml']
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # history needs every commit (opsledger refuses a shallow clone)
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npx --yes opsledger@${version} validate --format github
`;
}
