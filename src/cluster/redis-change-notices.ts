import type { Logger } from 'pino';
import type { ChangeNotices } from '../state/change-notices.js';
import type { RedisLink } from './redis-link.js';

/** The topic of a notice that asks for everything to be reloaded. */
const everything = '*';

interface Notice {
  from: string;
  topic: string;
  version: number;
}

/**
 * Change notices over Redis. `announce` bumps a shared counter and publishes the topic; every other
 * instance reloads that topic as the message arrives (milliseconds). Pub/sub is fire-and-forget, so a
 * notice sent while an instance was disconnected is lost: each instance also reads the counter every
 * `reconcileIntervalMs` and after every reconnection, and reloads everything when it differs from the
 * last value it saw. A missed notice therefore heals within one interval.
 */
export function createRedisChangeNotices(options: {
  link: RedisLink;
  instanceId: string;
  reconcileIntervalMs: number;
  logger: Pick<Logger, 'warn' | 'error'>;
}) {
  const { link } = options;
  const versionKey = link.key('changes:version');
  const reloads = new Map<string, () => Promise<void>>();
  const coalesced = new Map<string, () => Promise<void>>();
  /** The shared counter's value when this instance was last known to be up to date. */
  let seenVersion: number | undefined;
  /** A reload failed (database down?): reload everything at the next reconciliation. */
  let stale = false;
  /** A change of this instance could not be announced: announce it when Redis returns. */
  let pendingAnnouncement = false;
  let timer: NodeJS.Timeout | undefined;

  function reloadTopic(topic: string): Promise<void> {
    let run = coalesced.get(topic);
    if (!run) {
      const reload = reloads.get(topic);
      if (!reload) return Promise.resolve();
      run = coalesce(reload);
      coalesced.set(topic, run);
    }
    return run().catch((error: unknown) => {
      // The database may be down: the old copy keeps serving, and the next reconciliation retries.
      stale = true;
      options.logger.error({ err: error, topic }, 'reload after a change on another instance failed');
    });
  }

  async function reloadAll(): Promise<void> {
    await Promise.all([...reloads.keys()].map(reloadTopic));
  }

  async function reconcile(): Promise<void> {
    if (!link.isUp()) return;
    let value: string | null;
    try {
      value = await link.command.get(versionKey);
    } catch {
      return;
    }
    // A missing counter (a Redis restarted without persistence) reads as 0: a difference, so a reload.
    const version = Number(value ?? 0);
    if (version === seenVersion && !stale) return;
    seenVersion = version;
    stale = false;
    await reloadAll();
  }

  function receive(message: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(message) as Notice;
    } catch {
      return;
    }
    if (notice.from === options.instanceId) return;
    if (seenVersion !== undefined && notice.version === seenVersion + 1) seenVersion = notice.version;
    void (notice.topic === everything ? reloadAll() : reloadTopic(notice.topic));
  }

  const notices: ChangeNotices = {
    announce(topic) {
      if (!link.isUp()) {
        // The others can only learn of it through the counter, so move the counter when Redis returns.
        link.noteFailure();
        pendingAnnouncement = true;
        return;
      }
      void publish(topic);
    },
    onRemote(topic, reload) {
      reloads.set(topic, reload);
    },
  };

  async function publish(topic: string): Promise<void> {
    try {
      const version = await link.command.incr(versionKey);
      // Another instance's change slipped in since the last one this instance saw: catch up on it.
      const missed = seenVersion !== undefined && version !== seenVersion + 1;
      seenVersion = version;
      const notice: Notice = { from: options.instanceId, topic, version };
      await link.command.publish(link.key('changes'), JSON.stringify(notice));
      if (missed) await reloadAll();
    } catch (error) {
      link.noteFailure();
      pendingAnnouncement = true;
      options.logger.warn(
        { err: error, topic },
        'could not announce a change; will retry when redis returns',
      );
    }
  }

  link.subscribe('changes', receive);
  link.onUp(() => {
    // Whatever happened while this instance was cut off (its own changes included) is caught up now.
    const announce = pendingAnnouncement;
    pendingAnnouncement = false;
    if (announce) void publish('*').then(reloadAll);
    else void reconcile();
  });

  return {
    ...notices,
    start(): void {
      timer = setInterval(() => void reconcile(), options.reconcileIntervalMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
    },
    /** For tests: one reconciliation now. */
    reconcile,
  };
}

/**
 * Runs `task` at most once at a time; calls made while it runs share one further run that starts
 * after it, so a burst of notices costs two reloads, not one per notice, and none is lost.
 */
function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  return () => {
    if (!running) {
      running = task().finally(() => {
        running = undefined;
      });
      return running;
    }
    if (!queued) {
      queued = running
        .catch(() => {})
        .then(() => {
          queued = undefined;
          running = task().finally(() => {
            running = undefined;
          });
          return running;
        });
    }
    return queued;
  };
}

export type RedisChangeNotices = ReturnType<typeof createRedisChangeNotices>;
