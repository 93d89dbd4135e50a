import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

/**
 * The unit lane runs without servers, processes or browsers (fast, and runnable anywhere). A unit test that
 * opens a socket or starts a process fails here, naming where it belongs.
 */
function refuse(what: string): never {
  throw new Error(`${what} in the unit lane: move this test file to the integration lane (vitest.config.ts).`);
}

net.Server.prototype.listen = function listen() {
  return refuse('A server listening');
};
net.Socket.prototype.connect = function connect() {
  return refuse('A network connection');
};
for (const name of ['spawn', 'fork', 'exec', 'execFile', 'spawnSync', 'execSync', 'execFileSync'] as const) {
  (childProcess as unknown as Record<string, unknown>)[name] = () => refuse(`A child process (${name})`);
}
syncBuiltinESMExports();
