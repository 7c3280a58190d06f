/**
 * What the knowledge CLIs (check, review, release) share: reading their arguments and the day
 * they run on. The clock is read here, in the adapter, never in the core.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatProblem, type Problem } from './problems.js';
import { IsoDate } from './schema.js';

/** A CLI mistake: printed as one line, exit 1. */
export class UsageError extends Error {}

/**
 * The command line after the script name, parsed with node's parseArgs (unknown options are
 * errors). Throws UsageError with node's message.
 */
export function parseCommandLine<Options extends NonNullable<ParseArgsConfig['options']>>(options: Options, args = process.argv.slice(2)) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * A day given on the command line (`--now 2026-05-01`) as 00:00 UTC of that date, or the
 * current time when the option is absent. Throws UsageError for anything but YYYY-MM-DD.
 */
export function dayOption(value: string | undefined, option: string): Date {
  if (value === undefined) return new Date();
  if (!IsoDate.safeParse(value).success) throw new UsageError(`${option} must be a date written YYYY-MM-DD, not "${value}"`);
  return new Date(`${value}T00:00:00Z`);
}

/** Prints each problem with its file and JSON path, then `closing`; returns exit code 1. */
export function reportProblems(file: string, problems: readonly Problem[], closing: string): number {
  for (const problem of problems) console.error(formatProblem(file, problem));
  console.error(closing);
  return 1;
}

/** The UTC calendar date of `time`, YYYY-MM-DD. */
export function isoDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/**
 * Runs a CLI's body: a UsageError becomes "usage" text and exit 1; any other error is a bug
 * and keeps its stack.
 */
export async function runCli(usage: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${usage}`);
    process.exitCode = 1;
  }
}
