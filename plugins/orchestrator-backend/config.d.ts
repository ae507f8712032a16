export interface Config {
  plinth?: {
    orchestrator?: {
      /** The drivers built into the orchestrator backend. */
      drivers?: {
        /**
         * The `command` driver: runs an executable the administrator allows
         * to provision a resource (a Terraform wrapper, a script).
         */
        command?: {
          /**
           * The absolute paths of the executables resource definitions may
           * run; none when not given. A definition made through the API
           * runs nothing else.
           */
          allowedCommands?: string[];
          /**
           * How long a command may run, in seconds, unless its definition
           * says (input `timeoutSeconds`); then SIGTERM, and SIGKILL 5 s
           * later. 300 when not given.
           */
          timeoutSeconds?: number;
          /**
           * Names of the backend's environment variables commands get,
           * besides PATH, HOME, LANG, LC_ALL, TZ and TMPDIR (the rest, such
           * as the backend's own credentials, stay out of commands).
           */
          passEnvironment?: string[];
        };
        /** The `dns` driver: host names for `dns` resources. */
        dns?: {
          /**
           * The host pattern, with placeholders such as `${resource.key}`,
           * `${app.name}`, `${environment.id}`, `${environment.type}` and
           * `${params.<path>}`, each made a DNS label. A definition's input
           * `pattern` wins. When not given:
           * `${resource.key}.${environment.id}.${app.name}.localhost`.
           */
          pattern?: string;
        };
      };
    };
  };
}
