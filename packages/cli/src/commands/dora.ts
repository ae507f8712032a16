import {
  computeDoraMetrics,
  DEFAULT_DORA_ENVIRONMENT,
  DoraEvent,
  parseDoraEvent,
  parseIsoDateTime,
} from '@plinth/plugin-dora-common';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import {
  CommandResult,
  EXIT_INVALID,
  EXIT_USAGE,
  EXIT_VALID,
} from './validate';

const DAY_MS = 86_400_000;

/** Options of {@link doraCommand}. */
export interface DoraCommandOptions {
  /** Start of the window (ISO 8601); the first event's day by default. */
  from?: string;
  /** End of the window, exclusive; the day after the last event's by default. */
  to?: string;
  /** One result per entity (the default) or one for all. */
  groupBy?: 'entity' | 'none';
  /** The environment measured; `production` by default. */
  environment?: string;
  cwd?: string;
}

function eventTimes(event: DoraEvent): string[] {
  switch (event.type) {
    case 'change':
      return [event.createdAt];
    case 'deployment':
      return [event.startedAt, event.finishedAt];
    default:
      return event.resolvedAt === null
        ? [event.createdAt]
        : [event.createdAt, event.resolvedAt];
  }
}

/**
 * `plinth dora <events.jsonl> [--from] [--to] [--group-by entity|none]
 * [--environment production]`: the DORA metrics of a JSON Lines file of
 * change, deployment and incident events, as JSON: for each group,
 * deployment frequency, lead time for changes (median and p90), change
 * failure rate, failed deployment recovery time and rework rate, with the
 * tier of each. Bad lines are reported on stderr with their number and
 * reason, and make the exit code 1; the metrics of the good lines are
 * printed all the same. Warnings (a repeated id, a change or deployment not
 * in the file) do not change the exit code.
 */
export async function doraCommand(
  path: string,
  options: DoraCommandOptions = {},
): Promise<CommandResult> {
  const usage = (message: string): CommandResult => ({
    exitCode: EXIT_USAGE,
    stdout: '',
    stderr: `${message}\n`,
  });
  const bounds: { from?: number; to?: number } = {};
  for (const key of ['from', 'to'] as const) {
    const text = options[key];
    if (text === undefined) continue;
    const ms = parseIsoDateTime(text);
    if (ms === undefined) {
      return usage(
        `--${key} must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T00:00:00Z, not ${text}`,
      );
    }
    bounds[key] = ms;
  }

  let text: string;
  try {
    text = await fs.readFile(
      resolve(options.cwd ?? process.cwd(), path),
      'utf8',
    );
  } catch (error) {
    return usage(`${path}: cannot be read: ${(error as Error).message}`);
  }

  const errors: string[] = [];
  const warnings: string[] = [];
  const events: DoraEvent[] = [];
  const lineOf = new Map<string, { line: number; json: string }>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push(
        `${path}:${line}: not valid JSON: ${(error as Error).message}`,
      );
      return;
    }
    const result = parseDoraEvent(value);
    if (!result.success) {
      errors.push(
        `${path}:${line}: ${result.id === undefined ? '' : `${result.id}: `}${
          result.reason
        }`,
      );
      return;
    }
    const event = result.event;
    const key = `${event.type} ${event.id}`;
    const json = JSON.stringify(event);
    const earlier = lineOf.get(key);
    if (earlier && earlier.json !== json) {
      warnings.push(
        `${path}:${line}: warning: replaces the ${key} of line ${earlier.line}, which has the same id and a different content (the later one wins)`,
      );
    }
    lineOf.set(key, { line, json });
    events.push(event);
  });

  for (const [key, { line, json }] of lineOf) {
    const event = JSON.parse(json) as DoraEvent;
    if (event.type === 'deployment') {
      const unknown = event.changes.filter(id => !lineOf.has(`change ${id}`));
      if (unknown.length > 0) {
        warnings.push(
          `${path}:${line}: warning: ${key} refers to changes not in the file: ${unknown.join(
            ', ',
          )}`,
        );
      }
    } else if (
      event.type === 'incident' &&
      event.causedBy !== null &&
      !lineOf.has(`deployment ${event.causedBy}`)
    ) {
      warnings.push(
        `${path}:${line}: warning: ${key} refers to a deployment not in the file: ${event.causedBy}`,
      );
    }
  }

  let first = Infinity;
  let last = -Infinity;
  for (const event of events) {
    for (const time of eventTimes(event)) {
      const ms = Date.parse(time);
      first = Math.min(first, ms);
      last = Math.max(last, ms);
    }
  }
  const from =
    bounds.from ??
    (events.length > 0 ? Math.floor(first / DAY_MS) * DAY_MS : undefined);
  const to =
    bounds.to ??
    (events.length > 0 ? (Math.floor(last / DAY_MS) + 1) * DAY_MS : undefined);
  const stderr = [...errors, ...warnings];
  if (from === undefined || to === undefined) {
    stderr.push(
      `${path}: holds no valid event; give --from and --to to measure an empty window`,
    );
    return {
      exitCode: EXIT_INVALID,
      stdout: '',
      stderr: `${stderr.join('\n')}\n`,
    };
  }
  if (from >= to) return usage('--from must be before --to');

  const report = computeDoraMetrics(events, {
    from,
    to,
    environment: options.environment ?? DEFAULT_DORA_ENVIRONMENT,
    groupBy: options.groupBy ?? 'entity',
  });
  return {
    exitCode: errors.length > 0 ? EXIT_INVALID : EXIT_VALID,
    stdout: `${JSON.stringify(report, null, 2)}\n`,
    stderr: stderr.length > 0 ? `${stderr.join('\n')}\n` : undefined,
  };
}
