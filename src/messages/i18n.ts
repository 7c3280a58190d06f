/**
 * Every piece of interface text, written as Slack mrkdwn (so a literal < > & is &lt; &gt; &amp;), in both languages, in one place. Builders pick from here;
 * they never hold strings of their own.
 */
import type { Lang } from '../knowledge/normalize.js';
import type { EntryKind, EntryStatus, SourceKind, SourcingLevel } from '../knowledge/schema.js';

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
  /** Between the items of a list (parties, names, commands) and between a value and what it is: a comma, the Arabic comma "، " in Arabic. */
  listSeparator: string;
  /** A quotation inside the interface's text (what the seed article said): “…” in English, «…» in Arabic. */
  quote: (text: string) => string;
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
  // Issue 15: reports and review dates
  /** The card's button that opens the "Report a problem" modal. */
  reportProblem: string;
  /** Atop a card whose entry is overdue for a check; `ago` is already phrased ("8 months ago", "قبل 8 أشهر"). */
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
}

const en: UiStrings = {
  locale: 'en-GB',
  kinds: { contract: 'Contract', company: 'Company', campaign: 'Campaign', report: 'Report', event: 'Event' },
  kindsPlural: { contract: 'Contracts', company: 'Companies', campaign: 'Campaigns', report: 'Reports', event: 'Events' },
  statuses: {
    active: 'active',
    ended: 'ended',
    divested: 'divested',
    sold: 'sold',
    suspended: 'partly suspended',
    unconfirmed: 'not independently confirmed',
  },
  levels: {
    reported: { marker: '✅', words: 'Independently reported' },
    campaign: { marker: '⚠️', words: "Campaign's claim, not independently confirmed" },
    corrected: { marker: '✏️', words: 'Corrected' },
  },
  seedSaid: 'the seed article said',
  caveat: 'Note',
  keyFigures: 'Key figures',
  facts: 'Facts',
  contracts: 'Contracts',
  sources: 'Sources',
  parties: 'Parties',
  status: 'Status',
  undated: 'undated',
  listSeparator: ', ',
  quote: (text) => `“${text}”`,
  asOf: (date) => `as of ${date}`,
  covers: (from, to) => (to === undefined ? `data for ${from}` : `data for ${from} – ${to}`),
  sourceMarks: { campaign: 'campaign source', republication: 'republished copy' },
  archivedCopy: 'archived copy',
  verified: 'Verified',
  knowledgeVersion: 'Knowledge',
  related: 'Related',
  allFacts: (facts) => `All ${facts} ${facts === 1 ? 'fact' : 'facts'} and sources`,
  modalFailed: 'Slack did not open the full card in a window, so here it is.',
  share: 'Share in channel',
  sharedBy: (user) => `Shared by ${user}`,
  qualifiers: { about: 'about', 'more-than': 'more than', 'at-least': 'at least' },
  helpTitle: 'NoTech: sourced facts on tech for apartheid',
  helpIntro:
    'NoTech answers with sourced facts about tech contracts with the Israeli military and prison system. Every fact links its source and says how it is sourced.',
  helpLines: [
    '`/notech elbit`: the card for one topic (a contract, company, campaign, report or event), on one screen; its button opens all facts and sources',
    '`/notech elbit full`: the full card, every fact and source, in the message',
    '`/notech list`: every topic',
    '`/notech search divestment`: search all facts',
    '`/notech version`: the knowledge version and what changed',
    '`/notech digest subscribe`: a weekly digest in this channel (`/notech digest status` to check)',
    '`@NoTech what about palantir?`: ask in a channel; the answer comes in the thread',
    'Ask in Arabic for an Arabic answer, or add `lang:ar` / `lang:en`',
  ],
  helpLegend: 'How facts are sourced: ✅ independently reported · ⚠️ the campaign’s claim, not independently confirmed · ✏️ corrected (the seed article said otherwise)',
  listTitle: 'Topics',
  listIntro: 'Ask about any of these with `/notech &lt;name&gt;`.',
  resultsTitle: (words) => `Search results for “${words}”`,
  noResults: (words) => `No fact mentions “${words}”.`,
  noTopic: (text) => `No topic is called “${text}”.`,
  didYouMean: 'Did you mean:',
  namedTopics: (text, count) => `“${text}” names ${count} topics. Which one?`,
  nothingClose: 'Nothing close either.',
  versionTitle: 'Knowledge version',
  versionLine: (version, updated, entries) => `Version *${version}*, updated ${updated}, ${entries} topics.`,
  added: 'Added',
  changed: 'Changed',
  removed: 'Removed',
  andMore: (count) => `and ${count.toLocaleString('en')} more`,
  tryNext: 'Try `/notech list` for every topic, or `/notech search &lt;words&gt;`.',
  truncated: 'More is in the knowledge file; this message is at Slack’s size limit.',
  digestUnavailable: 'Digests are not available here.',
  // Issue 15: reports and review dates
  reportProblem: 'Report a problem',
  staleBanner: (ago) => `⏳ *Last checked ${ago}:* check the sources before repeating`,
  staleMark: '⏳',
  staleLegend: '⏳ not checked against its sources for a while: check the sources before repeating',
  reportTitle: 'Report a problem',
  reportSubmit: 'Send',
  reportCancel: 'Cancel',
  reportIntro: (name) => `What is wrong on the card *${name}*? Your report goes to the maintainers who check the facts.`,
  reportWhich: 'Which fact or figure?',
  reportSomethingElse: 'Something else',
  reportWhat: 'What is wrong?',
  reportUrl: 'A source that shows it (optional)',
  reportUrlHint: 'https://…',
  reportWho: 'Send it',
  reportAnonymous: 'Anonymously',
  reportNamed: 'With my name',
  reportUrlInvalid: 'Give a link that starts with https://, or leave this empty.',
  reportTooMany: 'You have sent 5 reports in the last hour, thank you. Please wait a while before sending another.',
  reportFailed: 'The report could not reach the maintainers just now. Please try again in a few minutes.',
  reportThanks: (name) => `Thank you: your report on *${name}* went to the maintainers.`,
  reportHeading: (name, id) => `Problem report on *${name}* (\`${id}\`)`,
  reportFact: 'Fact',
  reportWrong: 'What is wrong',
  reportSource: 'Source offered',
  reportNoSource: 'no source given',
  reportBy: (user) => `Reported by ${user}`,
  reportByAnonymous: 'Reported anonymously',
  reportFromCard: (lang) => (lang === 'ar' ? 'From the Arabic card' : 'From the English card'),
  reportPathGone: 'not in the knowledge file as it is now',
  reportNotOpened: 'Slack did not open the report window. Press “Report a problem” again.',
  reportEmpty: 'Say in a few words what is wrong.',
  // Issue 16: DMs and the message shortcut
  dmAndShortcutHelpLines: [
    'Send NoTech a direct message (its Messages tab): ask as you would in a channel, e.g. `what about palantir?`',
    '*Check with NoTech* (a message’s ⋮ menu, More message shortcuts): compares every figure in a message with the knowledge, privately',
  ],
  dmQuickHelp: "I didn't recognise a topic there. Ask me like `what about elbit?`, or send `list` for every topic.",
  checkTitle: 'Checked with NoTech',
  checkIntro: (version) =>
    `What NoTech's knowledge (v${version}) says about this message. Only you can see this. A comparison, not a ruling: where they differ, the knowledge may be the one out of date.`,
  checkTopics: 'Topics it names:',
  checkNoTopic: 'It names no topic NoTech knows, so its figures were not compared.',
  checkFigures: 'Figures in it:',
  checkNoFigures: 'It states no figure to compare.',
  checkNothing: 'It names no topic NoTech knows and states no figure to compare.',
  checkHowTo: 'Check a message that names a contract or company, like “Nimbus is a $1.2bn contract”, or type `/notech list` for every topic.',
  checkQuote: (written) => `“${written}”`,
  verdicts: { matches: 'matches', differs: 'differs', 'not-in-knowledge': 'not in the knowledge' },
  checkKnowledgeHas: 'the knowledge has',
  checkRounded: 'once rounded',
  checkNoCurrency: 'no currency written',
  checkRepeatsSeed: 'this is the seed article’s figure, which the sources correct',
  checkWithinBound: 'the message’s bound holds for it',
  checkElsewhere: (topic) => `the knowledge has this figure for ${topic}, which the message does not name`,
  checkEntryYear: (topic, year) => `${topic}: ${year}`,
  checkBounds: { 'more-than': 'more than', 'at-least': 'at least', 'less-than': 'less than', 'at-most': 'at most' },
  checkMoreFigures: (count) => `and ${count} more ${count === 1 ? 'figure' : 'figures'}, not shown here`,
};

