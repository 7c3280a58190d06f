/**
 * What Slack sent → what the person typed. The one decoding step at the entry of every surface
 * (slash command, mention; DMs and shortcuts reuse it), before the grammar sees the text.
 * Pure: no Bolt, no I/O beyond the emoji table's first load.
 *
 * In text a person typed, Slack sends (https://docs.slack.dev/messaging/formatting-message-text):
 * - `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;` (and nothing else entity-encoded);
 * - references as control sequences: `<@U…>` / `<@U…|name>` (people), `<#C…>` / `<#C…|name>`
 *   (channels), `<!here>`, `<!channel>`, `<!everyone>`, `<!subteam^S…|@name>` (groups),
 *   `<!date^…|fallback>`, and links `<https://…>`, `<https://…|label>`, `<mailto:…|label>`;
 * - emoji picked in the client as `:shortcode:`, a skin tone as `:wave::skin-tone-3:`.
 *
 * Each is turned back into what the person saw: `@name`, `#name`, `@here`, the link's label (or
 * its address), the emoji character. The result is plain text, not mrkdwn: whatever echoes it
 * escapes it once (src/messages/escape.ts), and a decoded `@channel` is plain text that pings
 * nobody. Everything is decoded in a single left-to-right pass, so text produced by one
 * replacement is never decoded again (`&amp;lt;` is the `&lt;` the person typed, not `<`).
 */
import { emojiFor } from './emoji.js';

export interface DecodeOptions {
  /**
   * The bot's own user id: a reference to it addresses the bot (`@NoTech what about …`) and is
   * dropped, wherever in the text it is.
   */
  self?: string;
}

/**
 * One pass over: a control sequence `<…>`, one of the three entities, or an emoji shortcode
 * with an optional skin tone. A shortcode right after a digit is left alone ("10:30:45",
 * "10:100:"): Slack's names are lower-case letters, digits, `_`, `+`, `-` and `'`.
 */
const SLACK_MARKUP = /<([^<>]*)>|&(amp|lt|gt);|(?<!\p{N}):([a-z0-9_+'-]+):(?::skin-tone-([2-6]):)?/gu;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };
const SPECIAL_MENTIONS: Record<string, string> = { here: '@here', channel: '@channel', everyone: '@everyone', group: '@channel' };

/** Entities only: the labels inside control sequences are encoded too. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_match, name: string) => ENTITIES[name]!);
}

/** `<…>` → what the person saw. `inner` is what is between the brackets. */
function decodeReference(inner: string, options: DecodeOptions): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : decodeEntities(inner.slice(bar + 1));
  const withAt = (name: string) => (name.startsWith('@') ? name : `@${name}`);
  switch (target[0]) {
    case '@': {
      // <@U…> / <@W…> (a person) or <@B…>: the bot itself is who is being addressed.
      const id = target.slice(1);
      if (options.self !== undefined && id === options.self) return ' ';
      return withAt(label || id);
    }
    case '#':
      return `#${label || target.slice(1)}`;
    case '!': {
      const [command = '', id = ''] = target.slice(1).split('^');
      const special = SPECIAL_MENTIONS[command];
      if (special) return special;
      if (command === 'subteam') return withAt(label || id);
      // <!date^…|fallback> and any other special: the text Slack would show in its place.
      return label || decodeEntities(target.slice(1));
    }
    default: {
      // A link: its label if it has one, else the address (mailto: dropped, as shown).
      if (label) return label;
      const address = decodeEntities(target);
      return address.startsWith('mailto:') ? address.slice('mailto:'.length) : address;
    }
  }
}

/**
 * Decode text as Slack sent it (a slash command's `text`, an event's `text`) into the text the
 * person typed. Never throws; any string is accepted (unbalanced `<`, unknown shortcodes and
 * custom emoji are kept as they are).
 */
export function decodeSlackText(sent: string, options: DecodeOptions = {}): string {
  return sent.replace(SLACK_MARKUP, (match, inner: string | undefined, entity: string | undefined, name: string | undefined, tone: string | undefined) => {
    if (inner !== undefined) return decodeReference(inner, options);
    if (entity !== undefined) return ENTITIES[entity]!;
    const emoji = emojiFor(name!, tone === undefined ? undefined : Number(tone));
    return emoji ?? match;
  });
}
