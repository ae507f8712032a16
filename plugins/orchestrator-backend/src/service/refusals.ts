import { ConflictError, NotFoundError } from '@backstage/errors';
import type { EnvironmentRefusal } from '../database/OrchestratorStore';

/** The error a refused change to an environment answers with. */
export function refused(
  refusal: EnvironmentRefusal | 'expired-no-more' | 'workload-missing',
  app: string,
  env: string,
): Error {
  switch (refusal) {
    case 'missing':
      return new NotFoundError(`Environment "${env}" of ${app} does not exist`);
    case 'deleting':
      return new ConflictError(
        `Environment "${env}" of ${app} is being deleted; it cannot change any more`,
      );
    case 'locked':
      return new ConflictError(
        `Environment "${env}" of ${app} is locked; unlock it, or ask for the plinth.orchestrator.deploy.locked permission`,
      );
    case 'workload-missing':
      return new NotFoundError(
        `Environment "${env}" of ${app} has no such workload`,
      );
    default:
      return new ConflictError(
        `Environment "${env}" of ${app} is no longer expired`,
      );
  }
}
