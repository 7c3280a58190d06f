/**
 * The shape of data/knowledge.json. This file is the single definition: the runtime check,
 * the TypeScript types and data/knowledge.schema.json (for editors) all come from it.
 *
 * Rules a schema cannot express (unique ids, cited sources exist, changelog order) live in
 * crosscheck.ts.
 */
import { z } from 'zod';

const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "elbit-systems"')
  .max(64)
  .describe('A stable identifier: lower-case words joined by hyphens. Never change it once published.');

/** A calendar date, ISO 8601: YYYY-MM-DD. */
export const IsoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });

/** A date that may be known only to the month or year: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

export const SemVer = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be a version like 1.2.0 (MAJOR.MINOR.PATCH)');

const EnglishText = z.string().trim().min(1, 'must not be empty');
const ArabicText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .regex(ARABIC_SCRIPT, 'must be written in Arabic script, not transliterated')
  // Arabic quotes are « »: English quotes read as the wrong way round in an Arabic sentence,
  // and the interface's own Arabic (src/messages/strings/ar.ts) quotes with « » too.
  .regex(/^[^"“”]*$/, 'quotes in Arabic text are « », not "…" or “…”');

/** Every piece of text an organizer reads exists in English and Arabic. */
export const Bilingual = z.strictObject({ en: EnglishText, ar: ArabicText });

const OneLine = (max: number) =>
  z.strictObject({
    en: EnglishText.max(max).regex(/^[^\n]*$/, 'must be one line'),
    ar: ArabicText.max(max).regex(/^[^\n]*$/, 'must be one line'),
  });

export const HttpsUrl = z
  .url({ protocol: /^https$/, message: 'must be a full https:// URL' })
  // < > | would break Slack's <url|label> link syntax.
  .regex(/^[^\s<>|]+$/, 'must not contain spaces or the characters < > |');

/**
 * What a source is, so a card can tell a Reuters report from a mirror of it or from the
 * campaign's own page. Shown in words on cards for `campaign` and `republication`.
 * - news: a news outlet's own report.
 * - official: a government, company or regulator's own record or statement.
 * - court: a court ruling or a legal or regulatory filing.
 * - ngo: a report by a non-governmental or UN body that is not the campaign.
 * - campaign: the campaign's own publication (No Tech for Apartheid, No Azure for Apartheid, BDS, …).
 * - republication: a copy, summary or mirror of another source; `note` says what the original is.
 */
export const SOURCE_KINDS = ['news', 'official', 'court', 'ngo', 'campaign', 'republication'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const Source = z.strictObject({
  id: Id,
  kind: z
    .enum(SOURCE_KINDS)
    .describe('What the source is: news, official, court, ngo, campaign or republication (then `note` says what the original is).'),
  publisher: z.string().trim().min(1),
  title: z.string().trim().min(1),
  date: PartialDate.nullable().describe('Publication date; null when the source gives none (the card says so).'),
  url: HttpsUrl,
  archiveUrl: HttpsUrl.optional().describe('An archived copy of `url` (e.g. on web.archive.org), for when the original moves or dies.'),
  note: z.string().trim().min(1).optional().describe('For maintainers: how this copy was seen (mirror, citation).'),
});

const SourceIds = z.array(Id).min(1, 'must cite at least one source');

/**
 * How safe a claim is to repeat in public. Organizers see this in words on every card.
 * - reported: independently reported by news media or an official record.
 * - campaign: the campaign's own claim, attributed to it; no independent source found yet.
 * - corrected: the seed article said something else; `seedSaid` records what, the text gives what sources say.
 */
export const SOURCING_LEVELS = ['reported', 'campaign', 'corrected'] as const;
export type SourcingLevel = (typeof SOURCING_LEVELS)[number];

const sourcingFields = {
  sources: SourceIds,
  asOf: PartialDate.optional().describe(
    'For a state that changes (a status, a count, services cut off): the date it was last known to be true.',
  ),
  caveat: Bilingual.optional().describe('A limit the reader should know, e.g. "seen only in a republication".'),
};

function withSourcing<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion('level', [
    z.strictObject({ ...shape, ...sourcingFields, level: z.literal('reported') }),
    z.strictObject({ ...shape, ...sourcingFields, level: z.literal('campaign') }),
    z.strictObject({
      ...shape,
      ...sourcingFields,
      level: z.literal('corrected'),
      seedSaid: Bilingual.describe('What the seed article (the campaign primer) said, which the sources correct.'),
    }),
  ]);
}

