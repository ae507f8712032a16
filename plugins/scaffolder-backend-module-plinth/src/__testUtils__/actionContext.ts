import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject, JsonValue } from '@backstage/types';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * What the scaffolder's task runner gives an action, for running one step
 * in a test: its input, the user's credentials, a workspace folder, the
 * log and outputs it collects, and checkpoints kept across runs of the same
 * task (a retried task reuses them, as the runner's task state does).
 */
export interface StepRun {
  logs: string[];
  outputs: Record<string, JsonValue>;
}

export function taskState() {
  return new Map<string, JsonValue>();
}

export async function runStep(
  action: TemplateAction<any, any, any>,
  input: JsonObject,
  options: {
    credentials?: BackstageCredentials;
    isDryRun?: boolean;
    /** The task's checkpoints, shared between runs of one task. */
    checkpoints?: Map<string, JsonValue>;
    workspacePath?: string;
  } = {},
): Promise<StepRun> {
  const logs: string[] = [];
  const outputs: Record<string, JsonValue> = {};
  const checkpoints = options.checkpoints ?? taskState();
  const logger = mockServices.logger.mock();
  for (const level of ['info', 'warn', 'error', 'debug'] as const) {
    logger[level].mockImplementation((message: string) => {
      logs.push(message);
    });
  }
  const workspacePath =
    options.workspacePath ??
    (await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-step-')));
  const ctx: ActionContext<any, any> = {
    input,
    logger,
    workspacePath,
    isDryRun: options.isDryRun,
    task: { id: 'task-1' },
    async checkpoint({ key, fn }) {
      if (checkpoints.has(key)) return checkpoints.get(key) as any;
      const value = await fn();
      checkpoints.set(key, (value ?? null) as JsonValue);
      return value;
    },
    output(name, value) {
      outputs[name as string] = value as JsonValue;
    },
    createTemporaryDirectory: () =>
      fs.mkdtemp(path.join(os.tmpdir(), 'plinth-step-tmp-')),
    getInitiatorCredentials: async () =>
      options.credentials ?? mockCredentials.user('user:default/ada'),
    user: { ref: 'user:default/ada' },
  };
  await action.handler(ctx);
  return { logs, outputs };
}
