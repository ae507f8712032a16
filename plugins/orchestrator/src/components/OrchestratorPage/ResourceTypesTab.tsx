import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import LockIcon from '@material-ui/icons/Lock';
import useAsync from 'react-use/esm/useAsync';
import {
  orchestratorApiRef,
  ResourceTypeView,
} from '../../api/OrchestratorApi';
import { ErrorText } from '../shared';

function Outputs(props: { type: ResourceTypeView }) {
  const { outputs, open } = props.type;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {outputs.map(output => (
        <Chip
          key={output.name}
          size="small"
          variant="outlined"
          icon={output.secret ? <LockIcon /> : undefined}
          label={output.secret ? `${output.name} (secret)` : output.name}
          title={output.description}
        />
      ))}
      {open && (
        <Typography variant="body2" color="textSecondary">
          any name: the values it is given
        </Typography>
      )}
      {outputs.length === 0 && !open && (
        <Typography variant="body2" color="textSecondary">
          none
        </Typography>
      )}
    </Box>
  );
}

/**
 * The resource types Score workloads may name: their outputs (secret ones
 * marked) and the drivers installed for them.
 */
export function ResourceTypesTab() {
  const api = useApi(orchestratorApiRef);
  const { value, loading, error } = useAsync(
    () => api.getResourceTypes(),
    [api],
  );
  if (loading) {
    return <Progress />;
  }
  if (!value) {
    return (
      <ErrorText what="The resource types could not be read" error={error} />
    );
  }
  return (
    <InfoCard
      title="Resource types"
      subheader="What a Score workload may ask for, what it gets back, and which installed drivers provision it"
    >
      <Table size="small" aria-label="Resource types">
        <TableHead>
          <TableRow>
            <TableCell>Type</TableCell>
            <TableCell>Outputs</TableCell>
            <TableCell>Installed drivers</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(type => (
            <TableRow key={type.type}>
              <TableCell component="th" scope="row">
                <Typography variant="body2">
                  <strong>{type.title}</strong> ({type.type})
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {type.description}
                </Typography>
              </TableCell>
              <TableCell>
                <Outputs type={type} />
              </TableCell>
              <TableCell>
                {type.drivers.length > 0 ? (
                  <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                    {type.drivers.map(driver => (
                      <Chip key={driver} size="small" label={driver} />
                    ))}
                  </Box>
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    None installed: no definition of this type can provision
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
