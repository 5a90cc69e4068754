import { isIP } from 'node:net';
import type { TrustProxy } from '../config/load-config.js';
import { OpsledgerError } from '../errors/opsledger-error.js';

/** The names Express (proxy-addr) knows for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Express's `trust proxy` setting from `server.trust_proxy` or `serve --trust-proxy` (docs/api.md): `true`/`false`,
 * a hop count, or a comma-separated list of proxy addresses, subnets (`10.0.0.0/8`) and range names (`loopback`).
 * A bad value is an error at start, never a setting Express would reject or misread at the first request.
 */
export function parseTrustProxy(value: TrustProxy, source: string): boolean | number | string[] {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
    throw badTrustProxy(String(value), source);
  }
  const text = value.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!RANGE_NAMES.has(entry) && (family === 0 || !okBits || extra !== undefined)) {
      throw badTrustProxy(value, source);
    }
  }
  return entries;
}

function badTrustProxy(value: string, source: string): OpsledgerError {
  return new OpsledgerError(
    source.startsWith('--') ? 'USAGE' : 'CONFIG_INVALID',
    `${source} "${value}": expected true, false, a hop count, or proxy addresses/subnets`,
    {
      hint: 'E.g. `loopback`, `10.0.0.0/8, 192.168.1.10` or `1`; trust only the proxies in front of the server, or a client can choose its own address.',
    },
  );
}
