import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/state/lock-wait-reporter.ts
var reportWait = () => void 0;
function setLockWaitReporter(report) {
  reportWait = report;
}
function reportLockWait(message) {
  reportWait(message);
}

export {
  setLockWaitReporter,
  reportLockWait
};
