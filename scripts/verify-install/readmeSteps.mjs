/*
 * The install steps of a plugin README, as a user pastes them.
 *
 * A step is an HTML comment followed by the fenced code block it applies:
 *
 *   <!-- verify-install: <apps> <action> [<target>] [<where> "<anchor>"] -->
 *
 * - <apps>: `new`, `legacy` or `new,legacy` (the pristine app it applies to).
 * - `run`: each line of the block is run in the app's root folder.
 * - `edit <file> top`: the block goes after the file's last top-level import.
 * - `edit <file> before "<anchor>"` / `after "<anchor>"`: the block goes right
 *   before / after the first occurrence of the anchor text; `replace "<anchor>"`
 *   puts the block in its place. In an anchor, \" is a quote and \n a line break.
 * - `yaml <file>`: the block is merged into the YAML file (maps merged,
 *   lists appended), as a user adds keys to app-config.yaml.
 * - `file <path>`: the block is written as a new file.
 * - `env`: each `export NAME=value` line of the block is evaluated, and the
 *   variable given to the backend when it starts.
 * - `visit <path> expect "<text>"` (no block): the browser check opens the
 *   page and waits for the text.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const MARKER = /^<!--\s*verify-install:\s*(.*?)\s*-->\s*$/;

/** Splits the marker's words, keeping "quoted strings" whole. */
function words(text) {
  const out = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m;
  while ((m = re.exec(text))) {
    out.push(
      m[1] !== undefined
        ? m[1].replace(/\\(["n\\])/g, (_, c) => (c === 'n' ? '\n' : c))
        : m[2],
    );
  }
  return out;
}

/** Reads the steps of one README, in order. */
export function readSteps(readmePath) {
  const lines = fs.readFileSync(readmePath, 'utf8').split('\n');
  const steps = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(MARKER);
    if (!m) continue;
    const [apps, action, ...rest] = words(m[1]);
    const step = {
      readme: readmePath,
      line: i + 1,
      apps: apps.split(','),
      action,
      args: rest,
    };
    if (action !== 'visit') {
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      const fence = lines[j]?.match(/^(```+)/);
      if (!fence) {
        throw new Error(
          `${readmePath}:${
            i + 1
          }: a verify-install marker must precede a fenced code block`,
        );
      }
      const body = [];
      for (j++; j < lines.length && !lines[j].startsWith(fence[1]); j++) {
        body.push(lines[j]);
      }
      step.code = `${body.join('\n')}\n`;
      i = j;
    }
    steps.push(step);
  }
  return steps;
}

function mergeYaml(target, source) {
  if (Array.isArray(target) && Array.isArray(source)) {
    return [...target, ...source];
  }
  if (
    target &&
    source &&
    typeof target === 'object' &&
    typeof source === 'object' &&
    !Array.isArray(target) &&
    !Array.isArray(source)
  ) {
    const out = { ...target };
    for (const [k, v] of Object.entries(source)) {
      out[k] = k in out ? mergeYaml(out[k], v) : v;
    }
    return out;
  }
  return source;
}

/**
 * Applies one step to the app in appDir. `run` is given a function that runs
 * a shell line in the app's root.
 */
export async function applyStep(step, appDir, { run, env = {} }) {
  const where = `${path.relative(process.cwd(), step.readme)}:${step.line}`;
  const [target, position, anchor] = step.args;
  switch (step.action) {
    case 'run': {
      for (const raw of step.code.split('\n')) {
        const line = raw.replace(/\s+#.*$/, '').trim();
        if (!line || line.startsWith('#')) continue;
        await run(line, where);
      }
      return;
    }
    case 'edit': {
      const file = path.join(appDir, target);
      const text = fs.readFileSync(file, 'utf8');
      let next;
      if (position === 'top') {
        const importEnd = [
          ...text.matchAll(/^import[\s\S]*?from\s+['"][^'"]+['"];?\n/gm),
        ];
        const at = importEnd.length
          ? importEnd[importEnd.length - 1].index +
            importEnd[importEnd.length - 1][0].length
          : 0;
        next = text.slice(0, at) + step.code + text.slice(at);
      } else if (position === 'replace') {
        if (!text.includes(anchor)) {
          throw new Error(`${where}: "${anchor}" is not in ${target}`);
        }
        next = text.replace(anchor, step.code.replace(/\n$/, ''));
      } else if (position === 'before' || position === 'after') {
        const at = text.indexOf(anchor);
        if (at < 0) {
          throw new Error(`${where}: "${anchor}" is not in ${target}`);
        }
        const cut = position === 'before' ? at : at + anchor.length;
        next = text.slice(0, cut) + step.code + text.slice(cut);
      } else {
        throw new Error(`${where}: unknown edit position "${position}"`);
      }
      fs.writeFileSync(file, next);
      return;
    }
    case 'yaml': {
      const file = path.join(appDir, target);
      const current = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
      const merged = mergeYaml(current, YAML.parse(step.code));
      fs.writeFileSync(file, YAML.stringify(merged));
      return;
    }
    case 'file': {
      const file = path.join(appDir, target);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, step.code);
      return;
    }
    case 'env': {
      // `export NAME=value` lines, as a user runs them in the shell that
      // starts the backend: evaluated here, given to the backend process.
      for (const raw of step.code.split('\n')) {
        const m = raw.trim().match(/^export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
        if (!m) continue;
        env[m[1]] = (
          await run(`printf %s ${m[2]}`, where, { quiet: true })
        ).trim();
      }
      return;
    }
    case 'visit':
      return;
    default:
      throw new Error(
        `${where}: unknown verify-install action "${step.action}"`,
      );
  }
}
