import { InputError } from '@backstage/errors';

/*
 * Where a GitOps delivery writes: the environment's folder from the path
 * template, and the names of the files in it, each checked so that nothing
 * a request holds reaches outside the folder or into .git.
 */

/** What a path segment filled into the path template may contain. */
const SEGMENT = /^[a-z0-9._-]+$/;

/** What each folder or file name of a delivered file may contain. */
const FILE_SEGMENT = /^[A-Za-z0-9._-]+$/;

/** The template's tokens. */
const TOKENS = ['app', 'environment'] as const;

/** A text on one line, for messages. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** The name of an app given as an entity ref or a name. */
export function appName(app: string): string {
  const match = /^(?:[^:/]+:)?(?:[^:/]+\/)?([^:/]+)$/.exec(app);
  if (!match) {
    throw new InputError(
      `The app "${oneLine(
        app,
      )}" is neither an entity ref (kind:namespace/name) nor a name`,
    );
  }
  return match[1];
}

export function checkSegment(value: string, what: string) {
  if (!SEGMENT.test(value) || value === '.' || value === '..') {
    throw new InputError(
      `${what} "${oneLine(
        value,
      )}" cannot be a folder name in the GitOps repository: it may contain only a-z, 0-9, ".", "_" and "-", and may not be "." or ".."`,
    );
  }
}

/** Checks a path template's shape; tokens are checked once filled. */
export function checkTemplate(template: string) {
  const problem = (why: string) =>
    new InputError(`The GitOps path template "${template}" ${why}`);
  if (template.startsWith('/') || /^[A-Za-z]:/.test(template)) {
    throw problem('must be a relative path');
  }
  for (const token of template.match(/\{[^}]*\}/g) ?? []) {
    if (!(TOKENS as readonly string[]).includes(token.slice(1, -1))) {
      throw problem(
        `has the unknown token ${token}; it knows {app} and {environment}`,
      );
    }
  }
  for (const segment of template.split('/')) {
    const literal = segment.replace(/\{(app|environment)\}/g, 'x');
    if (!segment || literal === '.' || literal === '..' || segment === '..') {
      throw problem('may not have empty, "." or ".." segments');
    }
    if (!SEGMENT.test(literal)) {
      throw problem(
        'may contain only a-z, 0-9, ".", "_", "-", "/" and the tokens {app} and {environment}',
      );
    }
  }
}

/** Fills the template, checking every segment. */
export function fillTemplate(
  template: string,
  values: { app: string; environment: string },
): string {
  checkSegment(values.app, 'The app name');
  checkSegment(values.environment, 'The environment id');
  const path = template.replace(
    /\{(app|environment)\}/g,
    (_, token: 'app' | 'environment') => values[token],
  );
  for (const segment of path.split('/')) {
    checkSegment(segment, 'The path segment');
  }
  return path;
}

export function checkFileName(name: string) {
  const segments = name.split('/');
  if (
    segments.some(
      segment =>
        !FILE_SEGMENT.test(segment) || segment === '.' || segment === '..',
    ) ||
    segments[0] === '.git'
  ) {
    throw new InputError(
      `The file name "${oneLine(
        name,
      )}" is not a relative path of names made of A-Z, a-z, 0-9, ".", "_" and "-" (no "." or ".." segments)`,
    );
  }
}
