import {
  CalculationOutcome,
  CalculationRunner,
  computeCalculations,
  entityKey,
  JqEvaluator,
} from '@plinth/plugin-blueprints-common';

/**
 * The engine's calculation step: each calculation property's jq program
 * runs once over the batch (through `evaluator`, the jq engine of
 * `@plinth/plugin-blueprints-node`), with the mirror values the engine just
 * computed among the entities' properties, as Port gives them.
 */
export function calculationRunner(evaluator: JqEvaluator): CalculationRunner {
  return async (blueprint, entities) => {
    const mirrorValues = Object.fromEntries(
      entities.map(e => [e.identifier, e.derived ?? {}]),
    );
    const computed = await computeCalculations(blueprint, entities, evaluator, {
      mirrorValues,
    });
    return new Map(
      entities.map((entity, index) => {
        const outcomes: Record<string, CalculationOutcome> = {};
        for (const [key, result] of Object.entries(computed[index])) {
          if ('error' in result)
            outcomes[key] = { value: null, error: result.error };
          else if ('skipped' in result) {
            outcomes[key] = { value: null, error: result.skipped };
          } else outcomes[key] = result;
        }
        return [entityKey(entity.blueprint, entity.identifier), outcomes];
      }),
    );
  };
}
