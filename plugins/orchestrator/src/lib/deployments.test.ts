import { CART_SCORE } from '../__testUtils__/fixtures';
import {
  containerImages,
  deploymentTitle,
  deployRequestOf,
  describeChange,
  describeDelivery,
  imageChanges,
  problemOfCommit,
  problemOfImage,
  setChanges,
  shortImage,
  WorkloadForm,
  workloadsText,
} from './deployments';

describe('describeChange', () => {
  it('says each change as a sentence', () => {
    expect(
      describeChange({
        kind: 'image',
        change: 'changed',
        workload: 'cart-service',
        key: 'api',
        from: 'registry.example.com/cart-api:1.2.3',
        to: 'registry.example.com/cart-api:1.2.4',
      }),
    ).toBe('Image of cart-service/api: 1.2.3 → 1.2.4');
    expect(
      describeChange({
        kind: 'image',
        change: 'changed',
        workload: 'cart-service',
        key: 'api',
        from: 'nginx:1.27',
        to: 'registry.example.com/cart-api:1.2.4',
      }),
    ).toBe(
      'Image of cart-service/api: nginx:1.27 → registry.example.com/cart-api:1.2.4',
    );
    expect(
      describeChange({
        kind: 'variable',
        change: 'added',
        workload: 'cart-service',
        key: 'api.LOG_LEVEL',
      }),
    ).toBe('Variable LOG_LEVEL of cart-service/api added');
    expect(
      describeChange({
        kind: 'variable',
        change: 'changed',
        workload: 'cart-service',
        key: 'api.LOG_LEVEL',
        from: 'info',
        to: 'debug',
      }),
    ).toBe('Variable LOG_LEVEL of cart-service/api: info → debug');
    expect(
      describeChange({ kind: 'workload', change: 'added', workload: 'search' }),
    ).toBe('Workload search added');
    expect(
      describeChange({
        kind: 'resource',
        change: 'removed',
        workload: 'cart-service',
        key: 'cache',
      }),
    ).toBe('Resource cache of cart-service removed');
    expect(
      describeChange({
        kind: 'strategy',
        change: 'changed',
        workload: 'cart-service',
        from: 'rolling',
        to: 'canary',
      }),
    ).toBe('Rollout strategy of cart-service: rolling → canary');
    expect(
      describeChange({
        kind: 'scaling',
        change: 'changed',
        workload: 'cart-service',
        from: '1 pod',
        to: '2–10 pods at 80 % CPU',
      }),
    ).toBe('Pods of cart-service: 1 pod → 2–10 pods at 80 % CPU');
  });
});

describe('deploymentTitle', () => {
  it('names a rollback by its target and a promotion by its source', () => {
    expect(deploymentTitle({ kind: 'deploy' })).toBe('Deploy');
    expect(
      deploymentTitle({
        kind: 'rollback',
        source: { deployment: 'abc1234def', environment: 'staging' },
      }),
    ).toBe('Rollback to #abc1234');
    expect(
      deploymentTitle({
        kind: 'promotion',
        source: { deployment: 'abc1234def', environment: 'staging' },
      }),
    ).toBe('Promotion from staging');
  });
});

