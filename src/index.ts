import { startApp } from './app.js';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';
import { createLogger } from './logger.js';

/** Composition root: configuration → adapters → server. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  try {
    const app = await startApp(config, logger);
    logger.info(`Open ${app.url} to try the widget on the demo page.`);
    const shutdown = async (signal: string) => {
      logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
      // Whatever still holds on past the grace period (a hung socket, a stuck driver), the process goes.
      setTimeout(() => {
        logger.error('shutdown: still busy after the grace period, exiting anyway');
        process.exit(1);
      }, config.shutdownGraceMs + 2000).unref();
      await app.close();
      logger.info('stopped');
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    if (error instanceof AppError) {
      logger.fatal(error.message);
    } else {
      logger.fatal({ err: error }, 'start-up failed');
    }
    process.exit(1);
  }
}

await main();
