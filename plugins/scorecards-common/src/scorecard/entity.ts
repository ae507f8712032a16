import type { Scorecard } from './types';

/**
 * The kind of catalog entities that hold a scorecard in their `spec`
 * (apiVersion `plinth.dev/v1alpha1`).
 * @public
 */
export const SCORECARD_KIND = 'Scorecard';

/**
 * The scorecard a catalog `Scorecard` entity defines: its `spec`, with the
 * entity's name, title and description where the spec has none.
 * @public
 */
export function scorecardFromEntity(entity: {
  metadata: { name: string; title?: string; description?: string };
  spec?: Record<string, unknown>;
}): Scorecard {
  return {
    identifier: entity.metadata.name,
    title: entity.metadata.title,
    description: entity.metadata.description,
    ...entity.spec,
  } as Scorecard;
}
