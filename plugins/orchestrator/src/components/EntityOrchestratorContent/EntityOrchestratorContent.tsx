import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { useState } from 'react';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { useEnvironmentPermissions } from '../../hooks/useEnvironmentPermissions';
import { usePolling } from '../../hooks/usePolling';
import { useReloadable } from '../../hooks/useReloadable';
import { ErrorText } from '../shared';
import { CreateEnvironmentDialog } from './CreateEnvironmentDialog';
import { EnvironmentCard } from './EnvironmentCard';

/**
 * The environments of the current entity, an app (a catalog Component or
 * System): each with its type, owner, status, TTL countdown and lock, and on
 * demand its resources, workloads and runs. Creating, extending, locking
 * and deleting are offered to those the permission policy allows, on the
 * app. Read again after every change, and every few seconds while an
 * environment is being provisioned or deleted.
 * @public
 */
export function EntityOrchestratorContent() {
  const { entity } = useEntity();
  const app = stringifyEntityRef(entity);
  const appTitle = entity.metadata.title ?? entity.metadata.name;
  const api = useApi(orchestratorApiRef);
  const permissions = useEnvironmentPermissions(app);
  const { value, loading, error, reload } = useReloadable(
    () => api.listEnvironments(app),
    [api, app],
  );
  usePolling(
    reload,
    value?.some(e => e.status === 'provisioning' || e.status === 'deleting') ??
      false,
  );
  const [creating, setCreating] = useState(false);

  if (!value) {
    return loading ? (
      <Progress />
    ) : (
      <ErrorText
        what={`The environments of ${appTitle} could not be read`}
        error={error}
      />
    );
  }

  const createButton = permissions.create && (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setCreating(true)}
    >
      Create environment
    </Button>
  );
  return (
    <>
      {value.length === 0 ? (
        <EmptyState
          missing="content"
          title={`${appTitle} has no environments yet`}
          description={
            permissions.create
              ? 'An environment is where its workloads run with resources of their own: a long-lived staging, or a preview that deletes itself after a few hours.'
              : 'An environment is where its workloads run with resources of their own. Its owners can create one.'
          }
          action={createButton || undefined}
        />
      ) : (
        <>
          <Box display="flex" alignItems="center" mb={2}>
            <Typography variant="h5" component="h2">
              Environments of {appTitle}
            </Typography>
            <Box flexGrow={1} />
            {createButton}
          </Box>
          {error !== undefined && (
            <ErrorText
              what="The environments could not be read again"
              error={error}
            />
          )}
          {value.map(env => (
            <Box key={env.id} mb={2}>
              <EnvironmentCard
                app={app}
                appTitle={appTitle}
                environment={env}
                environments={value}
                permissions={permissions}
                onChanged={reload}
              />
            </Box>
          ))}
        </>
      )}
      {creating && (
        <CreateEnvironmentDialog
          app={app}
          appTitle={appTitle}
          environments={value}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
    </>
  );
}
