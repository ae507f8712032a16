import { z } from 'zod/v3';

export { resourceDefinitionSchema } from '@plinth/plugin-orchestrator-common';

/** An environment type, as app-config and the API give it. */
export const environmentTypeSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,63}$/,
        'must be 1 to 64 lowercase letters, digits or "-"',
      ),
    description: z.string().max(500).default(''),
  })
  .strict();
