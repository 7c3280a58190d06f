/**
 * Text a person types, and the same text as Slack sends it to an app: `& < >` entity-encoded,
 * emoji picked in the client as `:shortcode:` (a skin tone as `::skin-tone-N:`), `@channel`
 * as `<!channel>`, a person as `<@U…|name>`, a channel as `<#C…|name>`, a URL as `<url>`.
 * Built piece by piece, so each piece's encoding is known exactly.
 */
import fc from 'fast-check';
import { emojiTable } from '../../src/slack/emoji.js';

export interface TypedPiece {
  typed: string;
  sent: string;
}

export function escapeAsSlack(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Every standard emoji (and toned variant) with the shortcode Slack sends for it. */
function emojiPieces(): TypedPiece[] {
  const pieces = new Map<string, string>();
  for (const [name, emoji] of emojiTable()) {
    if (!pieces.has(emoji.char)) pieces.set(emoji.char, `:${name}:`);
    for (const [tone, char] of emoji.tones ?? []) if (!pieces.has(char)) pieces.set(char, `:${name}::skin-tone-${tone}:`);
  }
  return [...pieces].map(([typed, sent]) => ({ typed, sent }));
}

/** Free text as typed: anything but a `:word:` pattern (the composer turns those into emoji). */
const plainText = fc
  .oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('elbit', 'palantir', 'Google & Amazon', 'a<b>c', '&amp;', '&lt;!channel&gt;', '<!channel>', '<@U0BOSS>', 'hey', 'thanks', 'what about', 'ماذا عن', 'بالانتیر', 'مصلحة السجون', '10:30:45', 're:nimbus', 'lang:ar', 'list', 'search', '؟', '!'),
  )
  .filter((text) => !/:[^\s:]*:/.test(text))
  .map((typed): TypedPiece => ({ typed, sent: escapeAsSlack(typed) }));

const references = fc.constantFrom<TypedPiece>(
  { typed: '@channel', sent: '<!channel>' },
  { typed: '@here', sent: '<!here>' },
  { typed: '@everyone', sent: '<!everyone>' },
  { typed: '@maya', sent: '<@U0MAYA|maya>' },
  { typed: '#organizing', sent: '<#C0ORGANIZE|organizing>' },
  { typed: '@organizers', sent: '<!subteam^S0ORG|@organizers>' },
  { typed: 'https://example.org/a?b=1&c=2', sent: '<https://example.org/a?b=1&amp;c=2>' },
  { typed: 'maya@example.org', sent: '<mailto:maya@example.org|maya@example.org>' },
);

let emoji: fc.Arbitrary<TypedPiece> | undefined;

/** A text a person could type, as a list of pieces joined by spaces. */
export function typedText(): fc.Arbitrary<{ typed: string; sent: string }> {
  emoji ??= fc.constantFrom(...emojiPieces());
  return fc.array(fc.oneof({ weight: 4, arbitrary: plainText }, { weight: 2, arbitrary: emoji }, { weight: 1, arbitrary: references }), { maxLength: 8 }).map((pieces) => ({
    typed: pieces.map((piece) => piece.typed).join(' '),
    sent: pieces.map((piece) => piece.sent).join(' '),
  }));
}
