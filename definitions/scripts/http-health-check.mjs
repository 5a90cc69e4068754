/* global process, console, fetch, AbortSignal, performance */
// HTTP health check: GET a URL, compare the status code with the expected one, report the latency.
// Parameters arrive as OPSLEDGER_PARAM_<NAME>, the target as OPSLEDGER_TARGET (docs/definitions.md).
const url = process.env.OPSLEDGER_PARAM_URL ?? 'http://127.0.0.1:8080/api/v1/health';
const expected = Number(process.env.OPSLEDGER_PARAM_EXPECT_STATUS ?? '200');
const timeoutMs = Number(process.env.OPSLEDGER_PARAM_TIMEOUT_MS ?? '5000');
// An optional bearer token: sent, never printed.
const token = process.env.OPSLEDGER_PARAM_AUTH_TOKEN;

const target = process.env.OPSLEDGER_TARGET || 'localhost';
const started = performance.now();
try {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer();
  const ms = Math.round(performance.now() - started);
  const ok = response.status === expected;
  console.log(
    `${ok ? 'healthy' : 'UNHEALTHY'}: ${url} answered ${response.status} in ${ms} ms (expected ${expected}, target ${target})`,
  );
  process.exitCode = ok ? 0 : 1;
} catch (err) {
  const reason =
    err?.name === 'TimeoutError'
      ? `no answer within ${timeoutMs} ms`
      : (err?.cause?.code ?? err?.cause?.message ?? err?.message);
  console.error(`UNHEALTHY: ${url} unreachable: ${reason} (target ${target})`);
  process.exitCode = 1;
}
