import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knowledgeJsonSchemaText } from '../../src/knowledge/json-schema.js';
import { rawKnowledge } from '../helpers/knowledge.js';

describe('data/knowledge.schema.json', () => {
  it('is in sync with the zod schema (run npm run knowledge:schema after changing it)', () => {
    const committed = readFileSync(new URL('../../data/knowledge.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(knowledgeJsonSchemaText());
  });

  it('is what the knowledge file points editors at', () => {
    expect(rawKnowledge().$schema).toBe('./knowledge.schema.json');
  });
});
