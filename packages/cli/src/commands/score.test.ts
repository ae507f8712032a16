import { createMockDirectory } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { scoreValidateCommand } from './score';

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
