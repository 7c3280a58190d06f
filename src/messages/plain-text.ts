/**
 * A Slack message as plain text, so the console shows what Slack would: headers stand
 * out, links show their URL, escaped characters read as typed, buttons appear as [labels].
 * It lives with the messages (not in the console adapter) because the compact card measures
 * itself with it: "fits one screen" is checked against the same text the console prints.
 */
import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from './types.js';

export interface RenderOptions {
  /** ANSI bold/dim; only when writing to a terminal. */
  color: boolean;
  width?: number;
}

const ANSI = { bold: '\u001b[1m', dim: '\u001b[2m', reset: '\u001b[0m' };

/** mrkdwn → plain text: links as "label (url)", *bold* and _italic_ markers removed (or ANSI). */
export function mrkdwnToText(mrkdwn: string, color: boolean): string {
  const bold = (text: string) => (color ? `${ANSI.bold}${text}${ANSI.reset}` : text);
  return mrkdwn
    .replace(/<(https:\/\/[^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) => `${label} (${url})`)
    .replace(/(^|[\s(“"])\*([^*\n]+)\*(?=$|[\s).,:;!?”"])/gm, (_m, before: string, text: string) => `${before}${bold(text)}`)
    .replace(/(^|[\s(“"])_([^_\n]+)_(?=$|[\s).,:;!?”"])/gm, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function renderBlock(block: KnownBlock, options: RenderOptions): string | undefined {
  const dim = (text: string) => (options.color ? `${ANSI.dim}${text}${ANSI.reset}` : text);
  switch (block.type) {
    case 'header': {
      const text = block.text.text;
      const line = '═'.repeat(Math.min([...text].length, options.width ?? 72));
      return options.color ? `${ANSI.bold}${text}${ANSI.reset}\n${line}` : `${text}\n${line}`;
    }
    case 'section': {
      const parts: string[] = [];
      if (block.text) parts.push(block.text.type === 'mrkdwn' ? mrkdwnToText(block.text.text, options.color) : block.text.text);
      for (const field of block.fields ?? []) parts.push(field.type === 'mrkdwn' ? mrkdwnToText(field.text, options.color) : field.text);
      return parts.join('\n');
    }
    case 'context':
      return dim(
        block.elements
          .map((element) => ('text' in element ? (element.type === 'mrkdwn' ? mrkdwnToText(element.text, false) : element.text) : ''))
          .join('  '),
      );
    case 'divider':
      return '─'.repeat(options.width ?? 72);
    case 'actions':
      return block.elements.map((element) => (element.type === 'button' ? `[ ${element.text.text} ]` : '')).join('  ');
    default:
      return undefined;
  }
}

export function renderMessage(message: SlackMessage, options: RenderOptions): string {
  const rendered = message.blocks.map((block) => renderBlock(block, options)).filter((text): text is string => text !== undefined);
  return rendered.length > 0 ? rendered.join('\n\n') : mrkdwnToText(message.text, options.color);
}

/**
 * How many terminal rows `text` takes at `columns` wide: each line wraps every `columns`
 * characters (code points; an empty line is one row). An approximation of a terminal, which
 * may draw an emoji two columns wide, so budgets built on it keep a row or two spare.
 */
export function displayRows(text: string, columns: number): number {
  return text.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil([...line].length / columns)), 0);
}
