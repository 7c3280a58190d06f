/**
 * The interface text, in English and Arabic, lives in src/messages/strings/ (one table per
 * language under one type); this re-export keeps `t(lang)` importable from where it always was.
 */
export { STRINGS, t, type Lang, type UiStrings } from './strings/index.js';
