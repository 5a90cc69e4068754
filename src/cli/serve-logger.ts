import { pino, type Logger } from 'pino';

/** A pino logger of JSON lines on stderr that never writes a key or an Authorization header. */
export function createServeLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: 'opsledger' },
      // Defence in depth: nothing logs headers or keys, and these paths are censored if anything ever does.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'key',
          '*.key',
          'secret',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: false }),
  );
}