/** How many facts an entry may mark `key`: the compact card shows at most this many. */
export const MAX_KEY_FACTS = 3;

export const Fact = withSourcing({
  text: Bilingual,
  key: z
    .boolean()
    .optional()
    .describe(`A key fact: shown on the compact card, the first answer organizers see. At most ${MAX_KEY_FACTS} per entry; with none marked, the card picks (see src/messages/compact-card.ts).`),
});

export const FIGURE_UNITS = ['USD', 'GBP', 'EUR', 'ILS', 'NOK', 'percent', 'count', 'terabytes', 'petabytes'] as const;

export const Figure = withSourcing({
  label: OneLine(120),
  value: z.number().finite().nonnegative(),
  unit: z.enum(FIGURE_UNITS),
  year: z.number().int().min(1900).max(2100).optional(),
  qualifier: z.enum(['about', 'more-than', 'at-least']).optional().describe('Shown before the value: "about", "more than", "at least".'),
  covers: z
    .strictObject({ from: PartialDate, to: PartialDate })
    .optional()
    .describe('The period the data behind the figure covers, e.g. a conviction rate for 2018-01 to 2021-04.'),
});

/** Days between checks of an entry against its sources, when neither the entry nor the file sets one. */
export const DEFAULT_REVIEW_EVERY_DAYS = 180;

/** A review interval in days (at most ten years: longer is no review at all). */
const ReviewEveryDays = z.number().int().min(1).max(3650);

/**
 * What an entry is. The order is the order of `/notech list` and the Home tab: the contracts and
 * the companies party to them first.
 * - contract: a contract, deal, investment or divestment.
 * - company: a company, its contracts and what it says.
 * - campaign: a campaign or activist group.
 * - report: a report by the UN, an NGO or a regulator; its findings are its authors', not a contract.
 * - event: something that happened on a date: a protest, a firing, a vote, a ruling.
 */
export const ENTRY_KINDS = ['contract', 'company', 'campaign', 'report', 'event'] as const;
export const ENTRY_STATUSES = ['active', 'ended', 'divested', 'sold', 'suspended', 'unconfirmed'] as const;

export const Entry = z.strictObject({
  id: Id,
  kind: z.enum(ENTRY_KINDS),
  name: OneLine(100),
  aliases: z.strictObject({
    en: z.array(z.string().trim().min(1).max(60)),
    ar: z.array(z.string().trim().min(1).max(60).regex(ARABIC_SCRIPT, 'must be written in Arabic script')).min(
      1,
      'needs at least one Arabic alias so Arabic queries find it',
    ),
  }),
  summary: OneLine(300),
  parties: z.array(Bilingual).optional().describe('Who is party to it: companies, agencies, funds.'),
  year: z.number().int().min(1900).max(2100).optional().describe('The year it started or was signed.'),
  status: z.enum(ENTRY_STATUSES).optional(),
  statusAsOf: PartialDate.optional().describe('The date `status` was last known to be true, from its sources.'),
  figures: z.array(Figure).default([]),
  facts: z.array(Fact).min(1, 'needs at least one fact'),
  related: z.array(Id).default([]),
  verified: IsoDate.describe('The date a maintainer last checked this entry against its sources.'),
  reviewEveryDays: ReviewEveryDays.optional().describe(
    'Days after `verified` when this entry is due for another check; overrides the file\'s `reviewEveryDays`.',
  ),
});

export const ChangelogRelease = z.strictObject({
  version: SemVer,
  date: IsoDate,
  added: z.array(Id).default([]),
  changed: z.array(Id).default([]),
  removed: z.array(Id).default([]),
  note: OneLine(300),
});

export const KnowledgeFile = z.strictObject({
  $schema: z.string().optional(),
  version: SemVer,
  updated: IsoDate,
  reviewEveryDays: ReviewEveryDays.optional().describe(
    `Days after an entry's \`verified\` date when it is due for another check, unless the entry sets its own. Default ${DEFAULT_REVIEW_EVERY_DAYS}.`,
  ),
  changelog: z.array(ChangelogRelease).min(1, 'needs at least one release'),
  sources: z.array(Source).min(1),
  entries: z.array(Entry).min(1),
});

export type Bilingual = z.infer<typeof Bilingual>;
export type Source = z.infer<typeof Source>;
export type Fact = z.infer<typeof Fact>;
export type Figure = z.infer<typeof Figure>;
export type Entry = z.infer<typeof Entry>;
export type ChangelogRelease = z.infer<typeof ChangelogRelease>;
export type KnowledgeData = z.infer<typeof KnowledgeFile>;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
