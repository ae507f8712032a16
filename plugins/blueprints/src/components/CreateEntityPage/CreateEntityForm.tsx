import { Entity } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  catalogApiRef,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  CardBody,
  Flex,
  Text,
} from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_IDENTIFIER,
  Blueprint,
  blueprintEntityRef,
  entityTypeOf,
  formatProblem,
  PortEntity,
  Problem,
} from '@plinth/plugin-blueprints-common';
import Form from '@rjsf/material-ui';
import { RJSFValidationError } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { blueprintsApiRef } from '../../api/BlueprintsApi';
import { EntityRejectedError } from '../../api/EntityRejectedError';
import { PORT_FORMATS } from '@plinth/plugin-blueprints-common';
import { useBlueprints } from '../../hooks/useBlueprints';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import {
  EntityFormData,
  EntityFormOptions,
  entityFormSchema,
  formDataToPortEntity,
  FormOption,
  JSON_FIELD,
  problemsToErrorSchema,
} from '../../lib/entityForm';
import { blueprintRouteRef } from '../../routes';
import { plainFormErrors } from '../../lib/formErrors';
import { JsonObjectField } from './JsonObjectField';

/** Validates in the browser as the backend does, Port's formats included. */
const validator = customizeValidator({ customFormats: { ...PORT_FORMATS } });

const customFields = { [JSON_FIELD]: JsonObjectField };

/** The sections are there from the start, so their required fields are checked. */
const EMPTY_FORM: EntityFormData = { properties: {}, relations: {} };

const useStyles = makeStyles(theme => ({
  form: {
    maxWidth: 880,
  },
  problems: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
}));

/** What the identifier field expects, beyond what the schema says. */
function identifierWords(error: RJSFValidationError): string | undefined {
  return error.property === '.identifier' && error.name === 'pattern'
    ? 'may hold only letters, digits and @ _ . + : / = -'
    : undefined;
}

function optionOf(entity: Entity): FormOption {
  const value =
    entity.metadata.annotations?.[ANNOTATION_IDENTIFIER] ??
    entity.metadata.name;
  const title = entity.metadata.title;
  return {
    value,
    label: title && title !== value ? `${title} (${value})` : value,
  };
}

/** The teams (catalog groups) and each relation's possible targets. */
function useFormOptions(blueprint: Blueprint | undefined) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<EntityFormOptions | undefined> => {
    if (!blueprint) return undefined;
    const fields = [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.title',
      'metadata.annotations',
    ];
    const entitiesOf = async (kind: string) => {
      const { items } = await catalogApi.getEntities({
        filter: { kind },
        fields,
        order: { field: 'metadata.name', order: 'asc' },
      });
      return items.map(optionOf);
    };
    const targets = [
      ...new Set(Object.values(blueprint.relations ?? {}).map(r => r.target)),
    ];
    const [teams, ...byTarget] = await Promise.all([
      entitiesOf('Group'),
      ...targets.map(target => entitiesOf(entityTypeOf(target).kind)),
    ]);
    const targetOptions = new Map(targets.map((t, i) => [t, byTarget[i]]));
    return {
      teams,
      relationTargets: Object.fromEntries(
        Object.entries(blueprint.relations ?? {}).map(([key, relation]) => [
          key,
          targetOptions.get(relation.target) ?? [],
        ]),
      ),
    };
  }, [catalogApi, blueprint]);
}

function Created(props: {
  blueprint: Blueprint;
  entity: PortEntity;
  onAnother: () => void;
}) {
  const { blueprint, entity } = props;
  const entityLink = useEntityRefLink();
  const blueprintRoute = useOptionalRouteRef(blueprintRouteRef);
  const title = blueprint.title ?? blueprint.identifier;
  return (
    <Flex direction="column" gap="3">
      <Alert
        status="success"
        icon
        title={`Created the ${title} ${entity.title ?? entity.identifier}`}
        description="It is in the blueprints entity store, and shows in the catalog as soon as the catalog has processed it."
      />
      <Flex gap="2">
        <ButtonLink
          href={entityLink(
            blueprintEntityRef(blueprint.identifier, entity.identifier),
          )}
          variant="primary"
        >
          Open in the catalog
        </ButtonLink>
        {blueprintRoute && (
          <ButtonLink
            href={blueprintRoute({ identifier: blueprint.identifier })}
            variant="secondary"
          >
            {`Back to ${title}`}
          </ButtonLink>
        )}
        <Button variant="tertiary" onPress={props.onAnother}>
          {`Create another ${title}`}
        </Button>
      </Flex>
    </Flex>
  );
}

