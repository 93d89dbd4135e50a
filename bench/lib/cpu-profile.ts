/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that the summary reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** Sampled time (µs) per name, heaviest first. */
export type Ranking = Array<{ name: string; micros: number }>;

export interface ProfileSummary {
  /** Time covered by the counted samples (µs), idle included. */
  totalMicros: number;
  /** Self time grouped by who owns the code: our folders, each dependency, Node, regex, GC. */
  owners: Ranking;
  /** Self time per function. */
  frames: Ranking;
  /** Total time (callees included) of our own functions. */
  ours: Ranking;
}

const ROOT = new URL('../..', import.meta.url).href;

/** A short, readable location: our files relative to the repo, dependencies as `pkg/file`. */
function where(url: string, line: number): string {
  if (!url) return '(native)';
  const relative = url.startsWith(ROOT) ? url.slice(ROOT.length) : url;
  const dependency = /node_modules\/(.+)$/.exec(relative)?.[1];
  return `${dependency ?? relative}:${line + 1}`;
}

/** Groups a frame by what we can act on: our code (by folder), a dependency (by package), Node, regex, GC. */
function owner(url: string, functionName: string): string {
  if (functionName.startsWith('RegExp:')) return 'regular expressions (native)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(idle)') return 'idle';
  if (!url) return 'native (socket I/O, builtins)';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (dependency) return dependency;
  if (url.startsWith('node:')) return 'node core';
  return url.startsWith(ROOT) ? url.slice(ROOT.length).split('/').slice(0, 2).join('/') : url;
}

const isOurs = (url: string) => url.startsWith(ROOT) && !url.includes('node_modules');
const label = (frame: CpuProfile['nodes'][number]['callFrame']) => `${frame.functionName || '(anonymous)'} ${where(frame.url, frame.lineNumber)}`;

function rank(map: Map<string, number>): Ranking {
  return [...map].map(([name, micros]) => ({ name, micros })).sort((a, b) => b.micros - a.micros);
}

/**
 * Summarises the last `lastSeconds` of a profile (the load window: start-up and warm-up are not what
 * a turn costs). Percentages are of all counted samples, idle included.
 */
export function summariseProfile(profile: CpuProfile, lastSeconds = Infinity): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfMicros = new Map<number, number>();
  const elapsed = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
  const from = elapsed - lastSeconds * 1e6;
  let clock = 0;
  let totalMicros = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    clock += delta;
    if (clock < from) return;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
    totalMicros += delta;
  });

  const owners = new Map<string, number>();
  const frames = new Map<string, number>();
  const ours = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, micros: number) => map.set(key, (map.get(key) ?? 0) + micros);
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    add(owners, owner(frame.url, frame.functionName), micros);
    add(frames, label(frame), micros);
    // Each sample counts once for every distinct function of ours on its stack (recursion counted once).
    const onStack = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const callFrame = byId.get(current)!.callFrame;
      if (isOurs(callFrame.url)) onStack.add(label(callFrame));
    }
    for (const name of onStack) add(ours, name, micros);
  }
  return { totalMicros, owners: rank(owners), frames: rank(frames), ours: rank(ours) };
}

/** Plain-text report: owners, heaviest frames, heaviest functions of ours. */
export function formatProfile(summary: ProfileSummary, top: number, turns?: number): string {
  const perTurn = (micros: number) => (turns ? `  ${(micros / 1000 / turns).toFixed(3)} ms/turn` : '');
  const line = ({ name, micros }: { name: string; micros: number }) =>
    `${((micros / summary.totalMicros) * 100).toFixed(1).padStart(5)}%${perTurn(micros)}  ${name.slice(0, 160)}`;
  return [
    `self time by owner (${(summary.totalMicros / 1e6).toFixed(1)} s sampled${turns ? `, ${turns} turns` : ''}):`,
    ...summary.owners.slice(0, 25).map(line),
    '',
    `top ${top} frames by self time:`,
    ...summary.frames.slice(0, top).map(line),
    '',
    `top ${top} of our functions by total time (callees included):`,
    ...summary.ours.slice(0, top).map(line),
  ].join('\n');
}
