/**
 * The names people use for an entry, and the key each is found by. The cross-checks make sure
 * every key leads to one entry; the search index looks names up by the same key.
 */
import { tokens } from './normalize.js';
import type { PathSegment } from './problems.js';
import type { Entry } from './schema.js';

/** Every name a person might use for an entry: its id, names and aliases in both languages. */
export function namesOf(entry: Entry): string[] {
  return [entry.id.replace(/-/g, ' '), entry.name.en, entry.name.ar, ...entry.aliases.en, ...entry.aliases.ar];
}

/** Where `namesOf(entry)[slot]` is in the file, for `entries[index]`. */
export function namePath(entry: Entry, index: number, slot: number): PathSegment[] {
  if (slot === 0) return ['entries', index, 'id'];
  if (slot === 1) return ['entries', index, 'name', 'en'];
  if (slot === 2) return ['entries', index, 'name', 'ar'];
  const alias = slot - 3;
  return alias < entry.aliases.en.length
    ? ['entries', index, 'aliases', 'en', alias]
    : ['entries', index, 'aliases', 'ar', alias - entry.aliases.en.length];
}

/** The key a name is found by: its normalised words (equal to `normalize(name)`, a property test holds it). */
export function nameKey(name: string): string {
  return tokens(name).join(' ');
}
