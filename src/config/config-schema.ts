import { z } from 'zod';
import { isValidIpOrCidr } from '../access/ip-allowlist.js';
import { modelPriceInputSchema } from '../contracts/admin-prices.js';
import { ldapConfigSchema, oneTimeCodeConfigSchema } from './login-config.js';

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `true`/`false` from the environment (z.coerce.boolean would read "false" as true). */
const flag = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean(),
);

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every setting Gatehouse reads, with its default. Environment variables and the YAML file both feed it. */
export const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    host: z.string().min(1).default('0.0.0.0'),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: z.string().min(1).optional(),
    redisUrl: z.string().min(1).optional(),
    redisPrefix: z.string().default('gatehouse:'),
    adminToken: z.string().min(16, 'must be at least 16 characters').optional(),
    adminPassword: z.string().min(8, 'must be at least 8 characters').optional(),
    masterKey: z.string().min(32, 'must be at least 32 characters').optional(),
    logLevel: logLevel.default('info'),
    /**
     * The IANA time zone that days, weeks and months are counted in: usage roll-ups, daily budgets,
     * reports. Defaults to the server's own zone.
     */
    timeZone: z
      .string()
      .refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Shanghai or UTC')
      .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    /**
     * Addresses or CIDR ranges of reverse proxies whose `x-forwarded-for` is believed: a request from one
     * of them is treated as coming from the nearest untrusted address in that header (key IP allowlists,
     * per-IP rate limits). Empty: the socket's address is the client. YAML list or comma-separated.
     */
    trustedProxies: z
      .union([z.string(), z.array(z.string())])
      .transform((value) =>
        (Array.isArray(value) ? value : value.split(','))
          .map((entry) => entry.trim())
          .filter((entry) => entry.length > 0),
      )
      .pipe(z.array(z.string().refine(isValidIpOrCidr, 'must be an IP address or CIDR range')))
      .default([]),
    limits: z
      .object({
        /** Largest request body accepted on any route, in bytes (SPEC §4: 32 MiB). */
        maxBodyBytes: z.coerce
          .number()
          .int()
          .positive()
          .default(32 * 1024 * 1024),
        /** Largest total size of request headers, in bytes (431 beyond). */
        maxHeaderBytes: z.coerce
          .number()
          .int()
          .positive()
          .default(16 * 1024),
        /** Time allowed for the request headers to arrive. */
        headersTimeoutMs: z.coerce.number().int().positive().default(60_000),
        /** Time allowed for a whole request (headers and body) to arrive (408 beyond). */
        requestTimeoutMs: z.coerce.number().int().positive().default(300_000),
      })
      .strict()
      .prefault({}),
    upstream: z
      .object({
        connectTimeoutMs: z.coerce.number().int().positive().default(10_000),
        /** Time to the upstream's response headers; long prompts with thinking can take minutes. */
        headersTimeoutMs: z.coerce.number().int().positive().default(600_000),
        /** Longest silence between two chunks of an upstream body. */
        bodyIdleTimeoutMs: z.coerce.number().int().positive().default(600_000),
        /** Longest a whole upstream exchange may take, streams included (504, or an error event). */
        totalTimeoutMs: z.coerce.number().int().positive().default(1_800_000),
        /** Keep-alive connections per upstream origin. */
        connectionsPerOrigin: z.coerce.number().int().positive().default(128),
      })
      .strict()
      .prefault({}),
    scheduling: z
      .object({
        /** Upstream attempts per request, each on a different account, before the first byte is sent. */
        maxAttempts: z.coerce.number().int().min(1).max(10).default(3),
        /** No new attempt starts after this long since the request arrived. */
        retryDeadlineMs: z.coerce.number().int().positive().default(60_000),
        /** First backoff between attempts; doubled each time, with ±50% jitter. */
        retryBackoffMs: z.coerce.number().int().nonnegative().default(50),
        /** How long a conversation stays on its account after its last request. */
        stickySessionTtlMs: z.coerce.number().int().positive().default(3_600_000),
        /** Cooldown after a 429 that names no reset time. */
        rateLimitCooldownMs: z.coerce.number().int().positive().default(60_000),
        /** Cooldown after a 529 or 503 (overloaded). */
        overloadedCooldownMs: z.coerce.number().int().positive().default(10_000),
        /** Consecutive server errors or connection failures that open an account's circuit. */
        breakerFailureThreshold: z.coerce.number().int().positive().default(5),
        /** How long an open circuit waits before one probe request is let through. */
        breakerOpenMs: z.coerce.number().int().positive().default(30_000),
      })
      .strict()
      .prefault({}),
    usage: z
      .object({
        /** How often queued usage records are written; also the most a hard kill can lose. */
        flushIntervalMs: z.coerce.number().int().positive().max(1000).default(250),
        /** A batch is written at once when it reaches this size. */
        maxBatchSize: z.coerce.number().int().positive().default(1000),
        /**
         * Records held in memory while the database is slow. When full, finished requests wait for room
         * and new inference requests are refused with 503 until writes catch up; nothing is dropped.
         */
        maxQueuedRecords: z.coerce.number().int().positive().default(100_000),
        /** Raw usage records are deleted after this many days (roll-ups are kept); 0 keeps them. */
        retentionDays: z.coerce.number().int().nonnegative().default(90),
        /** How often hourly and daily roll-ups are brought up to date. */
        rollupIntervalMs: z.coerce.number().int().positive().default(60_000),
        /** A comment line on the live usage feed this often keeps proxies from closing it. */
        liveHeartbeatMs: z.coerce.number().int().positive().default(15_000),
      })
      .strict()
      .prefault({}),
    /** The cluster shape (REDIS_URL set): shared state, change propagation, leader election. */
    cluster: z
      .object({
        /**
         * What requests do while Redis is unreachable: `open` keeps them flowing on this instance's
         * own limits (logged and counted as a degradation), `closed` refuses them with a 503.
         */
        redisFailure: z.enum(['open', 'closed']).default('open'),
        /** How often an instance checks the shared change counter, healing a missed change notice. */
        reconcileIntervalMs: z.coerce.number().int().positive().default(2000),
        /** The leader's lease; a leader that dies is replaced within about this long. */
        leaderLeaseMs: z.coerce.number().int().min(300).default(5000),
        /** Longest wait for one Redis command before the request path treats Redis as unreachable. */
        redisCommandTimeoutMs: z.coerce.number().int().positive().default(500),
      })
      .strict()
      .prefault({}),
    /** Notification channels (mail, signed webhook); an admin may replace them through the admin API. */
    notify: z
      .object({
        smtp: z
          .object({
            host: z.string().min(1),
            port: z.coerce.number().int().min(1).max(65535).default(587),
            /** TLS from the first byte (usually port 465); otherwise STARTTLS when offered. */
            secure: flag.default(false),
            user: z.string().min(1).optional(),
            password: z.string().optional(),
            from: z.string().min(3),
          })
          .strict()
          .optional(),
        webhook: z
          .object({
            url: z.url({ protocol: /^https?$/ }),
            /** Key of the `x-gatehouse-signature` HMAC-SHA256 header. */
            secret: z.string().min(16, 'must be at least 16 characters').optional(),
            timeoutMs: z.coerce.number().int().positive().max(60_000).default(10_000),
          })
          .strict()
          .optional(),
        /** One alert per upstream account and state (credential invalid, quota exhausted) within this time. */
        alertDebounceMs: z.coerce
          .number()
          .int()
          .nonnegative()
          .default(30 * 60_000),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        /** A console session ends after this long without a request. */
        sessionIdleTimeoutMs: z.coerce
          .number()
          .int()
          .positive()
          .default(12 * 3_600_000),
        /** A console session ends this long after login, however active. */
        sessionMaxAgeMs: z.coerce
          .number()
          .int()
          .positive()
          .default(7 * 24 * 3_600_000),
        /** Failed logins for one username within the window that lock it. */
        maxFailuresPerUsername: z.coerce.number().int().positive().default(5),
        /** Failed logins from one address within the window that lock it (higher: offices share one). */
        maxFailuresPerIp: z.coerce.number().int().positive().default(20),
        failureWindowMs: z.coerce
          .number()
          .int()
          .positive()
          .default(15 * 60_000),
        lockoutMs: z.coerce
          .number()
          .int()
          .positive()
          .default(15 * 60_000),
        /** Console login with a code sent by mail or webhook. */
        oneTimeCode: oneTimeCodeConfigSchema,
        /** Console login against an LDAP directory (off unless set). */
        ldap: ldapConfigSchema.optional(),
      })
      .strict()
      .prefault({}),
    /** Upstream OAuth logins (`claude-oauth` accounts); the endpoints are overridable for tests and mirrors. */
    oauth: z
      .object({
        claude: z
          .object({
            /** Claude Code's public OAuth parameters (no client secret: PKCE protects the code). */
            authorizeUrl: z.url({ protocol: /^https?$/ }).default('https://claude.ai/oauth/authorize'),
            tokenUrl: z.url({ protocol: /^https?$/ }).default('https://console.anthropic.com/v1/oauth/token'),
            clientId: z.string().min(1).default('9d1c250a-e61b-44d9-88ed-5944d1962f5e'),
            redirectUri: z
              .url({ protocol: /^https?$/ })
              .default('https://console.anthropic.com/oauth/code/callback'),
            scopes: z.string().min(1).default('org:create_api_key user:profile user:inference'),
            /** Time allowed for one token endpoint exchange. */
            timeoutMs: z.coerce.number().int().positive().default(30_000),
          })
          .strict()
          .prefault({}),
        /** Access tokens that expire within this time are refreshed ahead of their expiry. */
        refreshWithinMs: z.coerce
          .number()
          .int()
          .positive()
          .default(30 * 60_000),
        /** How often the refresh job looks for tokens about to expire. */
        refreshCheckEveryMs: z.coerce
          .number()
          .int()
          .positive()
          .default(5 * 60_000),
        /** How long a started authorization waits for its code to be pasted. */
        pendingAuthorizationTtlMs: z.coerce
          .number()
          .int()
          .positive()
          .default(10 * 60_000),
      })
      .strict()
      .prefault({}),
    /**
     * Per-model prices (USD per million tokens) replacing the shipped ones, keyed by model or family
     * (`claude-sonnet-4-5` also prices its dated ids). Admin API overrides take precedence.
     */
    prices: z.record(z.string().min(1).max(256), modelPriceInputSchema).default({}),
    /** `GET /metrics`: public unless a token is set; then `Authorization: Bearer <token>` is required. */
    metrics: z
      .object({ token: z.string().min(1).optional() })
      .strict()
      .prefault({}),
    shutdown: z
      .object({
        /** How long in-flight streams may run on after SIGTERM before they are cut. */
        drainTimeoutMs: z.coerce.number().int().nonnegative().default(30_000),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type GatehouseConfig = z.infer<typeof configSchema>;
