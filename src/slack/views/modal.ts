import type { ModalView } from '@slack/types';
import type { Lang } from '../../knowledge/normalize.js';
import type { SlackMessage } from '../../messages/types.js';

/** A card in a modal (from the Home tab): private to the person, no Share button. */
export function cardModal(message: SlackMessage, lang: Lang): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'NoTech' },
    close: { type: 'plain_text', text: lang === 'ar' ? 'إغلاق' : 'Close' },
    blocks: message.blocks.filter((block) => block.type !== 'actions').slice(0, 100),
  };
}
