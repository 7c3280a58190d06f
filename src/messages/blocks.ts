/** Small Block Kit builders that cannot exceed Slack's limits, whatever text they are given. */
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { LIMITS } from './limits.js';
import type { SlackMessage } from './types.js';

/** Cut to `max` characters (code points, so Arabic and emoji are never split), ending in "…". */
export function clip(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max && text.length <= max) return text;
  let out = '';
  for (const char of chars) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}

/**
 * plain_text cannot be entity-escaped (Slack would show "&lt;"), so angle brackets become
 * look-alikes: no text in a header or button can ever form a `<!channel>` sequence.
 */
export function plainText(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(plainText(text), LIMITS.headerText), emoji: true } };
}

export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, LIMITS.sectionText) } };
}

export function context(...mrkdwn: string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn.slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn', text: clip(text, LIMITS.sectionText) })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, value: string, style?: 'primary'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(plainText(text), LIMITS.buttonText), emoji: true },
    action_id: actionId.slice(0, LIMITS.actionId),
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, LIMITS.actionsElements) };
}

/**
 * Lines grouped into as few sections as fit: a heading line, then as many lines per section
 * as stay under the 3,000-character limit. A single over-long line is clipped.
 */
export function sections(heading: string | undefined, lines: string[]): SectionBlock[] {
  const out: SectionBlock[] = [];
  let current = heading ?? '';
  for (const raw of lines) {
    const line = clip(raw, LIMITS.sectionText - 1);
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length > LIMITS.sectionText) {
      if (current !== '') out.push(section(current));
      current = line;
    } else {
      current = candidate;
    }
  }
  if (current !== '') out.push(section(current));
  return out;
}

/**
 * Keep a message within the block limit and the cumulative text limit: drop blocks from the
 * end (keeping `tail`, e.g. the footer and buttons) and say that something was left out.
 */
export function fitBlocks(body: KnownBlock[], tail: KnownBlock[], notice: string, maxBlocks: number, maxChars: number = LIMITS.totalBlockText): KnownBlock[] {
  // JSON length over-counts text (keys, quotes), so this errs on the safe side.
  const size = (block: KnownBlock) => JSON.stringify(block).length;
  const tailSize = tail.reduce((sum, block) => sum + size(block), 0);
  const sizes = body.map(size);
  const bodySize = sizes.reduce((sum, n) => sum + n, 0);
  if (body.length + tail.length <= maxBlocks && bodySize + tailSize <= maxChars) return [...body, ...tail];
  const noticeBlock = context(notice);
  const budgetBlocks = maxBlocks - tail.length - 1;
  const budgetChars = maxChars - tailSize - size(noticeBlock);
  const kept: KnownBlock[] = [];
  let used = 0;
  for (let i = 0; i < body.length && kept.length < budgetBlocks; i += 1) {
    if (used + sizes[i]! > budgetChars) break;
    kept.push(body[i]!);
    used += sizes[i]!;
  }
  return [...kept, noticeBlock, ...tail];
}

/** A message of one section: its text is also the notification fallback. */
export function textMessage(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
