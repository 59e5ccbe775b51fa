#!/usr/bin/env node
import { createGatehouse } from './app.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createLogger } from './logging/logger.js';

/** Process entry: config → createGatehouse → listen → graceful close on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`gatehouse: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const gatehouse = await createGatehouse(config, { logger });
  const address = await gatehouse.listen();
  console.log(`Gatehouse is listening on ${address}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without draining');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    gatehouse.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('gatehouse: failed to start:', error);
  process.exit(1);
});
