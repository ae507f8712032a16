import { parseDocument, Problem } from '@plinth/plugin-blueprints-common';
import type { ScorecardDocument } from '@plinth/plugin-scorecards-common';
import { listDocumentFiles } from '@plinth/plugin-blueprints-node';
import { promises as fs } from 'node:fs';
import { relative, resolve } from 'node:path';

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
      files = await listDocumentFiles(resolve(base, path));
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
