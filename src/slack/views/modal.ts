import type { ModalView } from '@slack/types';
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Lang } from '../../messages/strings/index.js';
import { REPORT_BLOCK_ID, type ButtonValue } from '../../messages/buttons.js';
import type { SurfaceOptions } from '../../reply/index.js';
import { LIMITS } from '../../messages/limits.js';
import { t } from '../../messages/strings/index.js';
import type { SlackMessage } from '../../messages/types.js';
import { replyWithFullCard } from '../../reply/index.js';

/** A card in a modal: private to the person; of its buttons only "Report a problem" stays (nothing to share from a modal). */
export function cardModal(message: SlackMessage, lang: Lang): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'NoTech' },
    close: { type: 'plain_text', text: t(lang).close },
    blocks: message.blocks.filter((block) => block.type !== 'actions' || block.block_id === REPORT_BLOCK_ID).slice(0, LIMITS.surfaceBlocks),
  };
}

/**
 * The full card of the topic a button names, as a modal (see `replyWithFullCard`): with
 * `surface.now`, a stale entry's card says so at the top; with `surface.reportable`, it ends with
 * "Report a problem".
 */
export function fullCardModal(value: ButtonValue, knowledge: Knowledge, surface: SurfaceOptions = {}): ModalView {
  return cardModal(replyWithFullCard(value, knowledge, 'modal', surface).message, value.lang);
}
