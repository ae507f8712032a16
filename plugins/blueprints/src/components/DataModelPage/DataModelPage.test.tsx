import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  blueprintList,
  cartProduction,
  fakeBlueprintsApi,
} from '../../__testUtils__/fixtures';
import { blueprintsApiRef } from '../../api/BlueprintsApi';
import { rootRouteRef } from '../../routes';
import { DataModelPage, RegistryProblems } from './DataModelPage';
import { dataModelGraph } from './BlueprintGraph';

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('DataModelPage', () => {
  beforeAll(() => {
    // The graph measures what it draws; jsdom draws nothing.
    Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
      configurable: true,
      value: () => ({ x: 0, y: 0, width: 180, height: 72 }),
    });
  });

  async function renderPage() {
    return renderInTestApp(<DataModelPage />, {
      apis: [
        [blueprintsApiRef, fakeBlueprintsApi()],
        catalogApiMock({ entities: [cartProduction] }),
      ],
      mountedRoutes: { '/blueprints': rootRouteRef },
    });
  }

  it('draws every blueprint, and its relations labelled by title', async () => {
    await renderPage();
    for (const title of ['Environment', 'Deployment', 'Cluster', 'System']) {
      expect(
        // The graph's code loads lazily.
        await screen.findByRole(
          'link',
          { name: `${title} blueprint` },
          { timeout: 15_000 },
        ),
      ).toBeInTheDocument();
    }
    const environment = screen.getByRole('link', {
      name: 'Environment blueprint',
    });
    expect(environment).toHaveTextContent('12 properties · 2 relations');
    expect(screen.getByText('Service *')).toBeInTheDocument();
    expect(screen.getByText('Environment *')).toBeInTheDocument();
  }, 30_000);

  it('lists the blueprints with links to their pages and their entity counts', async () => {
    await renderPage();
    const link = await screen.findByRole('link', { name: 'Environment' });
    expect(link).toHaveAttribute('href', '/blueprints/Environment');
    const row = link.closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('12')).toBeInTheDocument();
    // One Environment in the catalog.
    expect(
      within(row)
        .getAllByRole('gridcell')
        .map(c => c.textContent),
    ).toContain('1');
  });

  it('shows the problems of blueprints that could not be applied', async () => {
    await renderPage();
    expect(
      await screen.findByText(
        '1 problem in 1 blueprint source: what they describe is not applied',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'examples/plinth/blueprints/Broken.json: /schema/properties/size/type: type must be one of string, number, boolean, object, array',
      ),
    ).toBeInTheDocument();
  });
});

describe('RegistryProblems', () => {
  it('tells warnings, applied as written, apart from errors', async () => {
    await renderInTestApp(
      <RegistryProblems
        problems={[
          {
            source: 'argocd.json',
            pointer: '/schema/properties/health/type',
            severity: 'warning',
            message: 'type "enum" is read as a string enum',
          },
          {
            source: 'aws.json',
            pointer: '/schema/properties/created/dateFormat',
            severity: 'warning',
            message: 'unknown keyword "dateFormat" is kept as written',
          },
        ]}
      />,
    );
    expect(
      screen.getByText('2 notes on 2 blueprint sources: applied as written'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/not applied/)).not.toBeInTheDocument();
  });
});

describe('RegistryProblems, sources', () => {
  it('names a source by its path from the repository, not from the backend', async () => {
    await renderInTestApp(
      <RegistryProblems
        problems={[
          {
            source: '../../examples/plinth/blueprints/argocd.json',
            pointer: '/schema/properties/health/type',
            message: 'unknown type "enumeration"',
          },
        ]}
      />,
    );
    const [problem] = screen.getAllByRole('listitem');
    expect(problem).toHaveTextContent('examples/plinth/blueprints/argocd.json');
    expect(problem).not.toHaveTextContent('../');
  });
});

describe('dataModelGraph', () => {
  it('draws one edge per pair of blueprints, naming each relation and its cardinality', () => {
    const { nodes, edges } = dataModelGraph(
      blueprintList.items.map(item => item.blueprint),
    );
    expect(nodes).toHaveLength(6);
    expect(edges).toContainEqual(
      expect.objectContaining({
        from: 'Deployment',
        to: 'Environment',
        label: 'Environment *',
      }),
    );
    const many = dataModelGraph([
      {
        identifier: 'Customer',
        schema: { properties: {} },
        relations: {
          services: { title: 'Uses', target: 'Customer', many: true },
          parent: { target: 'Customer' },
        },
      },
    ]);
    expect(many.edges).toEqual([
      expect.objectContaining({ label: 'Uses (many), parent' }),
    ]);
  });
});
