/**
 * The GitHub Actions workflows `opsledger init --github` writes are the templates of docs/workflows/ (shipped in the
 * package, docs/github.md): checks on pull requests, reports on the tracked branch, a nightly verify. Each names the
 * opsledger version it runs; this pins them to the installed one.
 */
export function pinWorkflowVersion(template: string, version: string): string {
  return template
    .replace(/(opsledger@)\d+\.\d+\.\d+/g, `$1${version}`)
    .replace(/(opsledger\/opsledger@v)\d+\.\d+\.\d+/g, `$1${version}`)
    .replace(/^(\s*version: )\d+\.\d+\.\d+$/gm, `$1${version}`);
}
