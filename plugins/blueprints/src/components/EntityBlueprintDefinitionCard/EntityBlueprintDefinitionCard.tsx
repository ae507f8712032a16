import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { ButtonLink, Flex, Text } from '@backstage/ui';
import {
  ANNOTATION_IDENTIFIER,
  entityToBlueprint,
  entityTypeOf,
} from '@plinth/plugin-blueprints-common';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { blueprintRouteRef } from '../../routes';

/**
 * For `Blueprint` entities, the catalog's copies of blueprints: what the
 * blueprint defines, and a link to its page in the data model.
 * @public
 */
export function EntityBlueprintDefinitionCard() {
  const { entity } = useEntity();
  const blueprintRoute = useOptionalRouteRef(blueprintRouteRef);
  const blueprint = entityToBlueprint(entity);
  const identifier =
    entity.metadata.annotations?.[ANNOTATION_IDENTIFIER] ??
    blueprint.identifier;
  const count = (value?: object) => Object.keys(value ?? {}).length;
  const derived =
    count(blueprint.mirrorProperties) +
    count(blueprint.calculationProperties) +
    count(blueprint.aggregationProperties);
  return (
    <EntityInfoCard title="Blueprint">
      <Flex direction="column" gap="2" align="start">
        <Text as="p">
          {`Entities of this blueprint are of kind ${
            entityTypeOf(identifier).kind
          }: ${count(blueprint.schema?.properties)} properties, ${count(
            blueprint.relations,
          )} relations, ${derived} derived properties.`}
        </Text>
        {blueprintRoute && (
          <ButtonLink href={blueprintRoute({ identifier })} variant="secondary">
            Open in the data model
          </ButtonLink>
        )}
      </Flex>
    </EntityInfoCard>
  );
}
