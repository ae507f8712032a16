/*
 * The shape of a Port blueprint as a JSON schema: which keys exist, where,
 * and of which JSON type. What a JSON schema cannot say well (which keywords
 * fit which property type, formats per type, identifier rules, references
 * between parts of the blueprint) is checked in validateBlueprint.ts, with
 * messages written for people.
 *
 * Keys follow Port's API as its documentation and its Terraform provider
 * describe it (port-labs/port-docs `setup-blueprint/**`,
 * port-labs/terraform-provider-port-labs `port/blueprint/schema.go`), plus
 * what Port's exports carry (`createdAt`, `updatedAt`, `createdBy`,
 * `updatedBy`, `changelogDestination`, and `teamInheritance`, Port's older
 * form of `ownership`).
 */

import { DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH } from './identifiers';
import { PROPERTY_TYPES } from './portFormat';

const string = { type: 'string' } as const;
const title = { type: 'string', maxLength: TITLE_MAX_LENGTH } as const;
const description = {
  type: 'string',
  maxLength: DESCRIPTION_MAX_LENGTH,
} as const;
const boolean = { type: 'boolean' } as const;
const number = { type: 'number' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const stringMap = { type: 'object', additionalProperties: string } as const;

/** Keywords that constrain values, shared by a property and an array's `items`. */
const valueKeywords = {
  type: { enum: PROPERTY_TYPES },
  title,
  description,
  format: string,
  enum: { type: 'array', minItems: 1 },
  enumColors: stringMap,
  minLength: count,
  maxLength: count,
  pattern: string,
  minimum: number,
  maximum: number,
  exclusiveMinimum: number,
  exclusiveMaximum: number,
  minItems: count,
  maxItems: count,
  uniqueItems: boolean,
  properties: { type: 'object' },
  additionalProperties: { type: ['boolean', 'object'] },
  patternProperties: { type: 'object' },
  // An array on object properties (JSON schema); a boolean is a common
  // mistake that validateBlueprint explains.
  required: { type: ['array', 'boolean'] },
} as const;

/**
 * The JSON schema of an array property's `items`.
 * @public
 */
export const ITEMS_META_SCHEMA = {
  type: 'object',
  properties: {
    ...valueKeywords,
    items: { type: 'object' },
  },
  additionalProperties: false,
} as const;

/**
 * The JSON schema of one entry of `schema.properties`.
 * @public
 */
export const PROPERTY_META_SCHEMA = {
  type: 'object',
  required: ['type'],
  properties: {
    ...valueKeywords,
    icon: string,
    default: {},
    spec: string,
    // port-docs properties/embedded-url/authentication.md
    specAuthentication: {
      type: 'object',
      required: ['clientId', 'authorizationUrl', 'tokenUrl'],
      properties: {
        clientId: string,
        authorizationUrl: string,
        tokenUrl: string,
        authorizationScope: { type: 'array', items: string },
      },
      additionalProperties: false,
    },
    items: ITEMS_META_SCHEMA,
  },
  additionalProperties: false,
} as const;

const relation = {
  type: 'object',
  required: ['target'],
  properties: {
    target: string,
    title,
    description,
    required: boolean,
    many: boolean,
  },
  additionalProperties: false,
} as const;

const mirrorProperty = {
  type: 'object',
  required: ['path'],
  properties: { title, path: string },
  additionalProperties: false,
} as const;

const calculationProperty = {
  type: 'object',
  required: ['calculation', 'type'],
  properties: {
    title,
    description,
    icon: string,
    calculation: string,
    type: { enum: PROPERTY_TYPES },
    format: string,
    spec: string,
    colorized: boolean,
    colors: stringMap,
    items: ITEMS_META_SCHEMA,
  },
  additionalProperties: false,
} as const;

const aggregationProperty = {
  type: 'object',
  required: ['target', 'calculationSpec'],
  properties: {
    title,
    description,
    icon: string,
    type: { enum: ['number'] },
    target: string,
    calculationSpec: {
      type: 'object',
      required: ['calculationBy', 'func'],
      properties: {
        calculationBy: { enum: ['entities', 'property'] },
        func: { enum: ['count', 'average', 'sum', 'min', 'max', 'median'] },
        averageOf: { enum: ['hour', 'day', 'week', 'month', 'total'] },
        measureTimeBy: string,
        property: string,
      },
      additionalProperties: false,
    },
    query: { type: 'object' },
    pathFilter: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'array', items: string },
          fromBlueprint: string,
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

/**
 * The JSON schema of a Port blueprint's shape. Passing it is necessary, not
 * sufficient: `validateBlueprint` adds the rules a JSON schema cannot state.
 * @public
 */
export const BLUEPRINT_META_SCHEMA = {
  type: 'object',
  required: ['identifier', 'schema'],
  properties: {
    identifier: string,
    title,
    icon: string,
    description,
    schema: {
      type: 'object',
      required: ['properties'],
      properties: {
        properties: {
          type: 'object',
          additionalProperties: PROPERTY_META_SCHEMA,
        },
        required: { type: 'array', items: string },
      },
      additionalProperties: false,
    },
    relations: { type: 'object', additionalProperties: relation },
    mirrorProperties: { type: 'object', additionalProperties: mirrorProperty },
    calculationProperties: {
      type: 'object',
      additionalProperties: calculationProperty,
    },
    aggregationProperties: {
      type: 'object',
      additionalProperties: aggregationProperty,
    },
    // Port's older calculation-like properties: Port exports `{}` and
    // accepts nothing else.
    formulaProperties: { type: 'object', maxProperties: 0 },
    ownership: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['Direct', 'Inherited'] },
        path: string,
        title,
      },
      additionalProperties: false,
    },
    teamInheritance: {
      type: 'object',
      required: ['path'],
      properties: { path: string },
      additionalProperties: false,
    },
    changelogDestination: { type: 'object' },
    createdAt: string,
    updatedAt: string,
    createdBy: string,
    updatedBy: string,
  },
  additionalProperties: false,
} as const;
