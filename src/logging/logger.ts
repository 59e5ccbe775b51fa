import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Structured JSON logs. Secrets never reach them: credentials are redacted wherever they could appear
 * (headers, account bodies, configuration), and request logging is off on the hot path.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        'headers.authorization',
        'headers["x-api-key"]',
        '*.apiKey',
        '*.credential',
        '*.adminToken',
        '*.adminPassword',
        '*.masterKey',
        '*.password',
        '*.secret',
        '*.bindPassword',
        'apiKey',
        'credential',
        'key',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