/**
 * The form that creates an entity of a blueprint, generated from its schema
 * with react-jsonschema-form: identifier, title and team, the blueprint's
 * properties, and its relations as selects of the target blueprints'
 * entities. The backend's problems show on the fields they concern.
 */
export function CreateEntityForm(props: { identifier: string }) {
  const { identifier } = props;
  const classes = useStyles();
  const api = useApi(blueprintsApiRef);
  const blueprints = useBlueprints();
  const blueprint = blueprints.byId.get(identifier);
  const options = useFormOptions(blueprint);
  const [formData, setFormData] = useState<EntityFormData>(EMPTY_FORM);
  const [submitting, setSubmitting] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<Error | undefined>();
  const [created, setCreated] = useState<PortEntity | undefined>();
  const [formKey, setFormKey] = useState(0);

  const form = useMemo(
    () =>
      blueprint && options.value
        ? entityFormSchema(blueprint, blueprints.byId, options.value)
        : undefined,
    [blueprint, blueprints.byId, options.value],
  );
  const placed = useMemo(
    () => (form ? problemsToErrorSchema(problems, form.schema) : undefined),
    [form, problems],
  );
  const transformErrors = useMemo(
    () => (form ? plainFormErrors(form.schema, identifierWords) : undefined),
    [form],
  );

  if (blueprints.loading || options.loading) {
    return <Progress />;
  }
  if (blueprints.error || options.error) {
    return <ResponseErrorPanel error={(blueprints.error ?? options.error)!} />;
  }
  if (!blueprint || !form) {
    return (
      <Alert
        status="warning"
        icon
        title={`There is no blueprint "${identifier}"`}
      />
    );
  }
  const title = blueprint.title ?? blueprint.identifier;

  if (created) {
    return (
      <Card>
        <CardBody>
          <Created
            blueprint={blueprint}
            entity={created}
            onAnother={() => {
              setCreated(undefined);
              setFormData(EMPTY_FORM);
              setProblems([]);
              setFormKey(key => key + 1);
            }}
          />
        </CardBody>
      </Card>
    );
  }

  const submit = async (data: EntityFormData) => {
    setSubmitting(true);
    setFailure(undefined);
    setProblems([]);
    try {
      setCreated(
        await api.createEntity(identifier, formDataToPortEntity(data)),
      );
    } catch (error) {
      if (error instanceof EntityRejectedError) {
        setProblems(error.problems);
      } else if (ResponseError.is(error) && error.statusCode === 409) {
        setProblems([
          {
            source: 'request',
            pointer: '/identifier',
            message: error.body.error.message,
          },
        ]);
      } else {
        setFailure(error as Error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card>
      <CardBody>
        <Flex direction="column" gap="3">
          <Flex direction="column" gap="1">
            <Text as="h2" variant="title-small" weight="bold">
              {`Create ${title}`}
            </Text>
            <Text as="p" color="secondary">
              {blueprint.description ??
                `A new entity of the ${title} blueprint.`}
            </Text>
          </Flex>
          {failure && (
            <Alert
              status="danger"
              icon
              title={`The ${title} could not be created`}
              description={
                ResponseError.is(failure) && failure.statusCode === 403
                  ? 'You are not allowed to create entities of this blueprint.'
                  : failure.message
              }
            />
          )}
          {placed && placed.general.length > 0 && (
            <Alert
              status="danger"
              icon
              title={`The backend refused the ${title}`}
              description={
                <ul className={classes.problems}>
                  {placed.general.map((problem, index) => (
                    <li key={index}>{formatProblem(problem)}</li>
                  ))}
                </ul>
              }
            />
          )}
          <div className={classes.form}>
            <Form
              key={formKey}
              schema={form.schema}
              uiSchema={{
                ...form.uiSchema,
                'ui:submitButtonOptions': {
                  submitText: submitting ? 'Creating…' : `Create ${title}`,
                  props: { disabled: submitting },
                },
              }}
              formData={formData}
              validator={validator}
              fields={customFields}
              extraErrors={placed?.errorSchema}
              transformErrors={transformErrors}
              showErrorList="top"
              experimental_defaultFormStateBehavior={{
                // A select starts empty, not on its first choice.
                constAsDefaults: 'skipOneOf',
              }}
              noHtml5Validate
              focusOnFirstError
              disabled={submitting}
              onChange={event => setFormData(event.formData)}
              onSubmit={event => submit(event.formData)}
            />
          </div>
        </Flex>
      </CardBody>
    </Card>
  );
}
