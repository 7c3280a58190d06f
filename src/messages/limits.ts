/**
 * Slack's Block Kit limits (see shared/research/slack-platform.md §5) and a checker.
 * Builders stay within them by construction (blocks.ts); the checker proves it in the tests
 * (unit, fuzz and end-to-end, on every message that reaches the fake Slack). It is not run at
 * runtime: a message it would reject is a bug for a test to catch, not a request to refuse.
 */
import type { KnownBlock } from '@slack/types';
import { unsafeSequences } from './escape.js';
import type { SlackMessage } from './types.js';

export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** Slack truncates `text` at 40,000; notifications show far less. Keep fallbacks short. */
  fallbackText: 3000,
  /** Undocumented cumulative limit (msg_blocks_too_long); a maintainer mentioned ~12,000. */
  totalBlockText: 12000,
  /** Home tab and modals: no documented text total; this keeps views far from view_too_large. */
  surfaceJson: 100_000,
  /** A modal's title, close and submit buttons: plain text of at most 24 characters. */
  viewTitle: 24,
} as const;

export type Surface = 'message' | 'home';

function textOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && 'text' in value) {
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? text : undefined;
  }
  return undefined;
}

/**
 * Every limit the message breaks, each with its JSON pointer. Empty when the message is fine.
 * `allow` lists control sequences the bot put there on purpose (the sharer's `<@U…>`).
 */
export function checkMessage(message: SlackMessage, surface: Surface = 'message', options: { allow?: string[] } = {}): string[] {
  const allowed = new Set(options.allow ?? []);
  const unsafe = (text: string) => unsafeSequences(text).filter((sequence) => !allowed.has(sequence));
  const problems: string[] = [];
  const maxBlocks = surface === 'home' ? LIMITS.surfaceBlocks : LIMITS.messageBlocks;
  if (message.blocks.length > maxBlocks) problems.push(`/blocks: ${message.blocks.length} blocks, limit ${maxBlocks}`);
  if (surface === 'message') {
    if (message.text.trim() === '') problems.push('/text: the fallback text is empty');
    if (message.text.length > LIMITS.fallbackText) problems.push(`/text: ${message.text.length} chars, limit ${LIMITS.fallbackText}`);
    for (const sequence of unsafe(message.text)) problems.push(`/text: unescaped control sequence ${sequence}`);
  }
  let total = 0;
  const checkText = (pointer: string, value: unknown, max: number, mrkdwnAllowed = true) => {
    const text = textOf(value);
    if (text === undefined) return;
    total += text.length;
    if (text.length === 0) problems.push(`${pointer}: empty text`);
    if (text.length > max) problems.push(`${pointer}: ${text.length} chars, limit ${max}`);
    const isMrkdwn = (value as { type?: string }).type === 'mrkdwn';
    if (isMrkdwn && mrkdwnAllowed) {
      for (const sequence of unsafe(text)) problems.push(`${pointer}: unescaped control sequence ${sequence}`);
    }
  };

  message.blocks.forEach((block: KnownBlock, index) => {
    const at = `/blocks/${index}`;
    if (block.block_id && block.block_id.length > LIMITS.blockId) problems.push(`${at}/block_id: too long`);
    switch (block.type) {
      case 'header':
        checkText(`${at}/text`, block.text, LIMITS.headerText);
        if (block.text.type !== 'plain_text') problems.push(`${at}/text: header text must be plain_text`);
        break;
      case 'section':
        checkText(`${at}/text`, block.text, LIMITS.sectionText);
        if (block.fields && block.fields.length > LIMITS.fields) problems.push(`${at}/fields: more than ${LIMITS.fields}`);
        block.fields?.forEach((field, i) => checkText(`${at}/fields/${i}`, field, LIMITS.fieldText));
        break;
      case 'context':
        if (block.elements.length > LIMITS.contextElements) problems.push(`${at}/elements: more than ${LIMITS.contextElements}`);
        block.elements.forEach((element, i) => checkText(`${at}/elements/${i}`, element, LIMITS.sectionText));
        break;
      case 'actions': {
        if (block.elements.length > LIMITS.actionsElements) problems.push(`${at}/elements: more than ${LIMITS.actionsElements}`);
        const ids = new Set<string>();
        block.elements.forEach((element, i) => {
          if (element.type !== 'button') return;
          checkText(`${at}/elements/${i}/text`, element.text, LIMITS.buttonText);
          if (element.value !== undefined && element.value.length > LIMITS.buttonValue) problems.push(`${at}/elements/${i}/value: too long`);
          const id = element.action_id ?? '';
          if (id.length > LIMITS.actionId) problems.push(`${at}/elements/${i}/action_id: too long`);
          if (ids.has(id)) problems.push(`${at}/elements/${i}/action_id: "${id}" repeats within the block`);
          ids.add(id);
        });
        break;
      }
      default:
        break;
    }
  });
  if (surface === 'message' && total > LIMITS.totalBlockText) problems.push(`/blocks: ${total} chars of text in all, limit ${LIMITS.totalBlockText}`);
  return problems;
}

/** The parts of a modal view Slack limits (see views.open). */
export interface ModalLike {
  type: string;
  title: { type: string; text: string };
  close?: { type: string; text: string };
  blocks: KnownBlock[];
}

/**
 * Every limit a modal view breaks, each with its JSON pointer: its type, title and close button
 * (plain text, 24 characters), then its blocks as a 100-block surface, and its size.
 */
export function checkView(view: ModalLike): string[] {
  const problems: string[] = [];
  if (view.type !== 'modal') problems.push(`/type: "${view.type}", expected "modal"`);
  for (const [key, text] of [['title', view.title], ['close', view.close]] as const) {
    if (text === undefined) continue;
    if (text.type !== 'plain_text') problems.push(`/${key}: must be plain_text`);
    if (text.text.length === 0 || text.text.length > LIMITS.viewTitle) problems.push(`/${key}/text: ${text.text.length} chars, limit ${LIMITS.viewTitle}`);
  }
  problems.push(...checkMessage({ text: view.title.text, blocks: view.blocks }, 'home'));
  const size = JSON.stringify(view).length;
  if (size > LIMITS.surfaceJson) problems.push(`/: ${size} chars of JSON, limit ${LIMITS.surfaceJson}`);
  return problems;
}
