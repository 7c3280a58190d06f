import { describe, expect, it } from 'vitest';
import { STRINGS, t } from '../../src/messages/strings/index.js';

/** Every text a table holds, by its path; a function is called with sample values for each parameter. */
function leaves(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, () => 'X')))]];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, path ? `${path}.${key}` : key));
  return [];
}

/** Text a reader sees as prose: code spans (commands, IANA names) and escaped <…> placeholders stay as typed. */
function prose(text: string): string {
  return text.replace(/`[^`]*`/g, '').replace(/&lt;[^&]*&gt;/g, '');
}

describe('the interface text', () => {
  it('has the same keys, at every depth, in English and Arabic', () => {
    const paths = (lang: 'en' | 'ar') => leaves(STRINGS[lang], '').map(([path]) => path).sort();
    expect(paths('ar')).toEqual(paths('en'));
    expect(paths('en').length).toBeGreaterThan(80);
  });

  it('writes Arabic with Arabic punctuation (، ؛ ؟), never a Latin comma, semicolon or question mark in prose', () => {
    const latin = leaves(t('ar'), '').filter(([path, text]) => path !== 'locale' && /[,;?]/.test(prose(text)));
    expect(latin).toEqual([]);
  });

  it('the check above can fail: a Latin comma in Arabic prose is found', () => {
    expect(/[,;?]/.test(prose('اسأل، ثم انتظر, `a, b`'))).toBe(true);
    expect(/[,;?]/.test(prose('اسأل، ثم `a, b?`'))).toBe(false);
  });
});
