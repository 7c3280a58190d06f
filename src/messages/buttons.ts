/**
 * The button contract, in one place: the action ids the bot's buttons use (the Slack adapter
 * registers a listener for each), what a button's value carries, the builders that write it and
 * the reader that takes it back. A value is enough to rebuild the same answer and nothing about
 * people: `{ v: 1, q, lang }`, where `q` is the command text (an entry id, "list", "search …").
 */
import type { Button } from '@slack/types';
import { z } from 'zod';
import type { Lang } from './strings/index.js';
import { button } from './blocks.js';

export const ACTION_IDS = {
  share: 'notech_share',
  /** On a compact card: open the full card (every fact and source) in a modal. */
  allFacts: 'notech_all_facts',
  /** Suggestion buttons: `notech_open_0`, `notech_open_1`, … (unique within a block). */
  openPrefix: 'notech_open_',
  /** On every card when reports are on (a maintainers' channel is set): open the "Report a problem" modal. */
  report: 'notech_report',
} as const;

/** The actions block that holds "Report a problem" on a card in a modal (the one button a modal keeps). */
export const REPORT_BLOCK_ID = 'notech_report';

export const OPEN_ACTION_PATTERN = /^notech_open_\d+$/;

/** Longest command text a button carries, in characters (Slack allows 2,000 for the whole value). */
const MAX_QUERY = 500;

const ButtonValueSchema = z.strictObject({ v: z.literal(1), q: z.string().max(MAX_QUERY), lang: z.enum(['en', 'ar']) });

/** What every one of the bot's buttons carries. */
export type ButtonValue = z.infer<typeof ButtonValueSchema>;

function valueOf(q: string, lang: Lang): string {
  return JSON.stringify({ v: 1, q: q.slice(0, MAX_QUERY), lang } satisfies ButtonValue);
}

/** "Share in channel": replays `q` (the command that produced the answer) publicly. */
export function shareButton(label: string, q: string, lang: Lang): Button {
  return button(label, ACTION_IDS.share, valueOf(q, lang), 'primary');
}

/** Opens one topic's card (`q`: its entry id); `index` keeps action ids unique within a block. */
export function openButton(label: string, q: string, lang: Lang, index: number): Button {
  return button(label, `${ACTION_IDS.openPrefix}${index}`, valueOf(q, lang));
}

/** On a compact card: opens the full card of entry `q` in a modal. */
export function allFactsButton(label: string, q: string, lang: Lang): Button {
  return button(label, ACTION_IDS.allFacts, valueOf(q, lang));
}

/** "Report a problem" on a card about `entryId` (its value: the same shape as Share's). */
export function reportProblemButton(label: string, entryId: string, lang: Lang): Button {
  return button(label, ACTION_IDS.report, valueOf(entryId, lang));
}

/**
 * A button's value read back. Slack returns whatever the message held, and a forged or
 * truncated payload can hold anything: only our own shape is accepted, else undefined (the
 * listener treats the button as expired).
 */
export function readButtonValue(value: unknown): ButtonValue | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  try {
    const parsed = ButtonValueSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
