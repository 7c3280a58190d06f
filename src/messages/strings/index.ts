/**
 * Every piece of interface text, in both languages, in one place: the English and Arabic
 * tables (en.ts, ar.ts) under one `UiStrings` type (types.ts). Builders pick from here with
 * `t(lang)`; they never hold strings of their own.
 *
 * `Lang` is defined in src/knowledge (the knowledge file holds every name and fact in both
 * languages, and knowledge must not import messages) and re-exported here, beside the strings,
 * where a reader looks for it.
 */
import type { Lang } from '../../knowledge/normalize.js';
import { ar } from './ar.js';
import { en } from './en.js';
import type { UiStrings } from './types.js';

export type { Lang } from '../../knowledge/normalize.js';
export type { UiStrings } from './types.js';

export const STRINGS: Record<Lang, UiStrings> = { en, ar };

export function t(lang: Lang): UiStrings {
  return STRINGS[lang];
}
