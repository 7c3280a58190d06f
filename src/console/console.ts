/**
 * The local console: the bot without a Slack account. Type what you would type in Slack,
 * `/notech elbit` or `@NoTech what about palantir?`, and see the message Slack would show;
 * `check: <a message>` shows what "Check with NoTech" answers on that message.
 * On a pipe it answers each line and exits at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { KnowledgeStore } from '../knowledge/store.js';
import { answer } from '../query/answer.js';
import { parseQuery } from '../query/parse.js';
import { replyToCheck, replyToCommand, replyToMention } from '../reply/index.js';
import { reportMessage } from '../messages/report.js';
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
  /** The clock for review dates (stale banners, list marks). Default: the machine's. */
  now?: () => Date;
}

const MENTION = /^(?:@notech\b|<@[A-Z0-9]+>)\s*/i;
const REPORT_LINE = /^report\s+(\S+)\s+(\S[\s\S]*)$/i;

/**
 * `report <topic> <text>`: the anonymous report "Report a problem" would post to the
 * maintainers' channel about the topic (as "something else" on its card), or the command's
 * answer when the topic is not one (did you mean…).
 */
function reportPreview(topic: string, text: string, options: Pick<ConsoleOptions, 'store'>): SlackMessage {
  const knowledge = options.store.current;
  const result = answer(parseQuery(topic), knowledge);
  if (result.kind !== 'card') return replyToCommand(topic, knowledge).message;
  const index = knowledge.entries.indexOf(result.entry);
  return reportMessage({ entryId: result.entry.id, lang: result.lang, path: `entries[${index}]`, text }, knowledge);
}
const SLASH = /^\/notech(?:\s+|$)/i;
/** The message shortcut "Check with NoTech", which has no text form in Slack. */
const CHECK = /^check:\s*/i;

/** One console line → the rendered answer (or undefined to say nothing). */
export function answerLine(line: string, options: Pick<ConsoleOptions, 'store' | 'color' | 'digestPreview' | 'now'>): string | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  const knowledge = options.store.current;
  const view = { now: options.now?.() ?? new Date() };
  let message: SlackMessage;
  if (CHECK.test(text)) {
    message = replyToCheck(text.replace(CHECK, ''), knowledge).message;
  } else if (MENTION.test(text)) {
    message = replyToMention(text.replace(MENTION, ''), knowledge, view).message;
  } else if (/^\/\S+/.test(text) && !SLASH.test(text)) {
    const command = (/^\/\S+/.exec(text) ?? [''])[0].slice(0, 40);
    return t('en').console.unknownCommand(command);
  } else if (REPORT_LINE.test(text)) {
    const [, topic, written] = REPORT_LINE.exec(text)!;
    message = reportPreview(topic!, written!, options);
  } else if (/^digest(\s+preview)?$/i.test(text.replace(SLASH, '')) && options.digestPreview) {
    message = options.digestPreview();
  } else {
    message = replyToCommand(text.replace(SLASH, ''), knowledge, 'en', view).message;
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
