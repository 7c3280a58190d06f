import type { ModalView } from '@slack/types';
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Lang } from '../../knowledge/normalize.js';
import { factCard } from '../../messages/card.js';
import { compose } from '../../messages/compose.js';
import { LIMITS } from '../../messages/limits.js';
import type { SlackMessage } from '../../messages/types.js';
import { answer } from '../../query/answer.js';
import { parseQuery } from '../../query/parse.js';

/** A card in a modal: private to the person, no buttons (nothing to share from a modal). */
export function cardModal(message: SlackMessage, lang: Lang): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'NoTech' },
    close: { type: 'plain_text', text: lang === 'ar' ? 'إغلاق' : 'Close' },
    blocks: message.blocks.filter((block) => block.type !== 'actions').slice(0, LIMITS.surfaceBlocks),
  };
}

/**
 * The full card of a topic (`q`: an entry id, as a button carries it) as a modal: every fact and
 * source, cut with a note only if it exceeds a view's 100 blocks. A topic that no longer resolves
 * (the knowledge changed since the button was sent) gets the answer the command would give.
 */
export function fullCardModal(q: string, lang: Lang, knowledge: Knowledge): ModalView {
  const result = answer(parseQuery(`${q} lang:${lang}`), knowledge);
  const message = result.kind === 'card' ? factCard(result.entry, lang, knowledge, { surface: 'modal' }) : compose(result, knowledge);
  return cardModal(message, lang);
}
