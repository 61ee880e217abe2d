// Expands the paths given on the command line into input files: files, folders (recursive) and glob patterns.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';

export type InputKind = 'json' | 'xml' | 'ndjson' | 'unknown';

export interface InputFile {
  path: string;
  kind: InputKind;
}

export interface DiscoveryResult {
  files: InputFile[];
  /** Paths that do not exist or cannot be read: a usage error (exit 2). */
  missing: { path: string; reason: string }[];
}

const EXTENSIONS: Record<string, InputKind> = {
  '.json': 'json', '.xml': 'xml', '.ndjson': 'ndjson', '.jsonl': 'ndjson',
};

export function kindOf(file: string): InputKind {
  const lower = file.toLowerCase();
  if (lower.endsWith('.ndjson.gz') || lower.endsWith('.ndjson')) return 'ndjson';
  return EXTENSIONS[path.extname(lower)] ?? 'unknown';
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Files named explicitly are taken whatever their extension (the content is sniffed); folders are searched
 * recursively for .json, .xml, .ndjson and .jsonl files, skipping hidden folders and node_modules; glob patterns
 * skip node_modules and hidden files too unless they name them.
 */
export async function discoverInputs(args: string[]): Promise<DiscoveryResult> {
  const files: InputFile[] = [];
  const missing: DiscoveryResult['missing'] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const abs = path.resolve(p);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: p, kind: kindOf(p) });
  };
  for (const arg of args) {
    let st;
    try {
      st = statSync(arg);
    } catch (e) {
      if (GLOB_CHARS.test(arg)) {
        // An absolute pattern gives absolute paths (tinyglobby would otherwise make them relative to the cwd).
        // node_modules is skipped as in folder walks, unless the pattern itself names it (filtered here: tinyglobby's
        // `ignore` is relative to the working folder, so it would miss matches of an absolute pattern).
        const keepModules = arg.includes('node_modules');
        const matches = (await glob(arg, { onlyFiles: true, dot: false, absolute: path.isAbsolute(arg) }))
          .filter((m) => keepModules || !m.split(/[\\/]/).includes('node_modules')).sort();
        if (matches.length === 0) missing.push({ path: arg, reason: 'no files match this pattern' });
        for (const m of matches) add(m);
        continue;
      }
      missing.push({ path: arg, reason: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) {
      const before = files.length;
      walkFolder(arg, add, missing);
      if (files.length === before) missing.push({ path: arg, reason: 'the folder has no .json, .xml or .ndjson files' });
    } else {
      add(arg);
    }
  }
  return { files, missing };
}

function walkFolder(dir: string, add: (p: string) => void, missing: DiscoveryResult['missing']): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    missing.push({ path: dir, reason: 'the folder cannot be read' });
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = path.join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walkFolder(p, add, missing);
    else if (kindOf(name) !== 'unknown') add(p);
  }
}
