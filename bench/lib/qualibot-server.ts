// Qualibot as `npm start` runs it (rules extractor, SQLite under a temporary DATA_DIR), on a loopback port.
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { answerBenchProbes, waitUntilIdle } from './server-probe.js';

answerBenchProbes();
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const app = await startApp(config, createLogger('silent'));
// The app may warm up after it listens (recognizer models): READY only once that is over, and say how long it took.
const busyAfterListenMs = await waitUntilIdle();
process.stdout.write(`STARTUP ${JSON.stringify({ busyAfterListenMs })}\n`);
process.stdout.write(`READY ${new URL(app.url).port}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
