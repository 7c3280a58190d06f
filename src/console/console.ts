/**
 * The local console: the bot without a Slack account. Type what you would type in Slack,
 * `/notech elbit` or `@NoTech what about palantir?`, and see the message Slack would show.
 * On a pipe it answers each line and exits at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { KnowledgeStore } from '../knowledge/store.js';
import { replyToCommand, replyToMention } from '../reply/index.js';
import type { SlackMessage } from '../messages/types.js';
import { renderMessage } from '../messages/plain-text.js';
import { t } from '../messages/strings/index.js';

export interface ConsoleOptions {
  store: KnowledgeStore;
  input: Readable;
  output: Writable;
  interactive: boolean;
  color: boolean;
  /** The digest preview (`digest`), when the digest feature is wired in. */
  digestPreview?: () => SlackMessage;
}

const MENTION = /^(?:@notech\b|<@[A-Z0-9]+>)\s*/i;
const SLASH = /^\/notech(?:\s+|$)/i;

/** One console line → the rendered answer (or undefined to say nothing). */
export function answerLine(line: string, options: Pick<ConsoleOptions, 'store' | 'color' | 'digestPreview'>): string | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  const knowledge = options.store.current;
  let message: SlackMessage;
  if (MENTION.test(text)) {
    message = replyToMention(text.replace(MENTION, ''), knowledge).message;
  } else if (/^\/\S+/.test(text) && !SLASH.test(text)) {
    const command = (/^\/\S+/.exec(text) ?? [''])[0].slice(0, 40);
    return t('en').console.unknownCommand(command);
  } else if (/^digest(\s+preview)?$/i.test(text.replace(SLASH, '')) && options.digestPreview) {
    message = options.digestPreview();
  } else {
    message = replyToCommand(text.replace(SLASH, ''), knowledge).message;
  }
  return renderMessage(message, { color: options.color });
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, interactive } = options;
  const write = (text: string) => output.write(`${text}\n`);
  if (interactive) {
    write(t('en').console.welcome(options.store.current.version));
  }
  const lines = createInterface({ input, terminal: interactive, ...(interactive ? { output } : {}) });
  if (interactive) {
    lines.setPrompt('notech> ');
    lines.prompt();
  }
  for await (const line of lines) {
    if (interactive && /^(exit|quit|\.exit)$/i.test(line.trim())) break;
    const answerText = answerLine(line, options);
    if (answerText !== undefined) write(`${answerText}\n`);
    if (interactive) lines.prompt();
  }
  lines.close();
}
