import type { Blueprint, RuleLabeler } from '@plinth/plugin-blueprints-common';
import { DORA_SCORECARD_PROPERTY_TITLES } from '../scorecard/doraInputs';

/** The meta-properties every entity has, by the names users know them. */
const META_TITLES: Readonly<Record<string, string>> = {
  $identifier: 'Identifier',
  $title: 'Title',
  $team: 'Team',
  $blueprint: 'Blueprint',
  $icon: 'Icon',
  $createdAt: 'Created',
  $updatedAt: 'Updated',
  $createdBy: 'Created by',
  $updatedBy: 'Updated by',
};

/**
 * How the rules of a scorecard name what they read: the title the
 * blueprint gives a property, derived property or relation, the DORA
 * figures and meta-properties by theirs, anything else by its identifier.
 * @public
 */
export function scorecardRuleLabeler(blueprint?: Blueprint): RuleLabeler {
  const titles = new Map<string, string>();
  const add = (entries: Record<string, { title?: string }> | undefined) => {
    for (const [name, definition] of Object.entries(entries ?? {})) {
      if (definition?.title) titles.set(name, definition.title);
    }
  };
  add(blueprint?.schema.properties);
  add(blueprint?.mirrorProperties);
  add(blueprint?.calculationProperties);
  add(blueprint?.aggregationProperties);
  add(blueprint?.relations);
  return name =>
    titles.get(name) ??
    DORA_SCORECARD_PROPERTY_TITLES[name] ??
    META_TITLES[name];
}
