import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  Environment,
  OrchestratorRun,
} from '@plinth/plugin-orchestrator-common';

/**
 * An app's entity ref, written out in full: a bare name is a Component in
 * the default namespace, as the catalog reads it.
 */
export function appRefOf(text: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(text.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new Error(
      `app must be an entity ref such as component:default/cartservice, not "${text}"`,
    );
  }
}

/** `environment staging (staging) of component:default/cartservice`. */
export function describeEnvironment(environment: Environment): string {
  return `environment ${environment.id} (${environment.type}) of ${environment.app}`;
}

/** Throws, saying why, unless the run succeeded. */
export function runFinished(run: OrchestratorRun, what: string): void {
  if (run.status === 'succeeded') return;
  throw new Error(
    `${what} ${run.status === 'cancelled' ? 'was cancelled' : 'failed'}${
      run.error ? `: ${run.error}` : ''
    }`,
  );
}
