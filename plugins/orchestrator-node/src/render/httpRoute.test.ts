import {
  parseScore,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import { httpRouteNameOf } from './httpRoute';
import { labelValueOf } from './names';
import { renderWorkloads } from './renderWorkloads';
import type { RenderInput, ResolvedResource } from './types';

/** A shop with a storefront on two hosts, and an admin API on another port. */
const SHOP = `apiVersion: score.dev/v1b1
metadata: { name: shop }
service:
  ports:
    http: { port: 80, targetPort: 8080 }
    admin: { port: 9090 }
containers:
  web:
    image: ghcr.io/acme/shop:2.0.0
resources:
  www: { type: route, params: { host: shop.example.com, path: /, port: 80 } }
  api: { type: route, params: { host: shop.example.com, path: /api, port: 80 } }
  admin: { type: route, params: { host: shop.example.com, path: /admin, port: 9090 } }
  legacy: { type: route, params: { host: old-shop.example.com, port: 80 } }
`;

function shop(): ScoreWorkload {
  const { workload, problems } = parseScore(SHOP, 'score.yaml');
  expect(problems).toEqual([]);
  return workload!;
}

const route = (
  host: string,
  port: string,
  path?: string,
): ResolvedResource => ({
  outputs: { host, port, ...(path ? { path } : {}) },
  secrets: {},
});

function shopInput(overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    app: 'component:default/shop',
    environment: { id: 'prod-eu', type: 'production' },
    namespace: 'shop-prod-eu',
    workloads: { shop: shop() },
    resources: {
      shop: {
        www: route('shop.example.com', '80', '/'),
        api: route('shop.example.com', '80', '/api'),
        admin: route('shop.example.com', '9090', '/admin'),
        legacy: route('old-shop.example.com', '80'),
      },
    },
    routing: {
      kind: 'httproute',
      gateway: { name: 'public', namespace: 'gateways', sectionName: 'https' },
    },
    ...overrides,
  };
}

describe('renderWorkloads with HTTPRoutes', () => {
  it('renders one HTTPRoute per host, attached to the gateway, instead of an Ingress', () => {
    const { manifests, problems } = renderWorkloads(shopInput());
    expect(problems).toEqual([]);
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Service/shop',
      'Deployment/shop',
      'HTTPRoute/shop-old-shop.example.com',
      'HTTPRoute/shop-shop.example.com',
    ]);
    const [legacy, main] = manifests.filter(m => m.kind === 'HTTPRoute');
    expect(main.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(main.metadata.namespace).toBe('shop-prod-eu');
    expect(main.spec).toEqual({
      parentRefs: [
        { name: 'public', namespace: 'gateways', sectionName: 'https' },
      ],
      hostnames: ['shop.example.com'],
      rules: [
        {
          matches: [
            { path: { type: 'PathPrefix', value: '/' } },
            { path: { type: 'PathPrefix', value: '/api' } },
          ],
          backendRefs: [{ name: 'shop', port: 80 }],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/admin' } }],
          backendRefs: [{ name: 'shop', port: 9090 }],
        },
      ],
    });
    expect(legacy.spec).toEqual({
      parentRefs: [
        { name: 'public', namespace: 'gateways', sectionName: 'https' },
      ],
      hostnames: ['old-shop.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'shop', port: 80 }],
        },
      ],
    });
  });

  it('labels the HTTPRoutes as the workload’s other objects', () => {
    const { manifests } = renderWorkloads(shopInput());
    const service = manifests.find(m => m.kind === 'Service')!;
    const routes = manifests.filter(m => m.kind === 'HTTPRoute');
    expect(routes).toHaveLength(2);
    for (const httpRoute of routes) {
      expect(httpRoute.metadata.labels).toEqual(service.metadata.labels);
      expect(httpRoute.metadata.annotations).toEqual(
        service.metadata.annotations,
      );
    }
    expect(routes[0].metadata.labels).toEqual({
      'app.kubernetes.io/instance': 'prod-eu',
      'app.kubernetes.io/managed-by': 'plinth',
      'app.kubernetes.io/name': 'shop',
      'plinth.dev/app': labelValueOf('component:default/shop'),
      'plinth.dev/environment-type': 'production',
    });
  });

  it('refers to a gateway in the namespace rendered to when it names none', () => {
    const { manifests } = renderWorkloads(
      shopInput({
        routing: { kind: 'httproute', gateway: { name: 'public' } },
      }),
    );
    expect(
      manifests
        .filter(m => m.kind === 'HTTPRoute')
        .map(m => (m.spec as any).parentRefs),
    ).toEqual([[{ name: 'public' }], [{ name: 'public' }]]);
  });

  it('names the object and field the Gateway API schema refuses', () => {
    const { manifests, problems } = renderWorkloads(
      shopInput({
        routing: {
          kind: 'httproute',
          gateway: { name: 'public', namespace: 'Gateways_EU' },
        },
      }),
    );
    expect(manifests).toEqual([]);
    expect(problems).toContainEqual({
      workload: 'shop',
      object: 'HTTPRoute/shop-shop.example.com',
      field: 'spec.parentRefs[0].namespace',
      message:
        'HTTPRoute/shop-shop.example.com is not valid: spec.parentRefs[0].namespace must match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$".',
    });
  });

  it('names a host that is no host name', () => {
    const input = shopInput();
    input.resources.shop.legacy = route('Old Shop', '80');
    const { problems } = renderWorkloads(input);
    expect(problems).toEqual([
      expect.objectContaining({
        object: `HTTPRoute/${httpRouteNameOf('shop', 'Old Shop')}`,
        field: 'spec.hostnames[0]',
      }),
    ]);
  });

  it('says when a route goes to a port the service does not expose, as for an Ingress', () => {
    const input = shopInput();
    input.resources.shop.admin = route('shop.example.com', '9443', '/admin');
    const { manifests, problems } = renderWorkloads(input);
    expect(manifests).toEqual([]);
    expect(problems.map(p => p.key)).toEqual(['resources.admin.params.port']);
  });
});

describe('httpRouteNameOf', () => {
  it('names the route after the workload and host, hashed when that is no DNS subdomain', () => {
    expect(httpRouteNameOf('shop', 'shop.example.com')).toBe(
      'shop-shop.example.com',
    );
    expect(httpRouteNameOf('shop', '*.example.com')).toBe(
      'shop-wildcard.example.com',
    );
    expect(httpRouteNameOf('shop', 'Old Shop')).toMatch(/^shop-[0-9a-f]{8}$/);
    expect(httpRouteNameOf('shop', 'Old Shop')).not.toBe(
      httpRouteNameOf('shop', 'old shop'),
    );
  });
});
