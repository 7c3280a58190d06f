/** The bot as a real child process (for restarts, kill -9 and SIGTERM), with its log lines. No vitest here: scripts use it too. */
import { spawn, type ChildProcess } from 'node:child_process';
import { BOT_TOKEN, SIGNING_SECRET } from './slack-requests.js';

export interface BotProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the parsed "NoTech is running" log line. */
  started: Promise<Record<string, unknown>>;
}

export function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, NOTECH_ENV_FILE: 'none', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.includes('NoTech is running'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Record<string, unknown>);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`bot exited before starting: ${output}`));
    });
  });
  started.catch(() => undefined);
  return { child, output: () => output, exited, started };
}
