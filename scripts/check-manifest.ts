/** `npm run manifest:check`: manifest.json against Slack's official manifest schema. */
import { readFileSync } from 'node:fs';
import { validateManifest } from '../src/slack/manifest-schema.js';

const file = process.argv[2] ?? 'manifest.json';
const problems = validateManifest(JSON.parse(readFileSync(file, 'utf8')));
if (problems.length === 0) {
  console.log(`${file}: OK against Slack's app manifest schema`);
} else {
  for (const problem of problems) console.error(`${file}: ${problem}`);
  process.exitCode = 1;
}
