#!/usr/bin/env node
// `npm test`: the type check and every test lane at once. tsc is single-threaded and vitest waits on sockets,
// browsers and child processes, so side by side they finish sooner than one after the other on two cores.
// Either failing fails the run; tsc's report is printed after vitest's so it is not lost in the test output.
import { spawn } from 'node:child_process';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

function run(command, args, stdio) {
  const child = spawn(command, args, { stdio });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

const started = Date.now();
const typecheck = run(bin('tsc'), ['--noEmit'], ['ignore', 'pipe', 'pipe']).then((result) => ({ ...result, seconds: (Date.now() - started) / 1000 }));
const tests = await run(bin('vitest'), ['run', ...process.argv.slice(2)], 'inherit');
const types = await typecheck;

console.log(`\ntype check (tsc --noEmit, alongside the tests): ${types.code === 0 ? 'passed' : 'FAILED'} in ${types.seconds.toFixed(0)} s`);
if (types.code !== 0) console.log(types.output);
process.exitCode = tests.code !== 0 ? tests.code : types.code;
