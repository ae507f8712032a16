import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { bodyParserErrors } from './bodyErrors';

function app() {
  const server = express();
  server.post('/', express.json({ limit: 100 }), (req, res) => {
    res.json({ got: req.body });
  });
  server.use(
    bodyParserErrors({
      tooLarge: limit => `over ${limit} bytes: send less`,
    }),
  );
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return request(server);
}

describe('bodyParserErrors', () => {
  it('answers 413 as a JSON error saying what to do', async () => {
    const res = await app()
      .post('/')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(200) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      name: 'PayloadTooLargeError',
      message: 'over 100 bytes: send less',
    });
  });

  it('answers 400 InputError to bad JSON', async () => {
    const res = await app()
      .post('/')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/^the body is not valid JSON: /);
  });
});
