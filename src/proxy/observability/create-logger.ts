import pino, { type DestinationStream, type Logger } from 'pino';
import { maskLogObject } from './mask-personal-data';

/**
 * JSON logs (pino). Request bodies are never logged; every string that reaches a log
 * line is passed through `maskPersonalData`, and credentials are redacted by key.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'leadkit' },
      redact: {
        paths: [
          'apiKey',
          'token',
          'secret',
          'password',
          'authorization',
          '*.apiKey',
          '*.token',
          '*.secret',
          '*.password',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
      formatters: {
        log: (object) => maskLogObject(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? (maskLogObject(arg) as string) : arg));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
