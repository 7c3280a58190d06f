/** Generators of the input organizers' tools (and attackers) actually send. */
import fc from 'fast-check';

export const CONTROL_SEQUENCES = ['<!channel>', '<!here>', '<!everyone>', '<@U0BOSS>', '<#C0SECRET>', '<#C0SECRET|hr>', '<https://evil.example|click>', '<!subteam^S0ADMINS>', '&lt;!channel&gt;'];

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const pieces = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CONTROL_SEQUENCES) },
  { weight: 3, arbitrary: fc.constantFrom('elbit', 'palantir', 'مصلحة السجون', 'إلبيت', 'nimbus', 'lang:ar', 'lang:en', 'search', 'list', 'help', 'version', 'digest', 'status', '?', '؟') },
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\u0007', '\u001b[31m', '\u200f', '\u200e', '\u202e', '\uFEFF', '\uFFFD', '\uD800', '\uDFFF', '🙂', '👩🏽‍💻', '\t', '\n', '\r\n', '*', '_', '`', '~', '&', '<', '>') },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Text for a slash command or a mention: hostile pieces, Arabic and Latin mixed, sometimes huge. */
export const hostileText = fc.oneof(
  { weight: 8, arbitrary: fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '   \t  ', '\n\n') },
  { weight: 1, arbitrary: fc.tuple(pieces, fc.integer({ min: 1000, max: 10_000 })).map(([piece, length]) => (piece || 'x').repeat(Math.ceil(length / Math.max(1, piece.length))).slice(0, length)) },
);

/** A button value: ours, ours but damaged, JSON of another shape, or anything. */
export const hostileButtonValue = fc.oneof(
  fc.record({ v: fc.constant(1), q: hostileText, lang: fc.constantFrom('en', 'ar') }).map((value) => JSON.stringify(value)),
  fc.record({ v: fc.constant(1), q: fc.constantFrom('elbit', 'palantir', 'list'), lang: fc.constantFrom('en', 'ar') }).map((value) => JSON.stringify(value)).chain((json) => fc.nat({ max: json.length }).map((cut) => json.slice(0, cut))),
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify({ v: 1, q: value, lang: 'en' })),
  fc.string({ maxLength: 3000 }),
  fc.string({ unit: anyCodeUnit, maxLength: 200 }),
);

/** Strings that should appear in no message the bot sends, unescaped. */
export const FORBIDDEN_IN_MESSAGES = /<!(channel|here|everyone|subteam)|<@U0BOSS>|<#C0SECRET|<https:\/\/evil/;

/** What a message shows (button values are data, not displayed). */
export function shown(message: unknown): string {
  return JSON.stringify(message, (key, value: unknown) => (key === 'value' ? undefined : value)) ?? '';
}
