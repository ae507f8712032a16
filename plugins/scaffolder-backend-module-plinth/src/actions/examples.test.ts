import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { BlueprintEntityStore } from '@plinth/plugin-blueprints-node';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { createPlinthActions } from '.';

// The examples are read, not run: no call reaches the orchestrator.
const orchestrator = {} as OrchestratorService;
const entities = {} as BlueprintEntityStore;

describe("the actions' examples", () => {
  const actions = createPlinthActions({
    orchestrator,
    entities,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });

  it('gives every action an example, and every input field a description', () => {
    for (const action of actions) {
      expect(action.examples?.length).toBeGreaterThan(0);
      const properties = (action.schema?.input as any).properties;
      for (const [name, property] of Object.entries<any>(properties)) {
        expect(`${action.id} ${name}: ${property.description ?? ''}`).toMatch(
          /: \S/,
        );
      }
    }
  });

  it.each(actions.map(a => [a.id, a] as const))(
    "%s: each example is a step whose input the action's schema accepts",
    (id, action) => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      const validate = ajv.compile(action.schema!.input as object);
      for (const example of action.examples!) {
        const { steps } = parseYaml(example.example);
        const own = steps.filter((s: { action: string }) => s.action === id);
        expect(own.length).toBeGreaterThan(0);
        for (const step of own) {
          const valid = validate(step.input);
          expect(validate.errors ?? []).toEqual([]);
          expect(valid).toBe(true);
        }
      }
    },
  );
});