const ar: UiStrings = {
  locale: 'ar-u-nu-latn',
  kinds: { contract: 'عقد', company: 'شركة', campaign: 'حملة', report: 'تقرير', event: 'حدث' },
  kindsPlural: { contract: 'العقود', company: 'الشركات', campaign: 'الحملات', report: 'التقارير', event: 'الأحداث' },
  statuses: {
    active: 'سارٍ',
    ended: 'منتهٍ',
    divested: 'سُحب الاستثمار',
    sold: 'بيع',
    suspended: 'معلّق جزئيًا',
    unconfirmed: 'غير مؤكد من مصدر مستقل',
  },
  levels: {
    reported: { marker: '✅', words: 'نقلته مصادر مستقلة' },
    campaign: { marker: '⚠️', words: 'ادعاء الحملة، غير مؤكد من مصدر مستقل' },
    corrected: { marker: '✏️', words: 'مُصحَّح' },
  },
  seedSaid: 'قال المقال الأصلي',
  caveat: 'ملاحظة',
  keyFigures: 'أرقام رئيسية',
  facts: 'الحقائق',
  contracts: 'العقود',
  sources: 'المصادر',
  parties: 'الأطراف',
  status: 'الحالة',
  undated: 'بلا تاريخ',
  listSeparator: '، ',
  quote: (text) => `«${text}»`,
  // Not "حتى": "سارٍ حتى أكتوبر" would read as "in force until October".
  asOf: (date) => `بحسب آخر المعلومات في ${date}`,
  covers: (from, to) => (to === undefined ? `بيانات ${from}` : `بيانات الفترة من ${from} إلى ${to}`),
  sourceMarks: { campaign: 'مصدر الحملة', republication: 'نسخة أُعيد نشرها' },
  archivedCopy: 'نسخة مؤرشفة',
  verified: 'آخر تحقق',
  knowledgeVersion: 'إصدار المعرفة',
  related: 'مواضيع ذات صلة',
  // The count in parentheses: Arabic number agreement (حقيقتان، ٣ حقائق، ١١ حقيقة) needs no rule here.
  allFacts: (facts) => `كل الحقائق (${facts}) ومصادرها`,
  modalFailed: 'لم يفتح Slack البطاقة الكاملة في نافذة، فهذه هي هنا.',
  share: 'شارك في القناة',
  sharedBy: (user) => `شاركه ${user}`,
  qualifiers: { about: 'نحو', 'more-than': 'أكثر من', 'at-least': 'ما لا يقل عن' },
  helpTitle: 'NoTech: حقائق موثّقة عن التقنية في خدمة الفصل العنصري',
  helpIntro:
    'يجيب NoTech بحقائق موثّقة عن عقود شركات التقنية مع الجيش الإسرائيلي ومنظومة السجون. كل حقيقة مرفقة بمصدرها وبدرجة توثيقها.',
  helpLines: [
    '`/notech إلبيت`: بطاقة موضوع واحد (عقد أو شركة أو حملة أو تقرير أو حدث) في شاشة واحدة، وزرّها يفتح كل الحقائق والمصادر',
    '`/notech إلبيت كامل`: البطاقة الكاملة، بكل الحقائق والمصادر، في الرسالة',
    '`/notech قائمة`: كل المواضيع',
    '`/notech ابحث سحب الاستثمارات`: البحث في كل الحقائق',
    '`/notech الإصدار`: إصدار المعرفة وما تغيّر',
    '`/notech digest subscribe lang:ar`: ملخص أسبوعي في هذه القناة (`/notech digest status` للتحقق)',
    '`@NoTech ماذا عن بالانتير؟`: اسأل في قناة، وتأتي الإجابة في سلسلة الرسالة',
    'اسأل بالعربية لتحصل على إجابة عربية، أو أضف `lang:ar` / `lang:en`',
  ],
  helpLegend: 'درجات التوثيق: ✅ نقلته مصادر مستقلة · ⚠️ ادعاء الحملة، غير مؤكد من مصدر مستقل · ✏️ مُصحَّح (قال المقال الأصلي غير ذلك)',
  listTitle: 'المواضيع',
  listIntro: 'اسأل عن أي منها بكتابة `/notech &lt;الاسم&gt;`.',
  resultsTitle: (words) => `نتائج البحث عن «${words}»`,
  noResults: (words) => `لا توجد حقيقة تذكر «${words}».`,
  noTopic: (text) => `لا يوجد موضوع باسم «${text}».`,
  didYouMean: 'هل تقصد:',
  namedTopics: (text, count) => (count === 2 ? `«${text}» يذكر موضوعين. أيهما تقصد؟` : `«${text}» يذكر ${count} مواضيع. أيها تقصد؟`),
  nothingClose: 'ولا يوجد ما يقاربه.',
  versionTitle: 'إصدار المعرفة',
  versionLine: (version, updated, entries) => `الإصدار *${version}*، حُدّث في ${updated}، ويضم ${entries} موضوعًا.`,
  added: 'أُضيف',
  changed: 'عُدّل',
  removed: 'حُذف',
  andMore: (count) => `و${count} غيرها`,
  tryNext: 'جرّب `/notech قائمة` لكل المواضيع، أو `/notech ابحث &lt;كلمات&gt;`.',
  truncated: 'في ملف المعرفة المزيد؛ بلغت هذه الرسالة حدّ الحجم في Slack.',
  digestUnavailable: 'الملخصات غير متاحة هنا.',
  // Issue 15: reports and review dates
  reportProblem: 'أبلغ عن خطأ',
  staleBanner: (ago) => `⏳ *آخر تحقق ${ago}:* راجع المصادر قبل أن تكرر ما هنا`,
  staleMark: '⏳',
  staleLegend: '⏳ لم يُراجَع مع مصادره منذ مدة: راجع المصادر قبل أن تكرر ما فيه',
  reportTitle: 'أبلغ عن خطأ',
  reportSubmit: 'أرسل',
  reportCancel: 'إلغاء',
  reportIntro: (name) => `ما الخطأ في بطاقة *${name}*؟ يصل بلاغك إلى المشرفين الذين يراجعون الحقائق.`,
  reportWhich: 'أي حقيقة أو رقم؟',
  reportSomethingElse: 'شيء آخر',
  reportWhat: 'ما الخطأ؟',
  reportUrl: 'مصدر يبيّن ذلك (اختياري)',
  reportUrlHint: 'https://…',
  reportWho: 'أرسله',
  reportAnonymous: 'دون ذكر اسمي',
  reportNamed: 'مع ذكر اسمي',
  reportUrlInvalid: 'أدخل رابطًا يبدأ بـ https://، أو اترك الحقل فارغًا.',
  reportTooMany: 'أرسلت 5 بلاغات خلال الساعة الأخيرة، شكرًا لك. انتظر قليلًا قبل أن ترسل بلاغًا آخر.',
  reportFailed: 'تعذّر إيصال البلاغ إلى المشرفين الآن. حاول مجددًا بعد دقائق.',
  reportThanks: (name) => `شكرًا لك: وصل بلاغك عن *${name}* إلى المشرفين.`,
  reportHeading: (name, id) => `بلاغ عن خطأ في *${name}* (\`${id}\`)`,
  reportFact: 'الحقيقة',
  reportWrong: 'ما الخطأ',
  reportSource: 'المصدر المقترح',
  reportNoSource: 'لم يُذكر مصدر',
  reportBy: (user) => `أبلغ عنه ${user}`,
  reportByAnonymous: 'بلاغ دون اسم',
  reportFromCard: (lang) => (lang === 'ar' ? 'من البطاقة العربية' : 'من البطاقة الإنجليزية'),
  reportPathGone: 'غير موجود في ملف المعرفة بصيغته الحالية',
  reportNotOpened: 'لم يفتح Slack نافذة البلاغ. اضغط «أبلغ عن خطأ» مرة أخرى.',
  reportEmpty: 'اكتب في كلمات قليلة ما الخطأ.',
  // Issue 16: DMs and the message shortcut
  dmAndShortcutHelpLines: [
    'راسل NoTech مباشرةً (تبويب الرسائل): اسأل كما تسأل في قناة، مثلًا `ماذا عن بالانتير؟`',
    '*Check with NoTech* (قائمة ⋮ في أي رسالة، ثم اختصارات الرسائل): يقارن كل رقم في الرسالة بالمعرفة، ولا يرى النتيجة غيرك',
  ],
  dmQuickHelp: 'لم أتعرّف على موضوع في رسالتك. اسألني مثلًا: `ماذا عن إلبيت؟`، أو أرسل `قائمة` لكل المواضيع.',
  checkTitle: 'تحقّق NoTech',
  checkIntro: (version) =>
    `ما تقوله معرفة NoTech (الإصدار ${version}) عن هذه الرسالة، ولا يرى هذا غيرك. هذه مقارنة لا حُكم: حين يختلفان، قد تكون المعرفة هي غير المحدّثة.`,
  checkTopics: 'المواضيع التي تذكرها:',
  checkNoTopic: 'لا تذكر الرسالة موضوعًا يعرفه NoTech، فلم تُقارَن أرقامها.',
  checkFigures: 'الأرقام فيها:',
  checkNoFigures: 'لا تذكر الرسالة رقمًا للمقارنة.',
  checkNothing: 'لا تذكر الرسالة موضوعًا يعرفه NoTech ولا رقمًا للمقارنة.',
  checkHowTo: 'جرّبه على رسالة تذكر عقدًا أو شركة، مثل «قيمة عقد نيمبوس ١٫٢ مليار دولار»، أو اكتب `/notech قائمة` لكل المواضيع.',
  checkQuote: (written) => `«${written}»`,
  verdicts: { matches: 'يطابق', differs: 'يختلف', 'not-in-knowledge': 'ليس في المعرفة' },
  checkKnowledgeHas: 'في المعرفة',
  checkRounded: 'بعد التقريب',
  checkNoCurrency: 'لم تُذكر العملة',
  checkRepeatsSeed: 'هذا رقم المقال الأصلي، وقد صحّحته المصادر',
  checkWithinBound: 'والحدّ الذي تذكره الرسالة ينطبق عليه',
  checkElsewhere: (topic) => `في المعرفة هذا الرقم لموضوع ${topic}، ولا تذكره الرسالة`,
  checkEntryYear: (topic, year) => `${topic}: ${year}`,
  checkBounds: { 'more-than': 'أكثر من', 'at-least': 'ما لا يقل عن', 'less-than': 'أقل من', 'at-most': 'ما لا يزيد على' },
  // The count in parentheses, as allFacts does: no Arabic number agreement rule is needed.
  checkMoreFigures: (count) => `وأرقام أخرى (${count}) لا تظهر هنا`,
};

export const STRINGS: Record<Lang, UiStrings> = { en, ar };

export function t(lang: Lang): UiStrings {
  return STRINGS[lang];
}
