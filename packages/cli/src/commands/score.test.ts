import { createMockDirectory } from '@backstage/backend-test-utils';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CommanderError } from 'commander';
import { createProgram } from '../program';
import { scoreRenderCommand, scoreValidateCommand } from './score';

const cart = `apiVersion: score.dev/v1b1
metadata:
  name: cart-service
containers:
  api:
    image: ghcr.io/orders/cart:1.4.2
    variables:
      DATABASE_HOST: \${resources.db.host}
resources:
  db:
    type: postgres
`;

describe('plinth score validate', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it('finds the Score files of folders and says they are valid', async () => {
    dir.setContent({
      'services/cart/score.yaml': cart,
      'services/products/products.score.yaml': cart.replace(
        'cart-',
        'products-',
      ),
      'services/products/README.md': '# not a Score file',
      'node_modules/x/score.yaml': 'not: checked',
    });
    await expect(
      scoreValidateCommand(['.'], { format: 'text', cwd: dir.path }),
    ).resolves.toEqual({ exitCode: 0, stdout: '2 Score file(s) valid\n' });
  });

  it('prints each problem as file:line:column: key: message and exits 1', async () => {
    dir.setContent({
      'cart/score.yaml': cart
        .replace('${resources.db.host}', '${resources.db.hots}')
        .replace('image: ghcr.io/orders/cart:1.4.2', 'image: ""'),
      'ok/score.yaml': cart,
    });
    const result = await scoreValidateCommand(['cart', 'ok'], {
      format: 'text',
      cwd: dir.path,
    });
    expect(result).toEqual({
      exitCode: 1,
      stdout:
        'cart/score.yaml:6:12: containers.api.image: must not be empty\n' +
        '1 problem(s) in 1 of 2 Score file(s)\n',
    });
    // Once the schema holds, the placeholders are checked.
    dir.setContent({
      'cart/score.yaml': cart.replace(
        '${resources.db.host}',
        '${resources.db.hots}',
      ),
    });
    const json = await scoreValidateCommand(['cart/score.yaml'], {
      format: 'json',
      cwd: dir.path,
    });
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        file: 'cart/score.yaml',
        valid: false,
        problems: [
          {
            file: 'cart/score.yaml',
            line: 8,
            column: 22,
            key: 'containers.api.variables.DATABASE_HOST',
            message:
              '${resources.db.hots}: a postgres resource has no output "hots"; its outputs are: host, port, name, database, username, password',
          },
        ],
      },
    ]);
  });

  it('exits 2 for a path that does not exist or a folder without Score files', async () => {
    dir.setContent({ 'empty/README.md': 'nothing here' });
    await expect(
      scoreValidateCommand(['nowhere'], { format: 'text', cwd: dir.path }),
    ).resolves.toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'No such file or folder: nowhere\n',
    });
    await expect(
      scoreValidateCommand(['empty'], { format: 'text', cwd: dir.path }),
    ).resolves.toMatchObject({ exitCode: 2 });
  });

  it("finds the example app's Score files valid", async () => {
    await expect(
      scoreValidateCommand(['examples/score'], {
        format: 'text',
        cwd: resolve(__dirname, '../../../..'),
      }),
    ).resolves.toEqual({ exitCode: 0, stdout: '2 Score file(s) valid\n' });
  });
});

