function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

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
