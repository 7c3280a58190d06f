/**
 * The shape of the interface text: every language's table (en.ts, ar.ts) is a `UiStrings`, so
 * the compiler keeps their keys the same. Text is Slack mrkdwn (a literal < > & is &lt; &gt;
 * &amp;); functions take values already escaped.
 */
import type { EntryKind, EntryStatus, FIGURE_UNITS, SourceKind, SourcingLevel } from '../../knowledge/schema.js';

export interface UiStrings {
  locale: string;
  kinds: Record<EntryKind, string>;
  kindsPlural: Record<EntryKind, string>;
  statuses: Record<EntryStatus, string>;
  /** Sourcing levels in words, with the marker shown beside each fact. */
  levels: Record<SourcingLevel, { marker: string; words: string }>;
  seedSaid: string;
  caveat: string;
  keyFigures: string;
  facts: string;
  contracts: string;
  sources: string;
  parties: string;
  status: string;
  undated: string;
  /** A changing state's date in words ("as of October 2025"); `date` is already formatted. */
  asOf: (date: string) => string;
  /** The period a figure's data covers; `to` is left out when the period is one date. */
  covers: (from: string, to?: string) => string;
  /** Marks for the kinds of source a reader must be told about; other kinds show none. */
  sourceMarks: Partial<Record<SourceKind, string>>;
  /** The label of the link to a source's archived copy. */
  archivedCopy: string;
  verified: string;
  knowledgeVersion: string;
  related: string;
  /** The compact card's button that opens the full card (every fact and source) in a modal. */
  allFacts: (facts: number) => string;
  /** Said privately when the full card could not be opened in a modal (it follows as a message). */
  modalFailed: string;
  share: string;
  sharedBy: (userMention: string) => string;
  qualifiers: Record<'about' | 'more-than' | 'at-least', string>;
  /** An amount with its unit, as said in this language; `amount` is already formatted. Percent and counts have none. */
  units: Record<Exclude<(typeof FIGURE_UNITS)[number], 'percent' | 'count'>, (amount: string) => string>;
  helpTitle: string;
  helpIntro: string;
  helpLines: string[];
  helpLegend: string;
  listTitle: string;
  listIntro: string;
  resultsTitle: (words: string) => string;
  noResults: (words: string) => string;
  noTopic: (text: string) => string;
  didYouMean: string;
  /** A message that names several topics (2–5): say so, quoting it, before offering each. */
  namedTopics: (text: string, count: number) => string;
  nothingClose: string;
  versionTitle: string;
  versionLine: (version: string, updated: string, entries: number) => string;
  added: string;
  changed: string;
  removed: string;
  andMore: (count: number) => string;
  tryNext: string;
  truncated: string;
  digestUnavailable: string;
  /** The short reply to a mention that names no topic: how to ask, in two lines. */
  quickHelp: string;
  /** The Home tab: section titles, the topic count, the buttons that open a card in each language. */
  home: { whatsNew: string; howToAsk: string; topics: (count: number) => string; open: string };
  /** The close button of a modal. */
  close: string;
  /** Replies when something went wrong or a button no longer works, and what Share says. */
  notices: {
    failed: string;
    expired: string;
    shared: string;
    shareFailed: string;
    /** DM'd when a share failed and nothing else reaches the person; `query` is the command to ask again (already safe mrkdwn). */
    unshareable: (query: string) => string;
  };
  /** The weekly digest message. */
  digest: {
    title: (week: string) => string;
    whatsNew: (since: string | undefined) => string;
    nothingNew: (version: string) => string;
    spotlight: string;
    ask: string;
  };
  /** Replies to `/notech digest …`. */
  digestCommands: {
    forms: string;
    invalid: (problem: string) => string;
    notAdmin: string;
    /** `bilingual`: the channel chose Arabic, so it gets both languages. */
    subscribed: (described: string, next: string, bilingual: boolean) => string;
    joined: string;
    invite: string;
    unsubscribed: string;
    notSubscribed: string;
    fromConfig: string;
    status: (described: string, next: string, last: string) => string;
    never: string;
    help: string;
    /** Day names, Sunday first (index = cron day of week). */
    days: readonly [string, string, string, string, string, string, string];
    /** A weekly schedule as `subscribed`/`status` quote it; `time` is HH:MM, `timezone` an IANA name. */
    weekly: (day: string, time: string, timezone: string) => string;
    /** A schedule that is not one weekly time (a cron set in DIGEST_SCHEDULE). */
    cron: (cron: string, timezone: string) => string;
  };
  /** The local console (a developer's terminal). */
  console: { welcome: (version: string) => string; unknownCommand: (command: string) => string };
}
