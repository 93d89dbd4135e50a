import pino from 'pino';
import { AppError } from '../errors.js';
import { loadConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';

/** One command = one module in ./commands; each gets the parsed config and a logger on stderr. */
type Run = (args: string[], logger: Logger) => Promise<number>;

/** A command's module is loaded only when it runs, so one command does not pay for loading all the others. */
function lazy(path: string, name: string): Run {
  return async (args, logger) => ((await import(path)) as Record<string, Run>)[name]!(args, logger);
}

const COMMANDS: Record<string, { summary: string; run: Run }> = {
  replay: { summary: 'replay FILE [--playbook P] [--json]          play one labelled conversation through the bot', run: lazy('./commands/replay.js', 'runReplay') },
  eval: { summary: 'eval DIR [--playbook P] [--min RATIO] [--json] replay every labelled case, print accuracy and confusion matrix', run: lazy('./commands/eval.js', 'runEval') },
  playbook: { summary: 'playbook check FILE [--cases DIR] [--json] | playbook new NAME [--out FILE]   check a playbook (examples, coverage) or start one', run: lazy('./commands/playbook.js', 'runPlaybook') },
  chat: { summary: 'chat [--locale fr|en]            talk to the bot in this terminal', run: lazy('./commands/chat.js', 'runChat') },
  score: { summary: 'score FILE [--playbook P] [--json]  score a facts JSON with the playbook, explaining each point', run: lazy('./commands/score.js', 'runScore') },
  export: { summary: 'export --format csv|jsonl [--since DATE]   export leads (CSV cells escaped against formula injection)', run: lazy('./commands/export.js', 'runExport') },
  erase: { summary: 'erase --email X | --conversation ID         erase a person and tell the CRM', run: lazy('./commands/privacy.js', 'runErase') },
  'export-person': { summary: 'export-person --email X                    everything held about one person (JSON)', run: lazy('./commands/privacy.js', 'runExportPerson') },
  outbox: { summary: 'outbox dead | outbox replay ID|--all        inspect and replay CRM dead letters', run: lazy('./commands/outbox.js', 'runOutbox') },
  'teams-manifest': { summary: 'teams-manifest [--out FILE]      write the Microsoft Teams app package (zip) for this bot', run: lazy('./commands/teams-manifest.js', 'runTeamsManifest') },
  sdr: { summary: 'sdr add EMAIL --name NAME [--role admin|manager] | sdr list | sdr remove EMAIL   manage SDR console accounts', run: lazy('./commands/sdr.js', 'runSdr') },
  feedback: { summary: 'feedback export-cases --out DIR [--since DATE] [--handoff ID]   judged conversations as labelled cases (for eval)', run: lazy('./commands/feedback.js', 'runFeedback') },
  whatif: { summary: 'whatif --playbook CANDIDATE [--baseline P] [--since 90d|DATE] [--channel C] [--json]   how stored leads would be routed by a candidate playbook', run: lazy('./commands/whatif.js', 'runWhatIf') },
  calibrate: { summary: 'calibrate [--since 90d|DATE] [--out candidate.yaml] [--json]   thresholds and levels the SDR verdicts and CRM outcomes argue for (never changes the running playbook)', run: lazy('./commands/calibrate.js', 'runCalibrate') },
};

function usage(): string {
  return ['Usage: qualibot <command> [options]', '', ...Object.values(COMMANDS).map((command) => `  qualibot ${command.summary}`)].join('\n');
}

function isArgumentError(error: unknown): error is Error {
  const code: unknown = error instanceof TypeError ? (error as unknown as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name && name !== '--help' ? `Unknown command "${name}".\n\n${usage()}` : usage());
    return name && name !== '--help' ? 2 : 0;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`Usage: qualibot ${command.summary}`);
    return 0;
  }
  // Command output goes to stdout; logs go to stderr and stay quiet unless asked.
  const level = process.env.LOG_LEVEL ?? 'warn';
  const logger = createLogger(level, pino.destination(2));
  try {
    loadConfig();
    return await command.run(args, logger);
  } catch (error) {
    // A mistyped option is the user's error, not a crash: say which, and how the command is used.
    if (isArgumentError(error)) {
      console.error(`${error.message}\n\nUsage: qualibot ${command.summary}`);
      return 2;
    }
    console.error(error instanceof AppError ? error.message : error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
