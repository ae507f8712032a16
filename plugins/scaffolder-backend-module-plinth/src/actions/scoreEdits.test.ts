import { addResource, editVariables } from './scoreEdits';

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: cart
# The API and its worker
containers:
  api:
    image: ghcr.io/acme/cart:1.0
    variables:
      LOG_LEVEL: info # quiet in production
      OLD_FLAG: "true"
  worker:
    image: ghcr.io/acme/cart-worker:1.0
resources:
  db:
    type: postgres
`;

describe('editVariables', () => {
  it('sets and removes variables of every container, keeping the rest as written', () => {
    const { score, changes } = editVariables(SCORE, 'score.yaml', {
      set: { LOG_LEVEL: 'debug', FEATURE_CHECKOUT_V2: 'on' },
      remove: ['OLD_FLAG'],
    });
    expect(changes).toEqual([
      'api: change LOG_LEVEL from info to debug',
      'api: add FEATURE_CHECKOUT_V2=on',
      'api: remove OLD_FLAG',
      'worker: add LOG_LEVEL=debug',
      'worker: add FEATURE_CHECKOUT_V2=on',
    ]);
    expect(score).toContain('# The API and its worker');
    expect(score).toContain('LOG_LEVEL: debug # quiet in production');
    expect(score).not.toContain('OLD_FLAG');
  });

  it('edits the container named, and says which ones there are when it is not one', () => {
    const { changes } = editVariables(SCORE, 'score.yaml', {
      container: 'worker',
      set: { QUEUE: 'orders' },
    });
    expect(changes).toEqual(['worker: add QUEUE=orders']);
    expect(() =>
      editVariables(SCORE, 'score.yaml', { container: 'web', set: { A: 'b' } }),
    ).toThrow(
      'The Score file has no container "web"; its containers are: api, worker',
    );
  });

  it('is no change when the values are already there', () => {
    expect(
      editVariables(SCORE, 'score.yaml', {
        container: 'api',
        set: { LOG_LEVEL: 'info' },
        remove: ['NOT_THERE'],
      }).changes,
    ).toEqual([]);
  });
});

describe('addResource', () => {
  it('adds a resource with its params, and the same one again is no change', () => {
    const { score, added } = addResource(SCORE, 'score.yaml', {
      name: 'images',
      type: 's3',
      params: { versioning: 'on' },
    });
    expect(added).toBe(true);
    expect(score).toContain(
      '  images:\n    type: s3\n    params:\n      versioning: on',
    );
    expect(
      addResource(score, 'score.yaml', {
        name: 'images',
        type: 's3',
        params: { versioning: 'on' },
      }),
    ).toEqual({ score, added: false });
  });

  it('refuses another resource under a name in use, and an unknown type', () => {
    expect(() =>
      addResource(SCORE, 'score.yaml', { name: 'db', type: 'redis' }),
    ).toThrow(
      'The Score file already has a resource "db" ({"type":"postgres"}); choose another name',
    );
    expect(() =>
      addResource(SCORE, 'score.yaml', { name: 'files', type: 'bucket' }),
    ).toThrow(
      /^type must be a resource type the orchestrator knows, one of .*s3.*; not "bucket"$/,
    );
  });
});
