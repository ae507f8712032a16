import type {
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { formatProblem, Problem } from '@plinth/plugin-blueprints-common';

/**
 * The InputError (HTTP 400) for a document that does not validate: one
 * problem per line, as `formatProblem` gives them.
 */
export function invalidInput(problems: Problem[]): InputError {
  return new InputError(problems.map(formatProblem).join('\n'));
}

/**
 * Who the caller is, as recorded in `createdBy` and `updatedBy`: the user
 * entity ref, or the service's subject (`plugin:catalog`).
 */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal
    | BackstageNonePrincipal;
  switch (principal.type) {
    case 'user':
      return principal.userEntityRef;
    case 'service':
      return principal.subject;
    default:
      return 'unknown';
  }
}
