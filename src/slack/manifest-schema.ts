/**
 * Validate a Slack app manifest against Slack's official JSON Schema (vendored in
 * scripts/slack-manifest-schema, no network). Ajv in draft-07 mode with strict off: the schema
 * uses a non-standard `regex` keyword.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const SCHEMA_DIR = new URL('../../scripts/slack-manifest-schema/', import.meta.url);
const REMOTE = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';

function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, SCHEMA_DIR), 'utf8')) as Record<string, unknown>;
}

export function validateManifest(manifest: unknown): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addSchema(readSchema('manifest.schema.1.0.0.json'), `${REMOTE}manifest.schema.1.0.0.json`);
  ajv.addSchema(readSchema('manifest.schema.2.0.0.json'), `${REMOTE}manifest.schema.2.0.0.json`);
  const validate = ajv.compile(readSchema('manifest.schema.json'));
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}
