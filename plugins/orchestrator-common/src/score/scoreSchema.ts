import { z } from 'zod/v4';

// The Score specification, score.dev/v1b1, written from its text and its
// reference schema's facts: every message says what is expected.

/** An RFC 1123 label: workload, container, port and resource names. */
const LABEL = /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/;
const labelMessage =
  'must be 2 to 63 lowercase letters, digits or "-", not starting or ending with "-"';
/** Resource types and classes: as a label, capitals allowed. */
const TYPE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/;
/** A resource id: dot-separated labels. */
const RESOURCE_ID =
  /^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$/;
/** An annotation key: an optional DNS prefix and a slash, then a name. */
const ANNOTATION =
  /^(([a-z0-9][a-z0-9-]{0,61}[a-z0-9])(\.[a-z0-9][a-z0-9-]{0,61}[a-z0-9])*\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,61}[A-Za-z0-9]$/;
const MEMORY = /^[1-9]\d*(K|M|G|T|Ki|Mi|Gi|Ti)?$/;
const CPU = /^\d*(?:m|\.\d+)?$/;
const FILE_MODE = /^0?[0-7]{3}$/;
const HEADER_NAME = /^[A-Za-z0-9_-]+$/;

const label = z
  .string({ error: 'must be a text' })
  .regex(LABEL, { error: labelMessage });

const text = (what = 'a text') => z.string({ error: `must be ${what}` });

const port = z
  .number({ error: 'must be a port number' })
  .int({ error: 'must be a whole port number' })
  .min(1, { error: 'must be a port number from 1 to 65535' })
  .max(65535, { error: 'must be a port number from 1 to 65535' });

const annotations = z.record(
  z.string().regex(ANNOTATION, {
    error:
      'must be an annotation key: an optional DNS prefix and "/", then letters, digits, "-", "_" or "."',
  }),
  text(),
  { error: 'must be a map of annotation keys to texts' },
);

const servicePort = z.strictObject(
  {
    port,
    protocol: z
      .enum(['TCP', 'UDP'], { error: 'must be TCP or UDP' })
      .optional(),
    targetPort: port.optional(),
  },
  { error: 'must be a map with a port (and optionally protocol, targetPort)' },
);

const resourcesLimits = z.strictObject(
  {
    memory: text()
      .regex(MEMORY, {
        error: 'must be a memory size such as 128Mi, 1Gi or 512M',
      })
      .optional(),
    cpu: text()
      .regex(CPU, { error: 'must be a CPU amount such as 0.5, 2 or 250m' })
      .optional(),
  },
  { error: 'must be a map of memory and cpu' },
);

const httpProbe = z.strictObject(
  {
    host: text().min(1, { error: 'must not be empty' }).optional(),
    scheme: z
      .enum(['HTTP', 'HTTPS'], { error: 'must be HTTP or HTTPS' })
      .optional(),
    path: text('a path such as /healthz'),
    port,
    httpHeaders: z
      .array(
        z.strictObject(
          {
            name: text().regex(HEADER_NAME, {
              error: 'must be an HTTP header name (letters, digits, "-", "_")',
            }),
            value: text().min(1, { error: 'must not be empty' }),
          },
          { error: 'must be a map with a name and a value' },
        ),
        { error: 'must be a list of headers' },
      )
      .optional(),
  },
  { error: 'must be a map with a path and a port' },
);

const execProbe = z.strictObject(
  {
    command: z.array(text(), { error: 'must be a list of texts' }).min(1, {
      error: 'must name the command to run',
    }),
  },
  { error: 'must be a map with a command' },
);

const probe = z
  .strictObject(
    { httpGet: httpProbe.optional(), exec: execProbe.optional() },
    { error: 'must be a map with httpGet or exec' },
  )
  .refine(value => Boolean(value.httpGet) !== Boolean(value.exec), {
    error: 'must have exactly one of httpGet and exec',
  });

