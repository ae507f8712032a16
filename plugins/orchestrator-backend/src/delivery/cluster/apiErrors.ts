import { ConflictError, InputError } from '@backstage/errors';
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { oneLine as singleLine } from '../gitPaths';

/** How much of the server's message an error quotes. */
const MAX_MESSAGE = 600;

/** A `Status` as the API server answers a failure. */
interface Status {
  kind?: string;
  message?: string;
  reason?: string;
  details?: {
    causes?: Array<{ field?: string; message?: string; reason?: string }>;
  };
}

/**
 * Replaces the kubeconfig's credentials, should any reach a text. The
 * messages built here never quote them; this is the second guard.
 */
export function scrubberOf(kubeConfig: KubeConfig): (text: string) => string {
  const secrets = new Set<string>();
  const add = (value: unknown) => {
    // Short ones would blot out ordinary words.
    if (typeof value === 'string' && value.length >= 6) secrets.add(value);
  };
  for (const user of kubeConfig.getUsers()) {
    add(user.token);
    add(user.password);
    add(user.keyData);
    add(user.certData);
    for (const value of Object.values(user.authProvider?.config ?? {})) {
      add(value);
    }
  }
  const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
  return text =>
    longestFirst.reduce(
      (scrubbed, secret) => scrubbed.split(secret).join('***'),
      text,
    );
}

/** One line of at most `MAX_MESSAGE` characters. */
export function oneLine(text: string): string {
  const line = singleLine(text);
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}

function statusOf(body: unknown): Status | undefined {
  if (typeof body === 'string') {
    try {
      return statusOf(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' ? (body as Status) : undefined;
}

/** The client could not find the kind in the API server's discovery. */
export function isUnservedKind(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // KubernetesObjectApi words these two itself: a 404 on the group
  // version's discovery, or a group version without the kind.
  if (error.message.startsWith('Unrecognized API version and kind')) {
    return true;
  }
  return (
    error instanceof ApiException &&
    error.code === 404 &&
    error.message.startsWith('Failed to fetch resource metadata')
  );
}

/** The API server answered 404 for the object itself. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof ApiException &&
    error.code === 404 &&
    !isUnservedKind(error)
  );
}

/** Whether the error is a request stopped by its signal. */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * A failed request as a sentence: the cluster, what was asked (`apply
 * Deployment/cart-service`) and what the server said, never its raw body.
 */
export function describeFailure(
  error: unknown,
  context: {
    cluster: string;
    action: string;
    object: string;
    apiVersion: string;
    timeoutMs: number;
    scrub: (text: string) => string;
    /** A sentence that ends the message. */
    suffix?: string;
  },
): Error {
  const { cluster, action, object, scrub } = context;
  const end = context.suffix ? `. ${context.suffix}` : '';
  const on = `the cluster ${cluster}`;
  if (isUnservedKind(error)) {
    return new InputError(
      `Could not ${action} ${object}: ${on} does not serve ${
        object.split('/')[0]
      } of ${
        context.apiVersion
      } (is its custom resource definition installed?)${end}`,
    );
  }
  if (error instanceof ApiException) {
    const status = statusOf(error.body);
    const causes = (status?.details?.causes ?? []).filter(
      c => c.field || c.message,
    );
    const said = causes.length
      ? causes
          .map(c =>
            c.field ? `${c.field}: ${c.message ?? c.reason}` : `${c.message}`,
          )
          .join('; ')
      : status?.message ?? '';
    const quoted = said ? `: ${scrub(oneLine(said))}` : '';
    if (error.code === 422) {
      return new InputError(
        `${capitalized(on)} refused ${object}${quoted}${end}`,
      );
    }
    const reason = status?.reason ? ` ${status.reason}` : '';
    const message = `${capitalized(on)} answered HTTP ${
      error.code
    }${reason} to ${action} ${object}${quoted}${end}`;
    return error.code === 409 ? new ConflictError(message) : new Error(message);
  }
  if (isAbort(error)) {
    return new Error(
      `${capitalized(
        on,
      )} did not answer the request to ${action} ${object} within ${
        context.timeoutMs
      } ms${end}`,
    );
  }
  const failure = error as { code?: unknown; message?: unknown };
  // node-fetch's FetchError: its message holds the server's URL; the code
  // (ECONNREFUSED, ENOTFOUND) says enough.
  if (typeof failure?.code === 'string') {
    return new Error(
      `Could not reach ${on} to ${action} ${object} (${failure.code})${end}`,
    );
  }
  return new Error(
    `Could not ${action} ${object} on ${on}: ${scrub(
      oneLine(String(failure?.message ?? error)),
    )}${end}`,
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
