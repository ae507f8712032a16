import { computeCalculations } from './calculation';
import type { CalculationOutcome, CalculationRunner } from './computeDerived';
import type { JqEvaluator } from './jq';
import { entityKey } from './walk';

/**
 * The calculation step of `computeDerived`: each calculation property's jq
 * program runs once over the batch (through `evaluator`, such as the jq
 * engine of `@plinth/plugin-blueprints-node`), with the mirror values just
 * computed among the entities' properties, as Port gives them.
 * @public
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

/**
 * A check of calculation programs for blueprint registries: the compile
 * error of a program, or undefined when it compiles.
 * @public
 */
export function jqCompileCheck(
  evaluator: JqEvaluator,
): (program: string) => Promise<string | undefined> {
  return async program => {
    const [result] = await evaluator.evaluateMany(program, [null]);
    return 'error' in result && result.kind === 'compile'
      ? result.error
      : undefined;
  };
}
