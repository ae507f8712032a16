import { Content, Header, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { BreadcrumbEntry } from '@backstage/frontend-plugin-api';
import { ReactNode } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import { useBlueprints } from '../hooks/useBlueprints';
import {
  blueprintRouteRef,
  createEntityRouteRef,
  rootRouteRef,
} from '../routes';
import { BlueprintPage } from './BlueprintPage';
import { CreateEntityPage } from './CreateEntityPage';
import { DataModelPage } from './DataModelPage';

/**
 * How the pages are framed: in the new frontend system the app draws the
 * page header (and the breadcrumbs the pages register); in the old one each
 * page brings its own header.
 */
export type BlueprintsPageVariant = 'nfs' | 'legacy';

function Frame(props: {
  variant: BlueprintsPageVariant;
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  if (props.variant === 'nfs') {
    return <Content>{props.children}</Content>;
  }
  return (
    <Page themeId="tool">
      <Header title={props.title} subtitle={props.subtitle} />
      <Content>{props.children}</Content>
    </Page>
  );
}

function useBlueprintTitle(identifier: string): string {
  return useBlueprints().byId.get(identifier)?.title ?? identifier;
}

function BlueprintRoute(props: { variant: BlueprintsPageVariant }) {
  const { identifier = '' } = useParams();
  const title = useBlueprintTitle(identifier);
  const blueprintRoute = useRouteRef(blueprintRouteRef);
  return (
    <BreadcrumbEntry
      entry={{ label: title, href: blueprintRoute({ identifier }) }}
    >
      <Frame variant={props.variant} title={title} subtitle="Blueprint">
        <BlueprintPage identifier={identifier} />
      </Frame>
    </BreadcrumbEntry>
  );
}

function CreateEntityRoute(props: { variant: BlueprintsPageVariant }) {
  const { identifier = '' } = useParams();
  const title = useBlueprintTitle(identifier);
  const blueprintRoute = useRouteRef(blueprintRouteRef);
  const createRoute = useRouteRef(createEntityRouteRef);
  return (
    <BreadcrumbEntry
      entry={{ label: title, href: blueprintRoute({ identifier }) }}
    >
      <BreadcrumbEntry
        entry={{ label: 'Create', href: createRoute({ identifier }) }}
      >
        <Frame
          variant={props.variant}
          title={`Create ${title}`}
          subtitle="A new entity of the blueprint"
        >
          <CreateEntityPage identifier={identifier} />
        </Frame>
      </BreadcrumbEntry>
    </BreadcrumbEntry>
  );
}

/**
 * The blueprints plugin's pages: the data model at the page's root, a
 * blueprint at `/:identifier`, the creation form at `/:identifier/create`.
 */
export function BlueprintsRouter(props: { variant?: BlueprintsPageVariant }) {
  const variant = props.variant ?? 'nfs';
  // Resolving the root here fails early when the app did not mount it.
  useRouteRef(rootRouteRef);
  return (
    <Routes>
      <Route
        path="/"
        element={
          <Frame variant={variant} title="Data model" subtitle="Blueprints">
            <DataModelPage />
          </Frame>
        }
      />
      <Route
        path={createEntityRouteRef.path}
        element={<CreateEntityRoute variant={variant} />}
      />
      <Route
        path={blueprintRouteRef.path}
        element={<BlueprintRoute variant={variant} />}
      />
    </Routes>
  );
}
