export interface Config {
  plinth?: {
    orchestrator?: {
      drivers?: {
        /** The RabbitMQ broker the `amqp` driver makes vhosts and users on. */
        amqp?: {
          /** The management HTTP API's base URL, e.g. `http://127.0.0.1:15672`. */
          managementUrl: string;
          /** A management API user that may create vhosts, users and permissions. */
          username: string;
          /**
           * That user's password.
           * @visibility secret
           */
          password: string;
          /** The host workloads reach the broker's AMQP port by. */
          amqpHost: string;
          /** The broker's AMQP port; 5672 unless said. */
          amqpPort?: number;
        };
      };
    };
  };
}
