/**
 * `npm run knowledge:schema`: regenerate data/knowledge.schema.json from the zod schema, so
 * editors autocomplete and flag mistakes while a maintainer types. A test keeps it in sync.
 */
import { writeFileSync } from 'node:fs';
import { knowledgeJsonSchemaText } from './json-schema.js';

const target = 'data/knowledge.schema.json';
writeFileSync(target, knowledgeJsonSchemaText());
console.log(`wrote ${target}`);
