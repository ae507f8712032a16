import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CandidateDefinition,
  MatchExplanation,
  ResourceDefinition,
} from '@plinth/plugin-orchestrator-common';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ExplainRequest, orchestratorApiRef } from '../../api/OrchestratorApi';
import { ErrorText } from '../shared';

function titleOf(definition: ResourceDefinition): string {
  return definition.title ?? definition.id;
}

/** A reason of `explainMatch` (`applies (…)`, `does not apply: …`) as a sentence. */
function sentence(subject: string, reason: string): string {
  return `${subject} ${reason}.`;
}

function Verdict(props: { candidate: CandidateDefinition; chosen: boolean }) {
  if (props.chosen) {
    return <Chip size="small" color="primary" label="Chosen" />;
  }
  return props.candidate.specificity !== undefined ? (
    <Chip size="small" label="Applies, less specific" />
  ) : (
    <Chip size="small" variant="outlined" label="Does not apply" />
  );
}

/** What explain found: the chosen definition or why none is, and every candidate. */
function ExplanationView(props: {
  request: ExplainRequest;
  explanation: MatchExplanation;
}) {
  const { request, explanation } = props;
  const chosenId = explanation.chosen?.definition.id;
  return (
    <Box mt={3} aria-live="polite">
      {explanation.chosen ? (
        <Typography variant="body1" role="status">
          {sentence(
            `Resource ${request.resId} gets “${titleOf(
              explanation.chosen.definition,
            )}” (driver ${explanation.chosen.definition.driver}): it`,
            explanation.chosen.reason,
          )}
        </Typography>
      ) : (
        <Typography variant="body1" color="error" role="alert">
          {explanation.error}
        </Typography>
      )}
      {explanation.candidates.length > 0 && (
        <Table size="small" aria-label="Candidate definitions">
          <TableHead>
            <TableRow>
              <TableCell>Definition</TableCell>
              <TableCell>Verdict</TableCell>
              <TableCell>Why</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {explanation.candidates.map(candidate => (
              <TableRow key={candidate.definition.id}>
                <TableCell
                  component="th"
                  scope="row"
                  title={candidate.definition.id}
                >
                  {titleOf(candidate.definition)}
                </TableCell>
                <TableCell>
                  <Verdict
                    candidate={candidate}
                    chosen={candidate.definition.id === chosenId}
                  />
                </TableCell>
                <TableCell>{sentence('It', candidate.reason)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/**
 * Which resource definition a resource of an app's environment gets, and
 * why each candidate does or does not apply (`POST /explain`).
 */
export function ExplainTab() {
  const api = useApi(orchestratorApiRef);
  const choices = useAsync(
    async () => ({
      envTypes: await api.getEnvironmentTypes(),
      resourceTypes: await api.getResourceTypes(),
    }),
    [api],
  );
  const [form, setForm] = useState({
    app: '',
    environment: '',
    envType: '',
    type: '',
    class: '',
    resId: '',
  });
  const [result, explain] = useAsyncFn(async (request: ExplainRequest) => ({
    request,
    explanation: await api.explain(request),
  }));
  const field =
    (key: keyof typeof form) => (event: { target: { value: string } }) =>
      setForm({ ...form, [key]: event.target.value });
  const valid =
    form.app.trim() !== '' &&
    form.environment.trim() !== '' &&
    form.type !== '' &&
    form.resId.trim() !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) {
      return;
    }
    const request: ExplainRequest = {
      app: form.app.trim(),
      environment: form.environment.trim(),
      type: form.type,
      resId: form.resId.trim(),
    };
    if (form.envType) request.envType = form.envType;
    if (form.class.trim()) request.class = form.class.trim();
    explain(request);
  };

  return (
    <InfoCard
      title="Explain"
      subheader="Which definition a resource gets, and why each candidate does or does not apply"
    >
      <form onSubmit={submit} noValidate aria-label="Explain a resource">
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            <TextField
              id="orchestrator-explain-app"
              label="App"
              placeholder="component:default/CartService"
              helperText="The app's entity ref"
              value={form.app}
              onChange={field('app')}
              required
              fullWidth
            />
          </Grid>
          <Grid item xs={12} md={4}>
            <TextField
              id="orchestrator-explain-environment"
              label="Environment"
              placeholder="preview"
              helperText="Its id; it need not exist if you give its type"
              value={form.environment}
              onChange={field('environment')}
              required
              fullWidth
            />
          </Grid>
          <Grid item xs={12} md={4}>
            <TextField
              id="orchestrator-explain-env-type"
              label="Environment type"
              select
              SelectProps={{ native: true }}
              // Its empty choice has a text: the label stays above it.
              InputLabelProps={{ shrink: true }}
              value={form.envType}
              onChange={field('envType')}
              helperText="Its own, for an existing environment"
              fullWidth
            >
              <option value="">The environment's own</option>
              {choices.value?.envTypes.map(t => (
                <option key={t.id} value={t.id}>
                  {t.id}
                </option>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={12} md={4}>
            <TextField
              id="orchestrator-explain-type"
              label="Resource type"
              select
              SelectProps={{ native: true }}
              value={form.type}
              onChange={field('type')}
              required
              fullWidth
            >
              <option value="" disabled>
                {choices.loading ? 'Loading…' : 'Choose a type'}
              </option>
              {choices.value?.resourceTypes.map(t => (
                <option key={t.type} value={t.type}>
                  {t.title} ({t.type})
                </option>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={12} md={4}>
            <TextField
              id="orchestrator-explain-class"
              label="Class"
              placeholder="default"
              helperText="Score's resource class, if any"
              value={form.class}
              onChange={field('class')}
              fullWidth
            />
          </Grid>
          <Grid item xs={12} md={4}>
            <TextField
              id="orchestrator-explain-res-id"
              label="Resource id"
              placeholder="cart.db"
              helperText="<workload>.<resource>, or a shared resource's id"
              value={form.resId}
              onChange={field('resId')}
              required
              fullWidth
            />
          </Grid>
        </Grid>
        <Box mt={2}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={!valid || result.loading}
          >
            Explain
          </Button>
        </Box>
      </form>
      {choices.error && (
        <ErrorText
          what="The environment and resource types could not be read"
          error={choices.error}
        />
      )}
      {result.error && (
        <Box mt={3}>
          <ErrorText what="Nothing could be explained" error={result.error} />
        </Box>
      )}
      {result.value && !result.loading && !result.error && (
        <ExplanationView
          request={result.value.request}
          explanation={result.value.explanation}
        />
      )}
    </InfoCard>
  );
}
