import { z } from 'zod';
import { KnowledgeFile } from './schema.js';

/** The JSON Schema of the knowledge file, as committed in data/knowledge.schema.json. */
export function knowledgeJsonSchemaText(): string {
  const schema = z.toJSONSchema(KnowledgeFile, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'NoTech knowledge file', $comment: 'Generated from src/knowledge/schema.ts by `npm run knowledge:schema`; do not edit by hand.' }, null, 2)}\n`;
}
