import { ResponseError } from '@backstage/errors';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject, JsonValue } from '@backstage/types';

/** Any action's context; the actions type their own input and output. */
export type AnyActionContext = ActionContext<any, any>;

/**
 * Runs one side effect of an action: once per task, so that a retried task
 * reuses the answer of a step that already happened instead of repeating
 * it (`ctx.checkpoint`), or, in a dry run, only says what it would do and
 * answers `dry`.
 */
export async function sideEffect<T extends JsonValue>(
  ctx: AnyActionContext,
  step: {
    /** Unique within the task: the action and what it acts on. */
    key: string;
    /** What it does, as a sentence without the final stop. */
    describe: string;
    dry: T;
    run: () => Promise<T>;
  },
): Promise<T> {
  if (ctx.isDryRun) {
    ctx.logger.info(`Dry run: would ${step.describe}.`);
    return step.dry;
  }
  ctx.logger.info(`${capitalized(step.describe)}.`);
  return ctx.checkpoint<T>({ key: step.key, fn: step.run });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * An error of a call to another plugin as a sentence naming what was being
 * done: the plugin's own message for an answer it refused (403, 404, 409,
 * 400 …), rather than the HTTP status line.
 */
export async function explained<T>(
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ResponseError) {
      const message =
        (error.body as { error?: { message?: string } })?.error?.message ??
        error.message;
      throw new Error(`Could not ${what}: ${message}`);
    }
    throw error;
  }
}

/** Sets each output that has a value. */
export function outputs(ctx: AnyActionContext, values: JsonObject): void {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null) ctx.output(name, value);
  }
}
