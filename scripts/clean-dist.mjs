// Empties dist/ before a build: tsc never deletes the output of a moved or removed source file,
// and a stale file in dist/ would still be packed and shipped.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
