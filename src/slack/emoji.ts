/**
 * Slack's emoji shortcodes → the characters they stand for. Slack's emoji set is iamcal's
 * emoji-data (the `emoji-datasource` package is that data, as published by its author), so a
 * `:fire:` picked in the client maps back to exactly the 🔥 the person saw. Custom workspace
 * emoji (`:partyparrot:`) are not in it: they have no character and stay as typed.
 *
 * The table is built on first use from the package's JSON (1.3 MB, read once, not kept): most
 * texts hold no shortcode, and the console never needs it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface EmojiRecord {
  unified: string;
  short_names: string[];
  skin_variations?: Record<string, { unified: string }>;
}

interface Emoji {
  char: string;
  /** Skin tone 2…6 (Slack's `::skin-tone-N:`) → the toned character. */
  tones?: Map<number, string>;
}

/** Slack's skin tones 2–6 are the Fitzpatrick modifiers U+1F3FB–U+1F3FF. */
const TONE_CODES: Record<string, number> = { '1F3FB': 2, '1F3FC': 3, '1F3FD': 4, '1F3FE': 5, '1F3FF': 6 };

let table: Map<string, Emoji> | undefined;

function fromUnified(unified: string): string {
  return String.fromCodePoint(...unified.split('-').map((hex) => Number.parseInt(hex, 16)));
}

function load(): Map<string, Emoji> {
  const path = createRequire(import.meta.url).resolve('emoji-datasource/emoji.json');
  const records = JSON.parse(readFileSync(path, 'utf8')) as EmojiRecord[];
  const byName = new Map<string, Emoji>();
  for (const record of records) {
    const emoji: Emoji = { char: fromUnified(record.unified) };
    for (const [code, variation] of Object.entries(record.skin_variations ?? {})) {
      const tone = TONE_CODES[code];
      if (tone !== undefined) (emoji.tones ??= new Map()).set(tone, fromUnified(variation.unified));
    }
    for (const name of record.short_names) byName.set(name, emoji);
  }
  return byName;
}

/** Every shortcode Slack knows without a workspace's custom emoji, e.g. `fire`, `+1`, `wave`. */
export function emojiTable(): ReadonlyMap<string, Emoji> {
  return (table ??= load());
}

/**
 * The character for `:name:` (with `::skin-tone-N:` when `tone` is 2–6), or undefined for a
 * name that is not a standard emoji (a custom one, or text that only looks like a shortcode).
 */
export function emojiFor(name: string, tone?: number): string | undefined {
  const emoji = emojiTable().get(name);
  if (!emoji) return undefined;
  return (tone !== undefined ? emoji.tones?.get(tone) : undefined) ?? emoji.char;
}
