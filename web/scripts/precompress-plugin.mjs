// Vite plugin: after the bundle is written, store a gzip copy next to every
// compressible asset so the server can answer `Content-Encoding: gzip` directly.
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const kCompressible = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map']);
const kMinBytes = 1024;

async function* walkFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(path);
    else yield path;
  }
}

export function precompressPlugin() {
  let outDir = 'dist';
  return {
    name: 'jiceng-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/')
        ? config.build.outDir
        : join(config.root, config.build.outDir);
    },
    async closeBundle() {
      for await (const file of walkFiles(outDir)) {
        if (!kCompressible.has(extname(file))) continue;
        if ((await stat(file)).size < kMinBytes) continue;
        const gz = gzipSync(await readFile(file), { level: constants.Z_BEST_COMPRESSION });
        await writeFile(`${file}.gz`, gz);
      }
    },
  };
}
