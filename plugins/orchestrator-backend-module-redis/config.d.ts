export interface Config {
  plinth?: {
    orchestrator?: {
      drivers?: {
        /** The server the `redis` driver makes ACL users on. */
        redis?: {
          /** An account that may manage ACL users and delete keys. */
          connection: {
            host: string;
            /** 6379 unless said. */
            port?: number;
            /** The admin's ACL user; `default` unless said. */
            username?: string;
            /** @visibility secret */
            password?: string;
            /** The logical database the admin connection selects; 0 unless said. */
            db?: number;
          };
          /** The host workloads reach the server by, when not `connection.host`. */
          publicHost?: string;
          /** The port workloads reach the server by, when not `connection.port`. */
          publicPort?: number;
          /**
           * Run `ACL SAVE` after each change, so that users outlive a restart
           * (the server needs an `aclfile`); off unless said.
           */
          aclSave?: boolean;
        };
      };
    };
  };
}