const file = z
  .strictObject(
    {
      target: text('a path in the container').min(1, {
        error: 'must not be empty',
      }),
      mode: text()
        .regex(FILE_MODE, { error: 'must be an octal file mode such as 0600' })
        .optional(),
      source: text('a path to the content file')
        .min(1, { error: 'must not be empty' })
        .optional(),
      content: text().optional(),
      noExpand: z.boolean({ error: 'must be true or false' }).optional(),
    },
    { error: 'must be a map with a target and a source or content' },
  )
  .refine(
    value => (value.source === undefined) !== (value.content === undefined),
    {
      error: 'must have exactly one of source and content',
    },
  );

const volume = z.strictObject(
  {
    source: text('a volume reference such as ${resources.data}'),
    path: text().optional(),
    target: text('a path in the container'),
    readOnly: z.boolean({ error: 'must be true or false' }).optional(),
  },
  { error: 'must be a map with a source and a target' },
);

const container = z.strictObject(
  {
    image: text('an image name such as nginx:1.27 (or "." to build)').min(1, {
      error: 'must not be empty',
    }),
    command: z.array(text(), { error: 'must be a list of texts' }).optional(),
    args: z.array(text(), { error: 'must be a list of texts' }).optional(),
    variables: z
      .record(
        z.string().regex(/^[^=]+$/, {
          error: 'must be a variable name without "="',
        }),
        text('a text (quote numbers and booleans)'),
        { error: 'must be a map of variable names to texts' },
      )
      .optional(),
    files: z.array(file, { error: 'must be a list of files' }).optional(),
    volumes: z.array(volume, { error: 'must be a list of volumes' }).optional(),
    resources: z
      .strictObject(
        {
          limits: resourcesLimits.optional(),
          requests: resourcesLimits.optional(),
        },
        { error: 'must be a map of limits and requests' },
      )
      .optional(),
    livenessProbe: probe.optional(),
    readinessProbe: probe.optional(),
  },
  { error: 'must be a map with an image' },
);

const resource = z.strictObject(
  {
    type: text('a resource type such as postgres').regex(TYPE_NAME, {
      error:
        'must be a resource type: 2 to 63 letters, digits or "-", not starting or ending with "-"',
    }),
    class: text()
      .regex(TYPE_NAME, {
        error:
          'must be a class: 2 to 63 letters, digits or "-", not starting or ending with "-"',
      })
      .optional(),
    id: text()
      .max(63, { error: 'must be at most 63 characters' })
      .regex(RESOURCE_ID, {
        error:
          'must be a resource id: labels of lowercase letters, digits and "-", separated by "."',
      })
      .optional(),
    metadata: z
      .looseObject(
        { annotations: annotations.optional() },
        { error: 'must be a map' },
      )
      .optional(),
    params: z
      .record(z.string(), z.unknown(), { error: 'must be a map' })
      .optional(),
  },
  { error: 'must be a map with a type' },
);

/**
 * A Score workload, `score.dev/v1b1`, as checked by {@link parseScore}.
 * @public
 */
export const scoreWorkloadSchema = z.strictObject(
  {
    apiVersion: z.literal('score.dev/v1b1', {
      error: 'must be score.dev/v1b1',
    }),
    metadata: z.looseObject(
      {
        name: label,
        annotations: annotations.optional(),
      },
      { error: 'must be a map with the workload name' },
    ),
    service: z
      .strictObject(
        {
          ports: z
            .record(label, servicePort, {
              error: 'must be a map of port names to ports',
            })
            .optional(),
        },
        { error: 'must be a map of ports' },
      )
      .optional(),
    containers: z
      .record(label, container, {
        error: 'must be a map of container names to containers',
      })
      .refine(value => Object.keys(value).length > 0, {
        error: 'must name at least one container',
      }),
    resources: z
      .record(label, resource, {
        error: 'must be a map of resource names to resources',
      })
      .optional(),
  },
  {
    error:
      'must be a Score workload: a map with apiVersion, metadata and containers',
  },
);

/**
 * A Score workload (`score.dev/v1b1`).
 * @public
 */
export type ScoreWorkload = z.infer<typeof scoreWorkloadSchema>;

/**
 * A resource a Score workload depends on.
 * @public
 */
export type ScoreResource = NonNullable<ScoreWorkload['resources']>[string];

/**
 * A container of a Score workload.
 * @public
 */
export type ScoreContainer = ScoreWorkload['containers'][string];
