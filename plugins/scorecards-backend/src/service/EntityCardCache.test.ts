import { EntityCardCache } from './EntityCardCache';

const CART = 'service:default/cart';
const PAY = 'service:default/pay';

/** A read of a card that counts its calls and answers what it is set to. */
function reader(items: unknown[] = [{ level: 'Gold' }]) {
  const state = { items };
  const read = jest.fn(async (): Promise<unknown[]> => state.items);
  return Object.assign(read, { state });
}

/** A read held until released, to interleave writes with it. */
function heldReader(items: unknown[]) {
  let release!: () => void;
  const gate = new Promise<void>(resolve => {
    release = resolve;
  });
  const read = jest.fn(async () => {
    await gate;
    return items;
  });
  return { read, release };
}

describe('EntityCardCache', () => {
  it('answers the JSON of the items, reading an entity once within its time to live', async () => {
    let now = 1_000;
    const cache = new EntityCardCache({ ttlMs: 5_000, now: () => now });
    const read = reader([{ level: 'Gold', rules: [] }]);

    expect(await cache.items(CART, read)).toBe('[{"level":"Gold","rules":[]}]');
    read.state.items = [{ level: 'Basic' }];
    now += 4_999;
    expect(await cache.items(CART, read)).toBe('[{"level":"Gold","rules":[]}]');
    expect(read).toHaveBeenCalledTimes(1);

    // Another replica's write shows once the time to live has passed.
    now += 1;
    expect(await cache.items(CART, read)).toBe('[{"level":"Basic"}]');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('forgets an entity whose results were written, and every entity on clear', async () => {
    const cache = new EntityCardCache({ ttlMs: 60_000 });
    const cart = reader([{ level: 'Gold' }]);
    const pay = reader([{ level: 'Bronze' }]);
    await cache.items(CART, cart);
    await cache.items(PAY, pay);

    cart.state.items = [{ level: 'Silver' }];
    pay.state.items = [{ level: 'Silver' }];
    cache.invalidate([CART]);
    expect(await cache.items(CART, cart)).toBe('[{"level":"Silver"}]');
    expect(await cache.items(PAY, pay)).toBe('[{"level":"Bronze"}]');

    cache.clear();
    expect(cache.size).toBe(0);
    expect(await cache.items(PAY, pay)).toBe('[{"level":"Silver"}]');
  });

  it('does not keep a read that began before a write it did not see', async () => {
    const cache = new EntityCardCache({ ttlMs: 60_000 });
    const before = heldReader([{ level: 'Gold' }]);
    const answer = cache.items(CART, before.read);
    // The write lands, and is announced, while the read is under way.
    cache.invalidate([CART]);
    before.release();
    expect(await answer).toBe('[{"level":"Gold"}]');

    const after = reader([{ level: 'Basic' }]);
    expect(await cache.items(CART, after)).toBe('[{"level":"Basic"}]');
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('does not keep a read under way when everything is cleared', async () => {
    const cache = new EntityCardCache({ ttlMs: 60_000 });
    const before = heldReader([{ title: 'Old title' }]);
    const answer = cache.items(CART, before.read);
    cache.clear();
    before.release();
    await answer;
    expect(cache.size).toBe(0);
  });

  it('shares one read among concurrent callers of an entity', async () => {
    const cache = new EntityCardCache({ ttlMs: 60_000 });
    const { read, release } = heldReader([{ level: 'Gold' }]);
    const answers = [cache.items(CART, read), cache.items(CART, read)];
    release();
    expect(await Promise.all(answers)).toEqual([
      '[{"level":"Gold"}]',
      '[{"level":"Gold"}]',
    ]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keeps no failed read', async () => {
    const cache = new EntityCardCache({ ttlMs: 60_000 });
    const failing = jest.fn(async () => {
      throw new Error('database gone');
    });
    await expect(cache.items(CART, failing)).rejects.toThrow('database gone');
    const read = reader([]);
    expect(await cache.items(CART, read)).toBe('[]');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keeps at most maxEntities, dropping the least recently used', async () => {
    const cache = new EntityCardCache({ ttlMs: 60_000, maxEntities: 2 });
    const reads = new Map(
      ['a', 'b', 'c'].map(name => [`service:default/${name}`, reader([name])]),
    );
    const get = (name: string) =>
      cache.items(
        `service:default/${name}`,
        reads.get(`service:default/${name}`)!,
      );
    await get('a');
    await get('b');
    await get('a'); // a is now the most recently used
    await get('c'); // b goes
    expect(cache.size).toBe(2);
    await get('a');
    await get('c');
    await get('b');
    expect(reads.get('service:default/a')).toHaveBeenCalledTimes(1);
    expect(reads.get('service:default/b')).toHaveBeenCalledTimes(2);
    expect(reads.get('service:default/c')).toHaveBeenCalledTimes(1);
  });

  it('keeps at most maxChars of JSON over every card', async () => {
    const cache = new EntityCardCache({ ttlMs: 60_000, maxChars: 20 });
    await cache.items(CART, reader(['x'.repeat(10)])); // 14 characters
    await cache.items(PAY, reader(['y'.repeat(10)])); // 14 more: cart goes
    expect(cache.size).toBe(1);
    // A card larger than the whole bound is served, never kept.
    const big = reader(['z'.repeat(40)]);
    expect(await cache.items(CART, big)).toHaveLength(44);
    expect(cache.size).toBe(1);
  });

  it('reads every time with a time to live of 0', async () => {
    const cache = new EntityCardCache({ ttlMs: 0 });
    const read = reader([]);
    await cache.items(CART, read);
    await cache.items(CART, read);
    expect(read).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });
});
