/*
 * Test fixtures shaped like the article's data model (the seed's five
 * blueprints and Cart Service), written inline so that the tests do not
 * depend on files outside the package.
 */

import type { Blueprint } from '../blueprint/types';

/**
 * Fresh copies of the five seed-shaped blueprints, safe to mutate.
 * @internal
 */
export function seedBlueprints(): Blueprint[] {
  const blueprints: Blueprint[] = [
    {
      identifier: 'Domain',
      title: 'Domain',
      icon: 'Server',
      schema: { properties: {}, required: [] },
      mirrorProperties: {},
      formulaProperties: {},
      calculationProperties: {},
      relations: {},
    },
    {
      identifier: 'System',
      title: 'System',
      icon: 'DevopsTool',
      schema: { properties: {}, required: [] },
      mirrorProperties: {},
      formulaProperties: {},
      calculationProperties: {},
      relations: {
        domain: { target: 'Domain', required: true, many: false },
      },
    },
    {
      identifier: 'Resource',
      title: 'Resource',
      icon: 'DevopsTool',
      schema: {
        properties: {
          type: {
            enum: ['postgress', 'kafka-topic', 'rabbit-queue', 's3-bucket'],
            icon: 'Docs',
            type: 'string',
          },
        },
        required: [],
      },
      mirrorProperties: {},
      formulaProperties: {},
      calculationProperties: {},
      relations: {},
    },
    {
      identifier: 'API',
      title: 'API',
      icon: 'Link',
      schema: {
        properties: {
          type: { type: 'string', enum: ['Open API', 'grpc'] },
        },
        required: [],
      },
      mirrorProperties: {},
      formulaProperties: {},
      calculationProperties: {},
      relations: {
        provider: { target: 'Component', required: true, many: false },
      },
    },
    {
      identifier: 'Component',
      title: 'Component',
      icon: 'Cloud',
      schema: {
        properties: {
          type: {
            enum: ['service', 'library'],
            icon: 'Docs',
            type: 'string',
            enumColors: { service: 'blue', library: 'green' },
          },
        },
        required: [],
      },
      mirrorProperties: {},
      formulaProperties: {},
      calculationProperties: {},
      relations: {
        system: { target: 'System', required: false, many: false },
        resources: { target: 'Resource', required: false, many: true },
        consumesApi: { target: 'API', required: false, many: true },
        components: { target: 'Component', required: false, many: true },
        providesApi: { target: 'API', required: false, many: false },
      },
    },
  ];
  return JSON.parse(JSON.stringify(blueprints));
}

/**
 * One seed-shaped blueprint by identifier, as a fresh copy.
 * @internal
 */
export function seedBlueprint(identifier: string): Blueprint {
  const found = seedBlueprints().find(b => b.identifier === identifier);
  if (!found) throw new Error(`no seed blueprint ${identifier}`);
  return found;
}

/**
 * An entity shaped like the seed's Cart Service, as a fresh copy.
 * @internal
 */
export function cartService(): Record<string, any> {
  return {
    identifier: 'CartService',
    title: 'Cart Service',
    blueprint: 'Component',
    properties: { type: 'service' },
    relations: {
      system: 'Cart',
      resources: ['cart-sql-sb'],
      consumesApi: [],
      components: ['CorePaymentLibrary', 'CoreKafkaLibrary'],
    },
    icon: 'Cloud',
  };
}
