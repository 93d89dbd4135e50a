// Qualibot as `npm start` runs it (rules extractor, SQLite under a temporary DATA_DIR), on a loopback port.
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const app = await startApp(config, createLogger('silent'));
process.stdout.write(`READY ${new URL(app.url).port}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
