import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, throughputServer, type ThroughputOptions, type ThroughputResult, type ThroughputServer } from '../throughput.js';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './cpu-profile.js';
import { startReplySink } from './reply-sink.js';
import { spawnServer } from './spawn-server.js';

/**
 * Runs the Qualibot child (or another bench server, to compare where each spends its CPU) under `--cpu-prof` with
 * the throughput load (after a 1 s warm-up) and summarises the load window of its main thread's profile.
 */
export async function profileQualibot(options: ThroughputOptions & { keep?: boolean; server?: ThroughputServer }): Promise<{ result: ThroughputResult; summary: ProfileSummary; keptAt?: string }> {
  const profileDir = mkdtempSync(join(tmpdir(), 'qualibot-profile-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-bench-'));
  const sink = await startReplySink();
  try {
    const { script, env } = throughputServer(options.server ?? 'qualibot', dataDir);
    const server = await spawnServer(script, env, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    let result: ThroughputResult;
    try {
      await load('profile-warmup', server.url, sink.url, { ...options, durationSeconds: 1 }, sink.replies);
      result = await load('profiled', server.url, sink.url, options, sink.replies, server);
    } finally {
      await server.stop(); // the profile is written when the child exits
    }
    // The main thread's profile sorts first (tsx's loader thread writes a second one).
    const file = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile')).sort()[0];
    if (!file) throw new Error(`no profile written in ${profileDir}`);
    const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
    return { result, summary: summariseProfile(profile, options.durationSeconds), keptAt: options.keep ? join(profileDir, file) : undefined };
  } finally {
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (!options.keep) rmSync(profileDir, { recursive: true, force: true });
  }
}
