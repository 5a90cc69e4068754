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
