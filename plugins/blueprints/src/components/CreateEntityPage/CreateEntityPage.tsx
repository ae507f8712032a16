import { Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert } from '@backstage/ui';
import { blueprintEntityCreatePermission } from '@plinth/plugin-blueprints-common';
import { CreateEntityForm } from './CreateEntityForm';

/**
 * The page that creates an entity of a blueprint, for users the permission
 * policy allows `plinth.blueprint.entity.create`; the others are told why
 * there is no form.
 */
export function CreateEntityPage(props: { identifier: string }) {
  const { loading, allowed } = usePermission({
    permission: blueprintEntityCreatePermission,
  });
  if (loading) {
    return <Progress />;
  }
  if (!allowed) {
    return (
      <Alert
        status="warning"
        icon
        title="You are not allowed to create entities"
        description={`Creating an entity of ${props.identifier} needs the ${blueprintEntityCreatePermission.name} permission.`}
      />
    );
  }
  return <CreateEntityForm identifier={props.identifier} />;
}
