import type { Blueprint, EntityView } from '@plinth/plugin-blueprints-common';
import type { Scorecard } from '../scorecard/types';

/** A small data model for scorecard tests: services in systems. */
export const serviceBlueprint: Blueprint = {
  identifier: 'Service',
  title: 'Service',
  schema: {
    properties: {
      language: { type: 'string' },
      readme: { type: 'string', format: 'markdown' },
      coverage: { type: 'number' },
      tier: { type: 'string', enum: ['1', '2', '3'] },
    },
  },
  relations: { system: { target: 'System' } },
  aggregationProperties: {
    openIncidents: {
      target: 'Incident',
      calculationSpec: { calculationBy: 'entities', func: 'count' },
    },
  },
};

export const blueprints = new Map<string, Blueprint>([
  ['Service', serviceBlueprint],
  ['System', { identifier: 'System', schema: { properties: {} } }],
]);

/** Bronze: owned and documented; Silver: tested; Gold: no open incidents. */
export const readiness: Scorecard = {
  identifier: 'readiness',
  title: 'Production readiness',
  blueprint: 'Service',
  filter: {
    combinator: 'and',
    conditions: [{ property: 'tier', operator: 'in', value: ['1', '2'] }],
  },
  rules: [
    {
      identifier: 'owned',
      title: 'Has an owner',
      level: 'Bronze',
      query: {
        combinator: 'and',
        conditions: [{ property: '$team', operator: 'isNotEmpty' }],
      },
    },
    {
      identifier: 'documented',
      title: 'Has a readme',
      level: 'Bronze',
      query: {
        combinator: 'and',
        conditions: [{ property: 'readme', operator: 'isNotEmpty' }],
      },
    },
    {
      identifier: 'tested',
      title: 'Coverage at least 80%',
      level: 'Silver',
      threshold: { property: 'coverage', operator: '>=', value: 80 },
    },
    {
      identifier: 'calm',
      title: 'No open incidents',
      level: 'Gold',
      query: {
        combinator: 'and',
        conditions: [{ property: 'openIncidents', operator: '=', value: 0 }],
      },
    },
  ],
};

/** A service; `overrides` replace its properties. */
export function service(
  identifier: string,
  properties: Record<string, unknown>,
  derived: Record<string, unknown> = { openIncidents: 0 },
  team: string[] = ['cart-team'],
): EntityView {
  return {
    blueprint: 'Service',
    identifier,
    team,
    properties: { tier: '1', ...properties },
    relations: { system: 'cart' },
    derived,
  };
}
