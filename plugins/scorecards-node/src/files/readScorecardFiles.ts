import { parseDocument, Problem } from '@plinth/plugin-blueprints-common';
import type { ScorecardDocument } from '@plinth/plugin-scorecards-common';
import { promises as fs } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';

/**
 * Options for {@link readScorecardFiles}.
 * @public
 */
export interface ReadScorecardFilesOptions {
  /** Sources are named relative to this folder; the working folder by default. */
  relativeTo?: string;
}

/**
 * The documents read from scorecard files, and the files that could not be
 * read or parsed.
 * @public
 */
export interface ScorecardFileContents {
  documents: ScorecardDocument[];
  problems: Problem[];
}

const EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

async function listFiles(path: string): Promise<string[]> {
  const stat = await fs.stat(path);
  if (!stat.isDirectory()) return [path];
  const entries = await fs.readdir(path, { withFileTypes: true });
  const files: string[] = [];
  // Sorted, so that which of two duplicates wins is the same everywhere.
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listFiles(child)));
    } else if (EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      files.push(child);
    }
  }
  return files;
}

/**
 * Reads scorecard files and folders (JSON or YAML, folders recursively;
 * YAML files may hold several documents). Each document is returned as is,
 * for `loadScorecards` to check; a path that does not exist or a document
 * that does not parse is a problem naming the file (and line:column).
 * @public
 */
export async function readScorecardFiles(
  paths: string[],
  options: ReadScorecardFilesOptions = {},
): Promise<ScorecardFileContents> {
  const base = options.relativeTo ?? process.cwd();
  const documents: ScorecardDocument[] = [];
  const problems: Problem[] = [];
  const name = (file: string) => relative(base, file) || file;
  for (const path of paths) {
    let files: string[];
    try {
      files = await listFiles(resolve(base, path));
    } catch (error) {
      problems.push({
        source: path,
        pointer: '',
        message:
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file or folder'
            : `cannot be read: ${(error as Error).message}`,
      });
      continue;
    }
    for (const file of files) {
      const source = name(file);
      const text = await fs.readFile(file, 'utf8');
      const parsed = parseDocument(text, source);
      problems.push(...parsed.problems);
      if (parsed.problems.length > 0) continue;
      // A YAML stream of several documents parses to a list of them.
      documents.push({ source, value: parsed.value });
    }
  }
  return { documents, problems };
}
