// Persistent cache of terminology answers, one JSON file per question under cacheDir('tx'), so a second run asks
// the server nothing it has already answered. Server failures are never stored.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CodeCheck } from './service.js';

interface Entry {
  key: string;
  storedAt: number;
  check: CodeCheck;
}

export class TxDiskCache {
  constructor(
    private readonly dir: string | undefined,
    private readonly ttlMs: number,
  ) {}

  async get(key: string): Promise<CodeCheck | undefined> {
    if (!this.dir) return undefined;
    try {
      const entry = JSON.parse(await readFile(this.file(key), 'utf8')) as Entry;
      if (entry.key !== key || Date.now() - entry.storedAt > this.ttlMs) return undefined;
      return entry.check;
    } catch {
      return undefined; // missing or corrupt entries are simply asked again
    }
  }

  async set(key: string, check: CodeCheck): Promise<void> {
    if (!this.dir) return;
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(tmp, JSON.stringify({ key, storedAt: Date.now(), check } satisfies Entry));
      await rename(tmp, file); // atomic: parallel runs never read half a file
    } catch {
      // caching is an optimisation; an unwritable cache must not stop validation
    }
  }

  private file(key: string): string {
    const h = createHash('sha256').update(key).digest('hex');
    return path.join(this.dir!, h.slice(0, 2), `${h}.json`);
  }
}
