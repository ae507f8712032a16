/*
 * Small blueprints shaped like the article's data model, for the tests.
 */

import type { Blueprint } from '@plinth/plugin-blueprints-common';

/** A blueprint with no relations. */
export function domainBlueprint(): Blueprint {
  return {
    identifier: 'Domain',
    title: 'Domain',
    schema: {
      properties: { owner: { type: 'string', title: 'Owner' } },
      required: [],
    },
    relations: {},
  };
}

/** A blueprint with a required relation to Domain. */
export function systemBlueprint(): Blueprint {
  return {
    identifier: 'System',
    title: 'System',
    schema: { properties: {}, required: [] },
    relations: {
      domain: {
        title: 'Domain',
        target: 'Domain',
        required: true,
        many: false,
      },
    },
  };
}

/** A blueprint with an enum property and a relation to System. */
export function componentBlueprint(): Blueprint {
  return {
    identifier: 'Component',
    title: 'Component',
    schema: {
      properties: {
        type: { type: 'string', title: 'Type', enum: ['service', 'library'] },
        language: { type: 'string', title: 'Language' },
      },
      required: ['type'],
    },
    relations: {
      system: {
        title: 'System',
        target: 'System',
        required: false,
        many: false,
      },
    },
  };
}
