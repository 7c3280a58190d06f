import type { ModalView } from '@slack/types';
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Lang } from '../../messages/strings/index.js';
import type { ButtonValue } from '../../messages/buttons.js';
import { LIMITS } from '../../messages/limits.js';
import { t } from '../../messages/strings/index.js';
import type { SlackMessage } from '../../messages/types.js';
import { replyWithFullCard } from '../../reply/index.js';

/** A card in a modal: private to the person, no buttons (nothing to share from a modal). */
export function cardModal(message: SlackMessage, lang: Lang): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'NoTech' },
    close: { type: 'plain_text', text: t(lang).close },
    blocks: message.blocks.filter((block) => block.type !== 'actions').slice(0, LIMITS.surfaceBlocks),
  };
}

/** The full card of the topic a button names, as a modal (see `replyWithFullCard`). */
export function fullCardModal(value: ButtonValue, knowledge: Knowledge): ModalView {
  return cardModal(replyWithFullCard(value, knowledge, 'modal').message, value.lang);
}
