# opsledger-hook: lib
# Sourced by the opsledger git hooks beside it (POSIX sh). opsledger_run finds the opsledger command, in order:
#   1. the copy recorded by `opsledger hooks install`: git config opsledger.bin (run with opsledger.node),
#   2. `opsledger` on PATH,
#   3. `npx --no -- opsledger`: a dependency of the project (never downloads anything).

opsledger_run() {
  _opsledger_bin=$(git config --get opsledger.bin 2>/dev/null || true)
  if [ -n "$_opsledger_bin" ] && [ -f "$_opsledger_bin" ]; then
    _opsledger_node=$(git config --get opsledger.node 2>/dev/null || true)
    if [ -z "$_opsledger_node" ] || [ ! -x "$_opsledger_node" ]; then
      _opsledger_node=node
    fi
    "$_opsledger_node" "$_opsledger_bin" "$@"
    return $?
  fi
  if command -v opsledger >/dev/null 2>&1; then
    opsledger "$@"
    return $?
  fi
  if command -v npx >/dev/null 2>&1; then
    npx --no -- opsledger "$@"
    return $?
  fi
  echo "opsledger hook: cannot find the opsledger command." >&2
  echo "hint: run \`opsledger hooks install\` from an opsledger checkout, or put opsledger on PATH." >&2
  return 127
}
