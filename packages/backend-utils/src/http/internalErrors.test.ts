import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { internalErrors } from './internalErrors';

function app() {
  const logger = mockServices.logger.mock();
  const server = express();
  server.get('/sql', () => {
    throw Object.assign(
      new Error(
        'insert into `scorecard_definitions` (`identifier`) values (NULL) - NOT NULL constraint failed: scorecard_definitions.identifier',
      ),
      { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_NOTNULL' },
    );
  });
  server.get('/type', () => {
    // A bug, with a file path in its stack.
    return (undefined as any).length;
  });
  server.get('/missing', () => {
    throw new NotFoundError('no scorecard "x"');
  });
  server.use(internalErrors({ logger }));
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger,
    }).error({ showStackTraces: true }),
  );
  return { client: request(server), logger };
}

describe('internalErrors', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('answers a 500 without SQL, stack or path in production, and logs the error under the id it gives', async () => {
    process.env.NODE_ENV = 'production';
    const { client, logger } = app();
    for (const path of ['/sql', '/type']) {
      const res = await client.get(path);
      expect(res.status).toBe(500);
      const text = JSON.stringify(res.body);
      expect(res.body.error.message).toMatch(
        /^An internal error occurred; logId=[0-9a-f]{20}$/,
      );
      expect(text).not.toMatch(/insert into|scorecard_definitions|SQLITE/i);
      expect(text).not.toMatch(/\/work\/|node_modules|\.ts:\d+|at /);
      expect(res.body.error.stack).toBeUndefined();
      const logId = res.body.error.message.split('logId=')[1];
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(`logId=${logId}`),
        expect.any(Error),
      );
    }
  });

  it('lets errors meant for the caller through, and everything outside production', async () => {
    process.env.NODE_ENV = 'production';
    const missing = await app().client.get('/missing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('no scorecard "x"');

    process.env.NODE_ENV = 'development';
    const sql = await app().client.get('/sql');
    expect(sql.body.error.message).toContain('NOT NULL constraint failed');
  });
});
