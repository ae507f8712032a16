/*
 * A small backend for working on the plugin alone: `npm start` in this
 * folder. Auth is mocked, so requests need no token; every permission is
 * granted; the catalog is an in-memory one holding the Domain "orders".
 *
 *   curl localhost:7007/api/blueprints/blueprints
 *   curl localhost:7007/api/blueprints/blueprints -H 'Content-Type: application/json' \
 *     -d '{"identifier":"Domain","schema":{"properties":{}}}'
 *   curl localhost:7007/api/blueprints/blueprints/Domain/entities -H 'Content-Type: application/json' \
 *     -d '{"identifier":"payments"}'
 *
 * Blueprint files come from `plinth.blueprints.files`: pass a config file
 * with `npm start -- --config ../../app-config.yaml --config my-config.yaml`.
 */

import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: {
          name: 'orders',
          annotations: {
            'plinth.dev/blueprint': 'Domain',
            'plinth.dev/identifier': 'orders',
          },
        },
        spec: {},
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
