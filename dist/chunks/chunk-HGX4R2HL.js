function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/cli/closed-pipes.ts
var keepRunning = false;
function keepRunningOnClosedPipes() {
  keepRunning = true;
}
function mayExitOnClosedPipe() {
  return !keepRunning;
}

export {
  keepRunningOnClosedPipes,
  mayExitOnClosedPipe
};
