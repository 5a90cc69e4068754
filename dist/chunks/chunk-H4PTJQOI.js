import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

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
