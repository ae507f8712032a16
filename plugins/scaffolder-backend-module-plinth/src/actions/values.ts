import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { appRefOf } from './common';
import { explained, outputs, sideEffect } from './steps';

/**
 * `plinth:value:set`: a shared value or secret of an app or of one of its
 * environments, which Score files read as `${resources.env.KEY}` through
 * the environment resource. A secret's value is in no log and no output.
 * @public
 */
export function createValueSetAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:value:set',
    description:
      "Sets a shared value or secret of an app or of one of its environments; a secret is sealed at rest and its value never appears in the task's log or output",
    supportsDryRun: true,
    examples: [
      {
        description:
          'A secret from the form (a Secret field), for one environment',
        example: `steps:
  - id: secret
    name: Add the secret
    action: plinth:value:set
    input:
      app: component:default/cartservice
      environment: production
      key: STRIPE_API_KEY
      value: \${{ secrets.stripeApiKey }}
      secret: true
      description: Stripe's live key`,
      },
    ],
    schema: {
      input: {
        app: z =>
          z
            .string()
            .min(1)
            .describe(
              'The app: the entity ref of its Component or System, such as component:default/cartservice',
            ),
        environment: z =>
          z
            .string()
            .optional()
            .describe(
              "The environment it is for; the app's, for every environment, when not given",
            ),
        key: z =>
          z
            .string()
            .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/)
            .describe(
              'Its key: letters, digits, "_", "." or "-", not starting with a digit',
            ),
        value: z =>
          z
            .string()
            .max(65_536)
            .describe(
              'The value; for a secret, pass it from a Secret field as ${{ secrets.name }}',
            ),
        secret: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Whether it is a secret, sealed and never shown again (no unless true)',
            ),
        description: z =>
          z
            .string()
            .max(500)
            .optional()
            .describe('What it is for, shown beside it'),
      },
      output: {
        key: z => z.string().describe('Its key'),
        scope: z => z.string().describe('Where it lives: app or environment'),
        secret: z => z.boolean().describe('Whether it is a secret'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { key, value } = ctx.input;
      // A form's empty optional field arrives as "".
      const environment = ctx.input.environment || undefined;
      const description = ctx.input.description || undefined;
      const secret = ctx.input.secret === true;
      const credentials = await ctx.getInitiatorCredentials();
      const where = environment
        ? `environment ${environment} of ${app}`
        : `${app} (every environment)`;
      const describe = secret
        ? `set secret ${key} of ${where} (its value is not shown)`
        : `set ${key} of ${where} to "${value}"`;
      await sideEffect(ctx, {
        key: `plinth:value:set:${app}:${environment ?? ''}:${key}`,
        describe,
        dry: null,
        run: async () => {
          await explained(
            secret ? `set secret ${key} of ${where}` : describe,
            () =>
              orchestrator.putValue(
                { app, environment },
                { key, value, secret, description },
                { credentials },
              ),
          );
          return null;
        },
      });
      outputs(ctx, {
        key,
        scope: environment ? 'environment' : 'app',
        secret,
      });
    },
  });
}
