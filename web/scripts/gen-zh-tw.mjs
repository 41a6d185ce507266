// Generates src/locales/zh-TW.json from zh-CN.json with the `opencc` command-line tool
// (Debian package `opencc`, profile s2twp: Simplified -> Traditional, Taiwan phrasing).
// Each value is passed as one JSON string literal per line, so newlines and quotes
// survive the round trip; opencc only touches the Chinese characters.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const localesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'locales');
const source = JSON.parse(readFileSync(join(localesDir, 'zh-CN.json'), 'utf8'));

function collectStrings(node, out = []) {
  if (typeof node === 'string') out.push(node);
  else for (const value of Object.values(node)) collectStrings(value, out);
  return out;
}

function replaceStrings(node, next) {
  if (typeof node === 'string') return next();
  const result = Array.isArray(node) ? [] : {};
  for (const [key, value] of Object.entries(node)) result[key] = replaceStrings(value, next);
  return result;
}

const strings = collectStrings(source);
const input = strings.map((s) => JSON.stringify(s)).join('\n') + '\n';
const run = spawnSync('opencc', ['-c', 's2twp.json'], { input, encoding: 'utf8' });
if (run.error && run.error.code === 'ENOENT') {
  console.error(
    'gen-zh-tw: the `opencc` command was not found. Install it (Debian: apt-get install opencc) ' +
      'to generate src/locales/zh-TW.json.',
  );
  process.exit(1);
}
if (run.status !== 0) {
  console.error(`gen-zh-tw: opencc failed (exit ${run.status}): ${run.stderr}`);
  process.exit(1);
}
const converted = run.stdout.split('\n').filter((line) => line.length > 0).map((l) => JSON.parse(l));
if (converted.length !== strings.length) {
  console.error(`gen-zh-tw: expected ${strings.length} lines from opencc, got ${converted.length}`);
  process.exit(1);
}
let index = 0;
const traditional = replaceStrings(source, () => converted[index++]);
writeFileSync(join(localesDir, 'zh-TW.json'), JSON.stringify(traditional, null, 2) + '\n');
console.log(`gen-zh-tw: wrote ${strings.length} messages to src/locales/zh-TW.json`);
