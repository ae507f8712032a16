import { outputRows } from './outputs';

describe('outputRows', () => {
  it('lists plain outputs with their values and secret ones by name only', () => {
    expect(
      outputRows({
        type: 'postgres',
        outputs: { host: 'pg.internal', port: '5432' },
        secretOutputs: ['password'],
      }),
    ).toEqual([
      { name: 'host', secret: false, value: 'pg.internal' },
      { name: 'password', secret: true },
      { name: 'port', secret: false, value: '5432' },
    ]);
  });

  it("drops a secret's value, should one come as a plain output", () => {
    const rows = outputRows({
      type: 'redis',
      outputs: { host: 'redis', password: 'hunter2', token: 'abc' },
      secretOutputs: ['token'],
    });
    expect(JSON.stringify(rows)).not.toContain('hunter2');
    expect(JSON.stringify(rows)).not.toContain('abc');
    expect(rows.map(r => r.name)).toEqual(['host', 'token']);
  });
});
