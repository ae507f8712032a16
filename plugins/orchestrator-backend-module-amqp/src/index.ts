/**
 * The orchestrator's amqp driver: a vhost, a user and its permissions per
 * resource on a RabbitMQ broker, through its management HTTP API, and the
 * backend module that adds it to the orchestrator.
 *
 * @packageDocumentation
 */

export { orchestratorModuleAmqpDriver as default } from './module';
export {
  createAmqpDriver,
  type AmqpDriverOptions,
} from './driver/createAmqpDriver';