describe('images', () => {
  it('shortens an image to its name and tag', () => {
    expect(shortImage('registry.example.com/shop/cart-api:1.2.4')).toBe(
      'cart-api:1.2.4',
    );
    expect(shortImage('localhost:5000/cart')).toBe('cart');
  });

  it("reads a workload's containers from its Score file, with the images given instead", () => {
    expect(
      containerImages({
        name: 'cart',
        score: CART_SCORE,
        images: { api: 'registry.example.com/shop/cart-api:1.2.5' },
      }),
    ).toEqual([
      {
        container: 'api',
        scoreImage: 'registry.example.com/shop/cart-api:1.2.3',
        override: 'registry.example.com/shop/cart-api:1.2.5',
        current: 'registry.example.com/shop/cart-api:1.2.5',
      },
      {
        container: 'worker',
        scoreImage: 'registry.example.com/shop/cart-worker:1.2.3',
        current: 'registry.example.com/shop/cart-worker:1.2.3',
      },
    ]);
    expect(
      workloadsText([
        { name: 'cart', images: { api: 'r.example.com/cart-api:2' } },
        { name: 'search' },
      ]),
    ).toBe('cart (api cart-api:2), search');
  });

  it('tells the images a deployment changed from its summary', () => {
    expect(
      imageChanges(
        {
          workloads: [{ name: 'cart', images: { api: 'a:2', worker: 'w:1' } }],
        },
        {
          workloads: [{ name: 'cart', images: { api: 'a:1', worker: 'w:1' } }],
        },
      ),
    ).toEqual([
      {
        kind: 'image',
        change: 'changed',
        workload: 'cart',
        key: 'api',
        from: 'a:1',
        to: 'a:2',
      },
    ]);
    expect(
      setChanges(
        {
          workloads: [{ name: 'cart', images: { api: 'a:2' } }, { name: 's' }],
        },
        {
          workloads: [{ name: 'cart', images: { api: 'a:1' } }, { name: 'x' }],
        },
      ).map(describeChange),
    ).toEqual([
      'Workload s added',
      'Workload x removed',
      'Image of cart/api: 1 → 2',
    ]);
  });
});

describe('deployRequestOf', () => {
  const form = (overrides: Partial<WorkloadForm> = {}): WorkloadForm => {
    const containers = containerImages({ name: 'cart', score: CART_SCORE });
    return {
      name: 'cart',
      containers,
      images: Object.fromEntries(containers.map(c => [c.container, c.current])),
      commit: '',
      ...overrides,
    };
  };

  it('merges the workloads whose image or commit changed, without their Score files', () => {
    const cart = form();
    cart.images.api = 'registry.example.com/shop/cart-api:1.2.4';
    expect(
      deployRequestOf(
        [
          cart,
          form({ name: 'search', commit: ' abc1234 ' }),
          form({ name: 'x' }),
        ],
        ' new checkout ',
        false,
      ),
    ).toEqual({
      workloads: [
        {
          name: 'cart',
          images: { api: 'registry.example.com/shop/cart-api:1.2.4' },
        },
        { name: 'search', commit: { sha: 'abc1234' } },
      ],
      comment: 'new checkout',
    });
  });

  it('deploys every workload again when nothing changed', () => {
    expect(deployRequestOf([form(), form({ name: 'x' })], '', false)).toEqual({
      workloads: [{ name: 'cart' }, { name: 'x' }],
    });
  });

  it('sends the Score files and replaces for a first deployment', () => {
    expect(deployRequestOf([form({ score: CART_SCORE })], '', true)).toEqual({
      workloads: [{ name: 'cart', score: CART_SCORE }],
      replace: true,
    });
  });

  it('checks images and commits', () => {
    expect(problemOfImage(' ')).toBe('An image is required');
    expect(problemOfImage('a b')).toBe('An image has no spaces');
    expect(problemOfImage('nginx')).toBeUndefined();
    expect(problemOfCommit('')).toBeUndefined();
    expect(problemOfCommit('abc1234')).toBeUndefined();
    expect(problemOfCommit('main')).toBe(
      'A commit sha: 7 to 64 hexadecimal digits',
    );
  });
});

describe('describeDelivery', () => {
  it('says where the manifests went', () => {
    expect(
      describeDelivery({
        kind: 'gitops',
        repository: 'https://git.example.com/deployments.git',
        branch: 'main',
        path: 'apps/cart/staging',
        commit: 'e4f5a6b7c8d9',
        changed: true,
      }),
    ).toBe('Committed e4f5a6b to apps/cart/staging on main');
    expect(
      describeDelivery({
        kind: 'cluster',
        cluster: 'staging-eu',
        namespace: 'cart',
        applied: ['Deployment/cart'],
        pruned: ['ConfigMap/a', 'ConfigMap/b'],
      }),
    ).toBe('Applied 1 object, pruned 2 objects in cart on cluster staging-eu');
  });
});
