/**
 * The shape of the interface text: every language's table (en.ts, ar.ts) is a `UiStrings`, so
 * the compiler keeps their keys the same. Text is Slack mrkdwn (a literal < > & is &lt; &gt;
 * &amp;); functions take values already escaped.
 */
import type { EntryKind, EntryStatus, FIGURE_UNITS, SourceKind, SourcingLevel } from '../../knowledge/schema.js';
import type { Lang } from '../../knowledge/normalize.js';

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
  /** Between the items of a list (parties, names, commands) and between a value and what it is: a comma, the Arabic comma "، " in Arabic. */
  listSeparator: string;
  /** A quotation inside the interface's text (what the seed article said): “…” in English, «…» in Arabic. */
  quote: (text: string) => string;
  // Issue 15: reports and review dates
  /** The card's button that opens the "Report a problem" modal. */
  reportProblem: string;
  /** Atop a card whose entry is overdue for a check; `ago` is already phrased ("8 months ago", "قبل 8 أشهر"). */
  /** The monthly review posted to MAINTAINERS_CHANNEL: stale knowledge and a count of reports (never who). */
  maintainersReview: {
    title: (month: string) => string;
    staleEntries: (count: number) => string;
    noStaleEntries: string;
    /** One stale entry: its name, id, "8 months ago" (since `verified`) and days past its interval. */
    staleEntry: (name: string, id: string, checkedAgo: string, overdueDays: number) => string;
    staleStatements: (count: number) => string;
    noStaleStatements: string;
    /** One stale time-sensitive statement: its JSON path and its `asOf` date. */
    staleStatement: (path: string, asOf: string) => string;
    moreStatements: (count: number) => string;
    reports: (count: number, month: string) => string;
    footer: string;
    tooLong: string;
  };
  staleBanner: (ago: string) => string;
  /** Beside a stale entry in `/notech list` and on the Home tab, and the line that explains it. */
  staleMark: string;
  staleLegend: string;
  /** The report modal: title, submit and close (24 characters at most each), its fields. */
  reportTitle: string;
  reportSubmit: string;
  reportCancel: string;
  reportIntro: (entryName: string) => string;
  reportWhich: string;
  reportSomethingElse: string;
  reportWhat: string;
  reportUrl: string;
  reportUrlHint: string;
  reportWho: string;
  reportAnonymous: string;
  reportNamed: string;
  /** Field errors shown in the modal (response_action: errors). */
  reportUrlInvalid: string;
  reportTooMany: string;
  reportFailed: string;
  /** The reporter's private confirmation. */
  reportThanks: (entryName: string) => string;
  /** The report as the maintainers' channel sees it. */
  reportHeading: (entryName: string, entryId: string) => string;
  reportFact: string;
  reportWrong: string;
  reportSource: string;
  reportNoSource: string;
  reportBy: (userMention: string) => string;
  reportByAnonymous: string;
  /** Which card the report came from, in the maintainers' message. */
  reportFromCard: (cardLanguage: Lang) => string;
  /** When the reported fact is no longer where the report says (the knowledge changed since). */
  reportPathGone: string;
  /** Said privately when Slack did not open the report window. */
  reportNotOpened: string;
  /** A field error when "what is wrong" holds only spaces. */
  reportEmpty: string;
  // Issue 16: DMs and the message shortcut
  /** How-to-ask lines for DMs and the "Check with NoTech" shortcut (help and the Home tab add them after helpLines). */
  dmAndShortcutHelpLines: string[];
  /** The short reply to a DM that names no topic: how to ask, in a DM. */
  dmQuickHelp: string;
  /** "Check with NoTech": the answer's first line. */
  checkTitle: string;
  /** Under the title: what was compared with what; `version` is the knowledge version. */
  checkIntro: (version: string) => string;
  checkTopics: string;
  /** The message names no topic: its figures are not compared. */
  checkNoTopic: string;
  checkFigures: string;
  /** Topics named, but no figure stated. */
  checkNoFigures: string;
  /** Neither a topic nor a figure. */
  checkNothing: string;
  /** How to use the shortcut, after checkNoTopic or checkNothing. */
  checkHowTo: string;
  /** A figure as the message wrote it, quoted (already escaped). */
  checkQuote: (written: string) => string;
  /** The verdicts in words: a comparison with the knowledge, never "true" or "false". */
  verdicts: { matches: string; differs: string; 'not-in-knowledge': string };
  /** Before the knowledge's figures that differ: "the knowledge has". */
  checkKnowledgeHas: string;
  /** A match once rounded to the precision the message wrote ("99.7%" for 99.74%). */
  checkRounded: string;
  /** The message wrote money without a currency ("1.2bn"). */
  checkNoCurrency: string;
  /** The message's figure is the seed article's, which the sources correct. */
  checkRepeatsSeed: string;
  /** The message gave a bound ("over 13 PB") that the knowledge's value satisfies. */
  checkWithinBound: string;
  /** A not-in-knowledge figure that the knowledge has for a topic the message does not name. */
  checkElsewhere: (topic: string) => string;
  /** A bare year that is a named topic's own year: "Project Nimbus: 2021". */
  checkEntryYear: (topic: string, year: number) => string;
  /** The bound words a message wrote before a figure, quoted with it. */
  checkBounds: Record<'more-than' | 'at-least' | 'less-than' | 'at-most', string>;
  /** More figures than the answer shows. */
  checkMoreFigures: (count: number) => string;
  /** Said privately to someone in a workspace where NoTech is not (or no longer) installed (OAuth). */
  notInstalled: string;
}
