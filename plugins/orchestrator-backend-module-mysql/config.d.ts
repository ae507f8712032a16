export interface Config {
  plinth?: {
    orchestrator?: {
      drivers?: {
        /** The server the `mysql` driver makes databases and users on. */
        mysql?: {
          /** An account that may create users and databases and grant on them. */
          connection: {
            host: string;
            /** 3306 unless said. */
            port?: number;
            user: string;
            /** @visibility secret */
            password?: string;
            /** The database the admin connects to; none unless said. */
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
