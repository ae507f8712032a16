import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { EnvironmentType } from '@plinth/plugin-orchestrator-common';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { ErrorText } from '../shared';

const SOURCES: Record<EnvironmentType['source'], string> = {
  config: 'app-config (changed there)',
  api: 'added through the API',
};

/** The kinds of environment apps may create, and where each is defined. */
export function EnvironmentTypesTab() {
  const api = useApi(orchestratorApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEnvironmentTypes(),
    [api],
  );
  if (loading) {
    return <Progress />;
  }
  if (!value) {
    return (
      <ErrorText what="The environment types could not be read" error={error} />
    );
  }
  return (
    <InfoCard
      title="Environment types"
      subheader="The kinds of environment an app may have; definitions and policies refer to them"
    >
      {value.length === 0 ? (
        <EmptyState
          missing="data"
          title="No environment types"
          description="Add some under plinth.orchestrator.environmentTypes in app-config.yaml."
        />
      ) : (
        <Table size="small" aria-label="Environment types">
          <TableHead>
            <TableRow>
              <TableCell>Type</TableCell>
              <TableCell>Description</TableCell>
              <TableCell>Defined in</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map(type => (
              <TableRow key={type.id}>
                <TableCell component="th" scope="row">
                  {type.id}
                </TableCell>
                <TableCell>{type.description}</TableCell>
                <TableCell>{SOURCES[type.source]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
