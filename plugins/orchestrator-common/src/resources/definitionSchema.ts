import { z } from 'zod/v3';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Input names that hold credentials belong in secretRefs, never in values. */
const SECRET_NAME =
  /pass(word)?|secret|token|credential|private.?key|api.?key/i;

const criterionSchema = z
  .object({
    envType: z.string().min(1).max(64).optional(),
    envId: z.string().min(1).max(64).optional(),
    appId: z.string().min(1).max(255).optional(),
    resId: z.string().min(1).max(255).optional(),
    class: z.string().min(1).max(64).optional(),
  })
  .strict();

/**
 * A resource definition, as files, app-config, the orchestrator's API and
 * `plinth score render --definitions` give it: an id, the resource type,
 * the driver and its inputs (plain values, and names of platform secrets —
 * a value whose name looks like a credential is refused), and at least one
 * matching criterion. Parsing gives a `ResourceDefinition`.
 *
 * @example
 * ```ts
 * const parsed = resourceDefinitionSchema.safeParse(value);
 * if (!parsed.success) console.error(parsed.error.issues);
 * ```
 * @public
 */
export const resourceDefinitionSchema = z
  .object({
    id: z
      .string()
      .regex(NAME, 'must be 1 to 128 letters, digits, ".", "_" or "-"'),
    title: z.string().max(200).optional(),
    type: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,63}$/,
        'must be a resource type such as postgres',
      ),
    driver: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,63}$/,
        'must be a driver id such as postgres',
      ),
    driverInputs: z
      .object({
        values: z.record(z.unknown()).optional(),
        secretRefs: z
          .record(z.string().regex(NAME, 'must name a platform secret'))
          .optional(),
      })
      .strict()
      .optional(),
    criteria: z
      .array(criterionSchema)
      .min(1, 'must hold at least one criterion ({} applies everywhere)'),
  })
  .strict()
  .superRefine((definition, ctx) => {
    for (const key of Object.keys(definition.driverInputs?.values ?? {})) {
      // The template driver's `secrets` input holds templates of its secret
      // outputs (reading secret references), not a credential itself.
      const templates = definition.driver === 'template' && key === 'secrets';
      if (SECRET_NAME.test(key) && !templates) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['driverInputs', 'values', key],
          message:
            'looks like a credential: keep it as a platform secret and name it under driverInputs.secretRefs',
        });
      }
    }
  });
