import { parseDoraEvent } from '@plinth/plugin-dora-common';
import acknowledged from './__fixtures__/pagerduty-incident-acknowledged.json';
import annotated from './__fixtures__/pagerduty-incident-annotated.json';
import resolved from './__fixtures__/pagerduty-incident-resolved.json';
import triggered from './__fixtures__/pagerduty-incident-triggered.json';
import { pagerDutyDoraEvents } from './pagerDutyDoraEvents';

describe('pagerDutyDoraEvents', () => {
  it('maps a triggered incident to an open incident of the service entity', async () => {
    const result = await pagerDutyDoraEvents(triggered);
    expect(result).toEqual({
      eventId: '01EXB7Q3X1ZK2M4N6P8R0T2V4W',
      occurredAt: Date.parse('2024-05-02T09:12:04.118Z'),
      incident: {
        type: 'incident',
        id: 'pagerduty:Q2SHP0ZNMXF7TQ',
        entity: 'component:default/cart-service-prod',
        createdAt: '2024-05-02T09:12:03Z',
        resolvedAt: null,
        causedBy: null,
      },
    });
    expect(
      parseDoraEvent((result as { incident: unknown }).incident).success,
    ).toBe(true);
  });

  it('maps a resolution to the time it occurred, and asks the resolver for the entity', async () => {
    const resolve = jest.fn(async () => 'component:default/cart');
    const result = await pagerDutyDoraEvents(resolved, resolve);
    expect(resolve).toHaveBeenCalledWith({
      provider: 'pagerduty',
      serviceId: 'PCART01',
      serviceName: 'Cart Service (prod)',
    });
    expect(result).toMatchObject({
      incident: {
        entity: 'component:default/cart',
        resolvedAt: '2024-05-02T10:42:03.500Z',
      },
    });
  });

  it('keeps an acknowledged incident open, and ignores notes', async () => {
    await expect(pagerDutyDoraEvents(acknowledged)).resolves.toMatchObject({
      incident: { resolvedAt: null },
    });
    await expect(pagerDutyDoraEvents(annotated)).resolves.toEqual({
      eventId: annotated.event.id,
      ignored: 'PagerDuty incident.annotated events carry no incident',
    });
  });

  it('ignores a delivery about a resolved incident that does not resolve it', async () => {
    const late = structuredClone(acknowledged);
    late.event.event_type = 'incident.priority_updated';
    late.event.data.status = 'resolved';
    await expect(pagerDutyDoraEvents(late)).resolves.toEqual({
      eventId: late.event.id,
      ignored:
        'PagerDuty incident.priority_updated of resolved incident Q2SHP0ZNMXF7TQ does not say when it was resolved',
    });
  });

  it('rejects a payload of another shape', async () => {
    const broken = structuredClone(triggered) as any;
    delete broken.event.data.service;
    await expect(pagerDutyDoraEvents(broken)).rejects.toMatchObject({
      name: 'InputError',
      message:
        'the PagerDuty webhook payload is not as expected: event.data.service: Required',
    });
    await expect(pagerDutyDoraEvents({ messages: [] })).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});
