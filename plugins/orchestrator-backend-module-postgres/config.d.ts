export interface Config {
  plinth?: {
    orchestrator?: {
      drivers?: {
        /** The server the `postgres` driver makes databases and roles on. */
        postgres?: {
          /** An account that may create roles and databases. */
          connection: {
            host: string;
            /** 5432 unless said. */
            port?: number;
            user: string;
            /** @visibility secret */
            password?: string;
            /** The database the admin connects to; `postgres` unless said. */
            database?: string;
          };
          /** The host workloads reach the server by, when not `connection.host`. */
          publicHost?: string;
          /** The port workloads reach the server by, when not `connection.port`. */
          publicPort?: number;
        };
      };
    };
  };
}
