import { mockServices } from '@backstage/backend-test-utils';
import { BLUEPRINTS_CATALOG_EVENT_TOPIC } from '@plinth/plugin-blueprints-common';
import { CatalogChangeFeed } from './CatalogChangeFeed';

const env = (id: string, type: string) => ({
  identifier: id,
  blueprint: 'Environment',
  properties: { type },
});

function setup(maxBatchSize?: number) {
  const events = mockServices.events.mock();
  const feed = new CatalogChangeFeed({
    events,
    logger: mockServices.logger.mock(),
    maxBatchSize,
  });
  const sent = () =>
    events.publish.mock.calls.map(([params]) => {
      expect(params.topic).toBe(BLUEPRINTS_CATALOG_EVENT_TOPIC);
      return (params.eventPayload as any).entities.map(
        (e: any) => `${e.entityRef}=${e.entity.properties.type}`,
      );
    });
  return { feed, events, sent };
}

describe('CatalogChangeFeed', () => {
  it('announces an entity when its content is new, not every time it is processed', async () => {
    const { feed, sent } = setup();
    feed.offer('environment:default/dev', env('dev', 'development'));
    feed.offer('environment:default/prod', env('prod', 'production'));
    await feed.flush();
    feed.offer('environment:default/dev', env('dev', 'development'));
    await feed.flush();
    feed.offer('environment:default/dev', env('dev', 'qa'));
    await feed.flush();
    expect(sent()).toEqual([
      [
        'environment:default/dev=development',
        'environment:default/prod=production',
      ],
      ['environment:default/dev=qa'],
    ]);
  });

  it('sends at most a batch per event', async () => {
    const { feed, sent } = setup(2);
    for (const id of ['a', 'b', 'c']) {
      feed.offer(`environment:default/${id}`, env(id, 'development'));
    }
    await feed.flush();
    expect(sent().map(batch => batch.length)).toEqual([2, 1]);
  });

  it('offers an entity again after its announcement failed', async () => {
    const { feed, events, sent } = setup();
    events.publish.mockRejectedValueOnce(new Error('bus down'));
    feed.offer('environment:default/dev', env('dev', 'development'));
    await feed.flush();
    feed.offer('environment:default/dev', env('dev', 'development'));
    await feed.flush();
    expect(sent()).toHaveLength(2);
  });

  it('sends on its own shortly after the first offer', async () => {
    const { feed, events } = setup();
    feed.offer('environment:default/dev', env('dev', 'development'));
    await new Promise(r => setTimeout(r, 400));
    expect(events.publish).toHaveBeenCalledTimes(1);
  });
});
