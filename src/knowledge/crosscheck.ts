/**
 * Rules the schema cannot express: ids unique, aliases unambiguous, citations resolve,
 * the changelog tells a true story. Each problem names its JSON path.
 */
import { nameKey, namePath, namesOf } from './names.js';
import { isStopword, tokens, topicWords } from './normalize.js';
import { describePath, formatPath, type PathSegment, type Problem } from './problems.js';
import { MAX_KEY_FACTS, type Fact, type Figure, type KnowledgeData } from './schema.js';

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Every problem the schema cannot see, each with its JSON path; none for a valid file. */
export function crossCheck(data: KnowledgeData): Problem[] {
  const problems: Problem[] = [];
  const report = (path: PathSegment[], message: string) =>
    problems.push({ path: describePath(path, data), message });

  // Unique source ids, and which of them are cited.
  const sourceIds = new Map<string, number>();
  data.sources.forEach((source, index) => {
    const first = sourceIds.get(source.id);
    if (first !== undefined) report(['sources', index, 'id'], `duplicate source id "${source.id}" (also sources[${first}])`);
    else sourceIds.set(source.id, index);
  });
  const cited = new Set<string>();

  // Unique entry ids.
  const entryIds = new Map<string, number>();
  data.entries.forEach((entry, index) => {
    const first = entryIds.get(entry.id);
    if (first !== undefined) report(['entries', index, 'id'], `duplicate entry id "${entry.id}" (also entries[${first}])`);
    else entryIds.set(entry.id, index);
  });

  // Names, aliases and ids must each lead to one entry, after normalisation ("Elbit" = "elbit" = "ELBIT!").
  // Paths are worked out only for a name that is reported (formatting all 65,000 at 5,000 entries cost ~60 ms).
  const names = new Map<string, number>();
  // A query is also looked up without its filler words ("nimbus contract" → "nimbus", see
  // topicWords), so a name that has some must not lead to another entry once they are dropped.
  // Checked after every full name is known.
  const shortened: Array<{ key: string; index: number; slot: number; text: string }> = [];
  /** Where the name of `entries[index]` whose key is `key` is, for a report. */
  const whereNamed = (index: number, key: string) => {
    const entry = data.entries[index]!;
    return formatPath(namePath(entry, index, namesOf(entry).findIndex((name) => nameKey(name) === key)));
  };
  data.entries.forEach((entry, index) => {
    namesOf(entry).forEach((text, slot) => {
      const words = tokens(text);
      const key = words.join(' '); // = nameKey(text)
      if (key === '') {
        report(namePath(entry, index, slot), `"${text}" has no letters or digits, so no query can match it`);
        return;
      }
      if (words.some(isStopword)) {
        const short = topicWords(words);
        if (short.length !== words.length) shortened.push({ key: short.join(' '), index, slot, text });
      }
      const ownerIndex = names.get(key);
      if (ownerIndex === undefined) {
        names.set(key, index);
        return;
      }
      const owner = data.entries[ownerIndex]!;
      if (owner.id === entry.id) return; // the same entry (or a duplicate id, reported above)
      report(namePath(entry, index, slot), `"${text}" is also a name or alias of entry "${owner.id}" (${whereNamed(ownerIndex, key)}); a query for it would be ambiguous`);
    });
  });
  const shortOwners = new Map<string, (typeof shortened)[number]>();
  for (const name of shortened) {
    const entry = data.entries[name.index]!;
    const fullOwner = names.get(name.key);
    const other = fullOwner === undefined ? shortOwners.get(name.key) : undefined;
    if (fullOwner === undefined && other === undefined) {
      shortOwners.set(name.key, name);
      continue;
    }
    const ownerIndex = fullOwner ?? other!.index;
    const owner = data.entries[ownerIndex]!;
    if (owner.id === entry.id) continue;
    const where = fullOwner === undefined ? formatPath(namePath(owner, ownerIndex, other!.slot)) : whereNamed(ownerIndex, name.key);
    const clash = fullOwner === undefined ? `so does "${other!.text}" of entry "${owner.id}" (${where})` : `a name or alias of entry "${owner.id}" (${where})`;
    report(namePath(entry, name.index, name.slot), `"${name.text}" reads as "${name.key}" once its filler words are dropped, as queries are read: ${clash}; a query for it would be ambiguous`);
  }

  // Citations and cross-references resolve.
  data.entries.forEach((entry, index) => {
    const checkSources = (list: string[], path: PathSegment[]) =>
      list.forEach((id, i) => {
        cited.add(id);
        if (!sourceIds.has(id)) report([...path, 'sources', i], `cites source "${id}", which is not in "sources"`);
      });
    entry.facts.forEach((fact, i) => checkSources(fact.sources, ['entries', index, 'facts', i]));
    entry.figures.forEach((figure, i) => checkSources(figure.sources, ['entries', index, 'figures', i]));
    // The compact card shows at most MAX_KEY_FACTS facts; more marked key could not all be shown.
    const keyFacts = entry.facts.flatMap((fact, i) => (fact.key === true ? [i] : []));
    keyFacts.slice(MAX_KEY_FACTS).forEach((i) =>
      report(['entries', index, 'facts', i, 'key'], `entry "${entry.id}" marks ${keyFacts.length} facts as key; at most ${MAX_KEY_FACTS} may be (the compact card shows ${MAX_KEY_FACTS}): unmark this one or another`),
    );
    entry.related.forEach((id, i) => {
      if (id === entry.id) report(['entries', index, 'related', i], 'an entry cannot be related to itself');
      else if (!entryIds.has(id)) report(['entries', index, 'related', i], `refers to entry "${id}", which does not exist`);
    });
  });
  data.sources.forEach((source, index) => {
    if (!cited.has(source.id)) report(['sources', index], `source "${source.id}" is not cited by any fact or figure; cite it or remove it`);
  });

  // A claim shown as independently reported (or as the sources' correction of the seed) must cite
  // at least one source that is not the campaign's own publication, or a card would present a
  // campaign's claim as reported. The converse is not required: a campaign's claim is often known
  // only through a news report quoting it (a statement on social media, an organisers' count).
  const kindOf = new Map(data.sources.map((source) => [source.id, source.kind]));
  const checkLevel = (item: Fact | Figure, path: PathSegment[]) => {
    if (item.level === 'campaign') return;
    const kinds = item.sources.map((id) => kindOf.get(id));
    if (kinds.includes(undefined)) return; // a missing source is reported above
    if (kinds.every((kind) => kind === 'campaign')) {
      report([...path, 'level'], `is "${item.level}" but cites only the campaign's own publications (${item.sources.join(', ')}); cite an independent source or make it "campaign"`);
    }
  };
  data.entries.forEach((entry, index) => {
    entry.facts.forEach((fact, i) => checkLevel(fact, ['entries', index, 'facts', i]));
    entry.figures.forEach((figure, i) => checkLevel(figure, ['entries', index, 'figures', i]));
  });
  // A copy says what it is a copy of, so a maintainer can look for the original.
  data.sources.forEach((source, index) => {
    if (source.kind === 'republication' && source.note === undefined) {
      report(['sources', index, 'note'], 'a republication must say in "note" what the original is (its publisher and where it first appeared)');
    }
  });

  // The changelog: strictly increasing versions and dates in order, the newest equal to `version`.
  data.changelog.forEach((release, index) => {
    const previous = index > 0 ? data.changelog[index - 1] : undefined;
    if (previous && compareVersions(release.version, previous.version) <= 0) {
      report(['changelog', index, 'version'], `${release.version} must be greater than the release before it (${previous.version})`);
    }
    if (previous && release.date < previous.date) {
      report(['changelog', index, 'date'], `${release.date} is earlier than the release before it (${previous.date})`);
    }
  });
  const newest = data.changelog[data.changelog.length - 1];
  if (newest && newest.version !== data.version) {
    report(['version'], `is ${data.version} but the newest changelog release is ${newest.version}; they must be equal`);
  }
  if (newest && data.updated < newest.date) {
    report(['updated'], `${data.updated} is earlier than the newest changelog release (${newest.date})`);
  }

  // Replay the changelog: what it says was added, changed and removed must match the entries.
  const present = new Set<string>();
  data.changelog.forEach((release, index) => {
    release.added.forEach((id, i) => {
      if (present.has(id)) report(['changelog', index, 'added', i], `"${id}" was already added by an earlier release`);
      present.add(id);
    });
    release.changed.forEach((id, i) => {
      if (!present.has(id)) report(['changelog', index, 'changed', i], `"${id}" is changed before any release added it`);
    });
    release.removed.forEach((id, i) => {
      if (!present.delete(id)) report(['changelog', index, 'removed', i], `"${id}" is removed but was never added`);
    });
  });
  data.entries.forEach((entry, index) => {
    if (!present.has(entry.id)) report(['entries', index, 'id'], `entry "${entry.id}" is not in any changelog "added" list`);
  });
  for (const id of present) {
    if (!entryIds.has(id)) report(['changelog'], `the changelog says "${id}" exists, but there is no such entry; list it under "removed"`);
  }

  return problems;
}
