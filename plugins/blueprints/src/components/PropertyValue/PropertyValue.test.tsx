import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import {
  apiBlueprint,
  deploymentBlueprint,
  environmentBlueprint,
} from '../../__testUtils__/fixtures';
import { ValueSchema } from '../../lib/valueSchema';
import { PropertyValue } from './PropertyValue';

const environment = environmentBlueprint.schema.properties as Record<
  string,
  ValueSchema
>;

const alice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: { profile: { email: 'alice@example.com' }, memberOf: [] },
};

function renderValue(value: unknown, schema?: ValueSchema, entity?: Entity) {
  return renderInTestApp(
    <PropertyValue value={value} schema={schema} entity={entity} />,
    {
      apis: [catalogApiMock({ entities: [alice] })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('PropertyValue', () => {
  it('shows an enum value as a chip in its Port colour', async () => {
    await renderValue('production', environment.type);
    const chip = screen.getByText('production').closest('.MuiChip-root');
    expect(chip).toHaveStyle({
      backgroundColor: '#c92a2a',
      color: '#ffffff',
    });
  });

  it('shows light colours with dark text', async () => {
    await renderValue('staging', environment.type);
    const chip = screen.getByText('staging').closest('.MuiChip-root');
    expect(chip).toHaveStyle({
      backgroundColor: '#f2c94c',
      color: '#1f2328',
    });
  });

  it('shows enum values without a colour as plain chips', async () => {
    await renderValue(['eu-west-1', 'us-east-1'], environment.regions);
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
  });

  it('links URLs, in a new tab, and refuses to link anything but http(s)', async () => {
    await renderValue('https://cart.example.com', environment.url);
    const link = screen.getByRole('link', { name: 'https://cart.example.com' });
    expect(link).toHaveAttribute('href', 'https://cart.example.com');
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('does not make a link of a javascript: URL', async () => {
    const script = ['javascript', 'alert(1)'].join(':');
    await renderValue(script, environment.url);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByText(script)).toBeInTheDocument();
  });

  it('links a labeled URL by its display text', async () => {
    await renderValue(
      { url: 'https://ci.example.com/runs/8812', displayText: 'run 8812' },
      deploymentBlueprint.schema.properties.pipeline as ValueSchema,
    );
    expect(screen.getByRole('link', { name: 'run 8812' })).toHaveAttribute(
      'href',
      'https://ci.example.com/runs/8812',
    );
  });

  it('links e-mail addresses', async () => {
    await renderValue('cart-team@example.com', environment.contact);
    expect(
      screen.getByRole('link', { name: 'cart-team@example.com' }),
    ).toHaveAttribute('href', 'mailto:cart-team@example.com');
  });

  it('renders Markdown', async () => {
    await renderValue('**Change freeze** on Fridays.', environment.notes);
    expect((await screen.findByText('Change freeze')).tagName).toBe('STRONG');
  });

  it('shows YAML as code', async () => {
    await renderValue('resources:\n  cpu: 500m\n', environment.values);
    const code = await screen.findByText(/cpu/);
    expect(code.closest('pre')).toHaveTextContent('resources: cpu: 500m');
  });

  it('shows a date-time as the time from now, and the exact time on hover', async () => {
    const started = DateTime.now().minus({ days: 3 }).toUTC();
    await renderValue(
      started.toISO(),
      deploymentBlueprint.schema.properties.startedAt as ValueSchema,
    );
    const time = screen.getByText('3 days ago');
    expect(time).toHaveAttribute('datetime', started.toISO());
    await userEvent.hover(time);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      // Intl puts a narrow no-break space before AM/PM.
      started.toLocaleString(DateTime.DATETIME_FULL).replace(/\s+/g, ' '),
    );
  });

  it('links a team to its group', async () => {
    await renderValue('cart-team', environment.onCall);
    expect(screen.getByRole('link', { name: /cart-team/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/cart-team',
    );
  });

  it('shows a team written as a broken ref as text, without crashing', async () => {
    await renderValue('group:', environment.onCall);
    expect(screen.getByText('group:')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('links a user to the user entity with that e-mail, or mails an unknown one', async () => {
    await renderValue('alice@example.com', environment.owner);
    expect(await screen.findByRole('link', { name: /alice/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
  });

  it('mails a user the catalog does not know', async () => {
    await renderValue('bob@example.com', environment.owner);
    expect(
      await screen.findByRole('link', { name: 'bob@example.com' }),
    ).toHaveAttribute('href', 'mailto:bob@example.com');
  });

  it("links an API's specification to its API docs", async () => {
    const cartApi: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'CartAPI', namespace: 'default' },
      spec: {},
    };
    await renderValue(
      'openapi: 3.0.0',
      apiBlueprint.schema.properties.spec as ValueSchema,
      cartApi,
    );
    expect(
      screen.getByRole('link', { name: 'OpenAPI definition in API docs' }),
    ).toHaveAttribute('href', '/catalog/default/api/CartAPI/definition');
  });

  it('links a specification given by URL elsewhere', async () => {
    await renderValue('https://acme.example.com/openapi.yaml', {
      type: 'string',
      format: 'url',
      spec: 'open-api',
    });
    expect(
      screen.getByRole('link', { name: 'OpenAPI specification' }),
    ).toHaveAttribute('href', 'https://acme.example.com/openapi.yaml');
  });

  it('lays out flat objects as key-value chips, and says when there is no value', async () => {
    await renderValue(
      { 'cost-center': 'orders', tier: '1' },
      environment.labels,
    );
    expect(screen.getByText('cost-center: orders')).toBeInTheDocument();
    expect(screen.getByText('tier: 1')).toBeInTheDocument();
  });

  it('says when there is no value', async () => {
    await renderValue(null, environment.url);
    expect(screen.getByLabelText('no value')).toHaveTextContent('—');
  });

  it('shows booleans and numbers as words and figures', async () => {
    await renderValue(true, environment.locked);
    expect(screen.getByText('Yes')).toBeInTheDocument();
  });
});
