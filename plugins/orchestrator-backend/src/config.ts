import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import type {
  EnvironmentType,
  ResourceDefinition,
} from '@plinth/plugin-orchestrator-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v3';
import {
  environmentTypeSchema,
  resourceDefinitionSchema,
} from './service/definitionSchema';

/** The environment types when app-config names none. */
export const DEFAULT_ENVIRONMENT_TYPES: EnvironmentType[] = [
  { id: 'development', description: 'Where a team works', source: 'config' },
  {
    id: 'staging',
    description: 'Where a release is checked',
    source: 'config',
  },
  { id: 'production', description: 'Where users are', source: 'config' },
  {
    id: 'ephemeral',
    description:
      'Short-lived, such as a preview of a pull request; give it a TTL',
    source: 'config',
  },
];

/** The orchestrator's settings, from `plinth.orchestrator`. */
export interface OrchestratorConfig {
  environmentTypes: EnvironmentType[];
  /** Definitions of app-config and of the files it names. */
  definitions: ResourceDefinition[];
  reaper: { frequencyMs: number; notifyBeforeMs: number };
  runs: { leaseMs: number; concurrency: number };
}

function issuesOf(error: z.ZodError, where: string): string {
  return error.issues
    .map(
      issue =>
        `${where}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${
          issue.message
        }`,
    )
    .join('; ');
}

function durationMs(config: Config, key: string, fallback: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallback;
}

/** Definitions of a YAML or JSON file: a list, or `resourceDefinitions:`. */
async function definitionsOfFile(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `Resource definition file ${file} cannot be read: ${
        (error as NodeJS.ErrnoException).code ?? error
      }`,
    );
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new InputError(
      `Resource definition file ${file} is not YAML: ${
        (error as Error).message
      }`,
    );
  }
  const list = Array.isArray(document)
    ? document
    : (document as { resourceDefinitions?: unknown })?.resourceDefinitions;
  if (!Array.isArray(list)) {
    throw new InputError(
      `Resource definition file ${file} must hold a list of definitions, or a map with resourceDefinitions: [...]`,
    );
  }
  return list;
}

/**
 * Reads `plinth.orchestrator`: environment types, resource definitions
 * (inline and from files, relative to the working directory), the reaper's
 * and the runs' settings. A wrong definition fails the start naming its
 * file or config key and field.
 */
export async function readOrchestratorConfig(
  config: Config,
  logger?: LoggerService,
): Promise<OrchestratorConfig> {
  const root = config.getOptionalConfig('plinth.orchestrator');
  const typesConfig = root?.getOptionalConfigArray('environmentTypes');
  const environmentTypes = typesConfig
    ? typesConfig.map((type, i) => {
        const parsed = environmentTypeSchema.safeParse(type.get());
        if (!parsed.success) {
          throw new InputError(
            issuesOf(
              parsed.error,
              `plinth.orchestrator.environmentTypes[${i}]`,
            ),
          );
        }
        return { ...parsed.data, source: 'config' as const };
      })
    : DEFAULT_ENVIRONMENT_TYPES;

  const sources: Array<{ where: string; value: unknown }> = [];
  (root?.getOptional<unknown[]>('resourceDefinitions') ?? []).forEach(
    (value, i) =>
      sources.push({
        where: `plinth.orchestrator.resourceDefinitions[${i}]`,
        value,
      }),
  );
  for (const file of root?.getOptionalStringArray('resourceDefinitionFiles') ??
    []) {
    const resolved = path.resolve(file);
    (await definitionsOfFile(resolved)).forEach((value, i) =>
      sources.push({ where: `${file} [${i}]`, value }),
    );
  }
  const definitions: ResourceDefinition[] = [];
  const seen = new Map<string, string>();
  for (const { where, value } of sources) {
    const parsed = resourceDefinitionSchema.safeParse(value);
    if (!parsed.success) {
      throw new InputError(
        `Resource definition ${issuesOf(parsed.error, where)}`,
      );
    }
    const earlier = seen.get(parsed.data.id);
    if (earlier) {
      throw new InputError(
        `Resource definition "${parsed.data.id}" is defined twice: in ${earlier} and ${where}`,
      );
    }
    seen.set(parsed.data.id, where);
    definitions.push(parsed.data as ResourceDefinition);
  }
  logger?.info(
    `Orchestrator: ${environmentTypes.length} environment types and ${definitions.length} resource definitions from config`,
  );

  return {
    environmentTypes,
    definitions,
    reaper: {
      frequencyMs: durationMs(
        config,
        'plinth.orchestrator.reaper.frequency',
        60_000,
      ),
      notifyBeforeMs: durationMs(
        config,
        'plinth.orchestrator.reaper.notifyBefore',
        24 * 3_600_000,
      ),
    },
    runs: {
      leaseMs: durationMs(config, 'plinth.orchestrator.runs.lease', 30_000),
      concurrency: root?.getOptionalNumber('runs.concurrency') ?? 4,
    },
  };
}