describe('plinth score render', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());
  const repo = resolve(__dirname, '../../../..');

  it('renders the cart service with in-cluster databases, one YAML file per object', async () => {
    const out = join(dir.path, 'out');
    dir.setContent({
      'out/old.yaml':
        'metadata:\n  labels:\n    app.kubernetes.io/managed-by: plinth\n',
      'out/kustomization.yaml': 'resources: []\n',
    });
    const result = await scoreRenderCommand(
      ['examples/score/cart-service/score.yaml'],
      { out, seed: 'ci', cwd: repo },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('1 Deployment');
    expect(result.stdout).toContain('2 StatefulSet');
    expect(result.stdout).toContain(
      'app component:default/cart-service, environment development, namespace development',
    );
    const files = readdirSync(out).sort();
    // Ours from before are replaced; others are left alone.
    expect(files).not.toContain('old.yaml');
    expect(files).toContain('kustomization.yaml');
    expect(files).toContain('deployment-cart-service.yaml');
    const objects = files
      .filter(file => file !== 'kustomization.yaml')
      .map(file => {
        const documents = parseAllDocuments(
          readFileSync(join(out, file), 'utf8'),
        ) as any[];
        expect(documents).toHaveLength(1);
        expect(documents[0].errors).toEqual([]);
        const object = documents[0].toJS();
        expect(file).toBe(
          `${object.kind}-${object.metadata.name}.yaml`.toLowerCase(),
        );
        return object;
      });
    const kinds = objects.map(o => o.kind);
    expect(kinds).toContain('Deployment');
    expect(kinds).toContain('StatefulSet');
    expect(
      objects
        .filter(o => o.kind === 'StatefulSet')
        .map(o => o.spec.template.spec.containers[0].image)
        .sort(),
    ).toEqual(['postgres:16-alpine', 'redis:7-alpine']);
    expect(objects.every(o => o.metadata.namespace === 'development')).toBe(
      true,
    );

    // The same seed renders the same files again.
    const before = files.map(file => readFileSync(join(out, file), 'utf8'));
    writeFileSync(join(out, 'deployment-cart-service.yaml'), 'stale');
    await scoreRenderCommand(['examples/score/cart-service'], {
      out,
      seed: 'ci',
      cwd: repo,
      format: 'json',
    });
    expect(
      readdirSync(out)
        .sort()
        .map(file => readFileSync(join(out, file), 'utf8')),
    ).toEqual(before);
  });

  it('exits 1 naming a resource without a default, and writes nothing', async () => {
    dir.setContent({
      'api/score.yaml': `apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: ghcr.io/acme/api:1
resources:
  search:
    type: opensearch
`,
    });
    const result = await scoreRenderCommand(['api'], {
      out: 'out',
      seed: 'ci',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'Workload "api", resources.search (opensearch): no built-in default for opensearch; give a resource definition',
    );
    expect(() => readdirSync(join(dir.path, 'out'))).toThrow();
  });

  it('renders kafka-topic, elasticsearch, mssql and s3 resources, and the example apps', async () => {
    dir.setContent({
      'api/score.yaml': `apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: ghcr.io/acme/api:1
    variables:
      TOPIC: \${resources.orders.name}
      SEARCH: http://\${resources.search.host}:\${resources.search.port}
      SQL: \${resources.sql.connection}
      BUCKET: \${resources.images.bucket}
resources:
  orders:
    type: kafka-topic
  search:
    type: elasticsearch
  sql:
    type: mssql
  images:
    type: s3
`,
    });
    const result = await scoreRenderCommand(['api'], {
      out: 'out',
      seed: 'ci',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(0);
    const files = readdirSync(join(dir.path, 'out'));
    expect(files).toContain('statefulset-plinth-kafka.yaml');
    for (const resource of ['search', 'sql', 'images']) {
      expect(files).toContainEqual(
        expect.stringMatching(new RegExp(`^statefulset-api-${resource}-`)),
      );
    }
    // The database, the bucket and the topic are each made by a Job.
    expect(files.filter(file => file.startsWith('job-'))).toEqual([
      expect.stringMatching(/^job-api-images-.*-bucket\.yaml$/),
      expect.stringMatching(/^job-api-orders-.*-topic\.yaml$/),
      expect.stringMatching(/^job-api-sql-.*-database\.yaml$/),
    ]);
    await expect(
      scoreRenderCommand(['examples/score'], {
        out: join(dir.path, 'examples'),
        seed: 'ci',
        cwd: repo,
      }),
    ).resolves.toMatchObject({ exitCode: 0 });
  });

  it('gives environment resources the values of --values', async () => {
    dir.setContent({
      'api/score.yaml': `apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: ghcr.io/acme/api:1
    variables:
      LOG_LEVEL: \${resources.env.LOG_LEVEL}
      TOKEN: \${resources.env.TOKEN}
resources:
  env:
    type: environment
`,
      'values.yaml': 'values:\n  LOG_LEVEL: debug\nsecrets:\n  TOKEN: t0k3n\n',
      'bad.yaml': 'values:\n  LOG_LEVEL: [debug]\n',
    });
    const result = await scoreRenderCommand(['api'], {
      out: 'out',
      values: 'values.yaml',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(0);
    const deployment = readFileSync(
      join(dir.path, 'out/deployment-api.yaml'),
      'utf8',
    );
    expect(deployment).toContain('value: debug');
    expect(deployment).not.toContain('t0k3n');
    expect(
      readFileSync(join(dir.path, 'out/secret-api.yaml'), 'utf8'),
    ).toContain(Buffer.from('t0k3n').toString('base64'));
    await expect(
      scoreRenderCommand(['api'], {
        out: 'out',
        values: 'bad.yaml',
        cwd: dir.path,
      }),
    ).resolves.toEqual({
      exitCode: 1,
      stdout:
        'bad.yaml: values.LOG_LEVEL: must be a text\nnothing was written\n',
    });
    await expect(
      scoreRenderCommand(['api'], {
        out: 'out',
        values: 'none.yaml',
        cwd: dir.path,
      }),
    ).resolves.toMatchObject({ exitCode: 2 });
  });

  it("exits 1 when a resource id names a workload's objects", async () => {
    dir.setContent({
      'api/score.yaml': `apiVersion: score.dev/v1b1
metadata:
  name: api
service:
  ports:
    http: { port: 80 }
containers:
  main:
    image: ghcr.io/acme/api:1
resources:
  db:
    type: postgres
    id: api
`,
    });
    const result = await scoreRenderCommand(['api'], {
      out: 'out',
      seed: 's',
      cwd: dir.path,
    });
    expect(result).toEqual({
      exitCode: 1,
      stdout:
        "Service/api is rendered twice: a resource's id names a workload's objects; give the resource another id.\n1 problem(s); nothing was written\n",
    });
  });

  describe('routes', () => {
    const shop = `apiVersion: score.dev/v1b1
metadata:
  name: shop
service:
  ports:
    http: { port: 80, targetPort: 8080 }
containers:
  web:
    image: ghcr.io/acme/shop:2
resources:
  route:
    type: route
    params: { host: shop.example.com, path: /shop, port: 80 }
`;
    const read = (file: string) =>
      parseAllDocuments(
        readFileSync(join(dir.path, 'out', file), 'utf8'),
      )[0].toJS() as any;

    it('renders routes as HTTPRoutes attached to the Gateway of --gateway', async () => {
      dir.setContent({ 'shop/score.yaml': shop });
      const result = await scoreRenderCommand(['shop'], {
        out: 'out',
        gateway: 'gateways/public/https',
        cwd: dir.path,
      });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('1 Service, 1 Deployment, 1 HTTPRoute\n');
      expect(readdirSync(join(dir.path, 'out')).sort()).toEqual([
        'deployment-shop.yaml',
        'httproute-shop-shop.example.com.yaml',
        'service-shop.yaml',
      ]);
      const route = read('httproute-shop-shop.example.com.yaml');
      expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
      expect(route.metadata.labels['app.kubernetes.io/managed-by']).toBe(
        'plinth',
      );
      expect(route.spec).toEqual({
        parentRefs: [
          { name: 'public', namespace: 'gateways', sectionName: 'https' },
        ],
        hostnames: ['shop.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/shop' } }],
            backendRefs: [{ name: 'shop', port: 80 }],
          },
        ],
      });

      // Rendering again as Ingress removes the HTTPRoute rendered before.
      await scoreRenderCommand(['shop'], {
        out: 'out',
        ingressClass: 'nginx',
        cwd: dir.path,
      });
      expect(readdirSync(join(dir.path, 'out')).sort()).toEqual([
        'deployment-shop.yaml',
        'ingress-shop.yaml',
        'service-shop.yaml',
      ]);
      expect(read('ingress-shop.yaml').spec.ingressClassName).toBe('nginx');
    });

    it('takes --gateway and --ingress-class on the command line', async () => {
      dir.setContent({ 'shop/score.yaml': shop });
      const stdout = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation(() => true);
      try {
        await createProgram().parseAsync([
          'node',
          'plinth',
          'score',
          'render',
          join(dir.path, 'shop'),
          '--out',
          join(dir.path, 'out'),
          '--gateway',
          'gateways/public',
        ]);
        expect(process.exitCode).toBe(0);
        expect(
          read('httproute-shop-shop.example.com.yaml').spec.parentRefs,
        ).toEqual([{ name: 'public', namespace: 'gateways' }]);
        await createProgram().parseAsync([
          'node',
          'plinth',
          'score',
          'render',
          join(dir.path, 'shop'),
          '--out',
          join(dir.path, 'out'),
          '--ingress-class',
          'traefik',
        ]);
        expect(read('ingress-shop.yaml').spec.ingressClassName).toBe('traefik');
      } finally {
        stdout.mockRestore();
        process.exitCode = undefined;
      }
    });

    it('exits 1 naming the field of a Gateway the HTTPRoute cannot refer to', async () => {
      dir.setContent({ 'shop/score.yaml': shop });
      const result = await scoreRenderCommand(['shop'], {
        out: 'out',
        gateway: 'Gateways_EU/public',
        cwd: dir.path,
      });
      expect(result).toEqual({
        exitCode: 1,
        stdout:
          'HTTPRoute/shop-shop.example.com is not valid: spec.parentRefs[0].namespace must match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$".\n1 problem(s); nothing was written\n',
      });
    });

    it('exits 2 on a --gateway that is not <namespace>/<name>[/<section>], or with --ingress-class', async () => {
      dir.setContent({ 'shop/score.yaml': shop });
      for (const gateway of ['public', 'a/b/c/d', 'gateways/', '']) {
        await expect(
          scoreRenderCommand(['shop'], { out: 'out', gateway, cwd: dir.path }),
        ).resolves.toEqual({
          exitCode: 2,
          stdout: '',
          stderr: `--gateway "${gateway}" is not <namespace>/<name> or <namespace>/<name>/<section> of a Gateway\n`,
        });
      }
      await expect(
        scoreRenderCommand(['shop'], {
          out: 'out',
          gateway: 'gateways/public',
          ingressClass: 'nginx',
          cwd: dir.path,
        }),
      ).resolves.toMatchObject({ exitCode: 2 });
      expect(() => readdirSync(join(dir.path, 'out'))).toThrow();
    });
  });

  it('exits 1 when a database would need a seed', async () => {
    const result = await scoreRenderCommand(['examples/score/cart-service'], {
      out: join(dir.path, 'out'),
      cwd: repo,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('--seed');
  });

  it('prints the problems of an invalid Score file as score validate does', async () => {
    dir.setContent({
      'cart/score.yaml': cart.replace(
        'image: ghcr.io/orders/cart:1.4.2',
        'image: ""',
      ),
    });
    const result = await scoreRenderCommand(['cart'], {
      out: 'out',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'cart/score.yaml:6:12: containers.api.image: must not be empty\n',
    );
  });

  it('exits 2 on a usage error', async () => {
    await expect(
      scoreRenderCommand([], { out: 'out', cwd: dir.path }),
    ).resolves.toMatchObject({ exitCode: 2 });
    await expect(
      scoreRenderCommand(['examples/score/cart-service'], { cwd: repo }),
    ).resolves.toMatchObject({ exitCode: 2 });
    await expect(
      scoreRenderCommand(['nowhere'], { out: 'out', cwd: dir.path }),
    ).resolves.toMatchObject({
      exitCode: 2,
      stderr: 'No such file or folder: nowhere\n',
    });
    await expect(
      scoreRenderCommand(['examples/score/cart-service'], {
        out: 'out',
        env: 'Prod_EU',
        cwd: repo,
      }),
    ).resolves.toMatchObject({ exitCode: 2 });
  });

  it('is a usage error (exit 2 in bin/plinth) without --out or with an unknown flag', async () => {
    const stderr = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    try {
      for (const args of [
        ['score', 'render', 'score.yaml'],
        ['score', 'render', 'score.yaml', '--out', 'o', '--bogus'],
      ]) {
        await expect(
          createProgram().parseAsync(['node', 'plinth', ...args]),
        ).rejects.toBeInstanceOf(CommanderError);
      }
    } finally {
      stderr.mockRestore();
    }
  });
});
