import type { ModalView } from '@slack/types';
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Lang } from '../../knowledge/normalize.js';
import { factCard } from '../../messages/card.js';
import { compose, type ComposeOptions } from '../../messages/compose.js';
import { actions } from '../../messages/blocks.js';
import { reportButton } from '../../messages/report.js';
import { bannerOption } from '../../messages/review-dates.js';
import { LIMITS } from '../../messages/limits.js';
import type { SlackMessage } from '../../messages/types.js';
import { answer } from '../../query/answer.js';
import { parseQuery } from '../../query/parse.js';

/** The actions block that holds a modal card's only button, "Report a problem". */
const REPORT_BLOCK = 'notech_report';

/** A card in a modal: private to the person; of its buttons only "Report a problem" stays (nothing to share from a modal). */
export function cardModal(message: SlackMessage, lang: Lang): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'NoTech' },
    close: { type: 'plain_text', text: lang === 'ar' ? 'إغلاق' : 'Close' },
    blocks: message.blocks.filter((block) => block.type !== 'actions' || block.block_id === REPORT_BLOCK).slice(0, LIMITS.surfaceBlocks),
  };
}

/**
 * The full card of a topic (`q`: an entry id, as a button carries it) as a modal: every fact and
 * source, cut with a note only if it exceeds a view's 100 blocks. A topic that no longer resolves
 * (the knowledge changed since the button was sent) gets the answer the command would give.
 * With `surface.now`, a stale entry's card says so at the top; with `surface.reportable`, it ends
 * with "Report a problem".
 */
export function fullCardModal(q: string, lang: Lang, knowledge: Knowledge, surface: Pick<ComposeOptions, 'reportable' | 'now'> = {}): ModalView {
  const result = answer(parseQuery(`${q} lang:${lang}`), knowledge);
  if (result.kind !== 'card') return cardModal(compose(result, knowledge, surface), lang);
  const tail = surface.reportable ? [actions(REPORT_BLOCK, [reportButton(result.entry.id, lang)])] : [];
  return cardModal(factCard(result.entry, lang, knowledge, { surface: 'modal', tail, ...bannerOption(result.entry, knowledge, lang, surface.now) }), lang);
}
