import {
  formatScoreProblem,
  parseScore,
  ScoreProblem,
} from '@plinth/plugin-orchestrator-common';
import { promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  CommandResult,
  EXIT_INVALID,
  EXIT_USAGE,
  EXIT_VALID,
} from './validate';

/** Score files in a folder: `score.yaml`, `score.yml`, `score.json`, `*.score.yaml`… */
const SCORE_FILE = /(^|\.)score\.(ya?ml|json)$/;
/** Folders no one keeps Score files in, and which are large. */
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'dist-types']);

/** The Score files of the paths: files as given, folders searched. */
async function scoreFilesOf(
  paths: string[],
  cwd: string,
): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) await walk(path);
      else if (entry.isFile() && SCORE_FILE.test(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) missing.push(path);
    else if (stat.isDirectory()) await walk(absolute);
    else files.push(absolute);
  }
  return { files, missing };
}

/**
 * `plinth score validate <file|dir>...`: each Score workload file checked
 * against the Score specification (score.dev/v1b1) and its placeholders
 * against its resources. One line per problem (`file:line:column: key:
 * message`) on stdout, or JSON with `--format json`. Exit 0 when every file
 * is valid, 1 when one is not, 2 on a usage error (a path that does not
 * exist, a folder without Score files).
 */
export async function scoreValidateCommand(
  paths: string[],
  options: { format: 'text' | 'json'; cwd?: string },
): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const { files, missing } = await scoreFilesOf(paths, cwd);
  if (missing.length > 0) {
    return {
      exitCode: EXIT_USAGE,
      stdout: '',
      stderr: `No such file or folder: ${missing.join(', ')}\n`,
    };
  }
  if (files.length === 0) {
    return {
      exitCode: EXIT_USAGE,
      stdout: '',
      stderr: `No Score files (score.yaml, *.score.yaml, score.json…) in ${paths.join(
        ', ',
      )}\n`,
    };
  }
  const results: Array<{ file: string; problems: ScoreProblem[] }> = [];
  for (const file of files) {
    const name = relative(cwd, file) || file;
    const text = await fs.readFile(file, 'utf8');
    results.push({ file: name, problems: parseScore(text, name).problems });
  }
  const problems = results.flatMap(r => r.problems);
  const invalid = results.filter(r => r.problems.length > 0).length;
  let stdout: string;
  if (options.format === 'json') {
    stdout = `${JSON.stringify(
      results.map(r => ({ ...r, valid: r.problems.length === 0 })),
      null,
      2,
    )}\n`;
  } else if (problems.length > 0) {
    stdout = `${problems.map(formatScoreProblem).join('\n')}\n${
      problems.length
    } problem(s) in ${invalid} of ${files.length} Score file(s)\n`;
  } else {
    stdout = `${files.length} Score file(s) valid\n`;
  }
  return { exitCode: problems.length > 0 ? EXIT_INVALID : EXIT_VALID, stdout };
}
