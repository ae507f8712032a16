export interface Config {
  plinth?: {
    orchestrator?: {
      /**
       * The environment types; development, staging, production and
       * ephemeral when not given. More can be added through the API.
       */
      environmentTypes?: Array<{
        /** 1 to 64 lowercase letters, digits or "-". */
        id: string;
        description?: string;
      }>;
      /**
       * Resource definitions: which driver provisions a resource type, with
       * what inputs, for which apps, environments and types (criteria).
       */
      resourceDefinitions?: Array<{
        /** 1 to 128 letters, digits, ".", "_" or "-". */
        id: string;
        title?: string;
        /** A resource type, such as postgres. */
        type: string;
        /** The id of an installed driver. */
        driver: string;
        driverInputs?: {
          /** Inputs given as they are. */
          values?: { [name: string]: unknown };
          /** Inputs read from platform secrets, by the secrets' keys. */
          secretRefs?: { [name: string]: string };
        };
        /** Where it applies; the most specific matching definition wins. */
        criteria: Array<{
          appId?: string;
          envId?: string;
          envType?: string;
          resId?: string;
          class?: string;
        }>;
      }>;
      /**
       * YAML or JSON files of resource definitions (a list, or a map with
       * `resourceDefinitions:`), relative to the backend's working directory.
       */
      resourceDefinitionFiles?: string[];
      /** The reaper of expired environments. */
      reaper?: {
        /** How often it looks; a minute when not given. */
        frequency?: { [unit: string]: number } | string;
        /** How long before expiry owners are told; a day when not given. */
        notifyBefore?: { [unit: string]: number } | string;
      };
      /** Provisioning, deployment and deletion runs. */
      runs?: {
        /**
         * How long a replica holds a run unless it renews its lease (every
         * third of it); 30 s when not given. Another replica resumes a run
         * whose lease expired.
         */
        lease?: { [unit: string]: number } | string;
        /** Runs one replica works on at once; 4 when not given. */
        concurrency?: number;
      };
      /** How deployments render and deliver an environment's workloads. */
      deployments?: {
        /**
         * An environment's Kubernetes namespace, with `{app}` (the app's
         * entity name) and `{environment}`; `{app}-{environment}` when not
         * given. Made a DNS label.
         */
        namespace?: string;
        /**
         * Environment types whose resources no definition matches get the
         * built-in in-cluster defaults (a StatefulSet and Service for
         * postgres, mysql, redis, amqp, mongodb; host names for dns and
         * route); `development` and `ephemeral` when not given. Other types
         * never fall back: a resource without a definition refuses the
         * deployment.
         */
        inClusterDefaults?: string[];
        /** How long verification waits; 5 minutes when not given. */
        verifyTimeout?: { [unit: string]: number } | string;
        /**
         * How workloads' routes (`route` resources) reach them: Ingresses
         * of the ingress class `ingressClassName`, or Gateway API
         * `HTTPRoute`s (`gateway.networking.k8s.io/v1`), one per workload
         * and host, attached to `gateway`. One of the two; Ingresses of
         * the cluster's default ingress class when not given.
         */
        routing?:
          | {
              /** The `spec.ingressClassName` of the Ingresses. */
              ingressClassName?: string;
            }
          | {
              /**
               * The Gateway the HTTPRoutes attach to (`parentRefs`). The
               * platform runs it; it must let routes of the environments'
               * namespaces attach (`allowedRoutes`).
               */
              gateway: {
                /** The Gateway's name. */
                name: string;
                /**
                 * Its namespace; the environment's namespace when not
                 * given.
                 */
                namespace?: string;
                /** One of its listeners, by name; all when not given. */
                sectionName?: string;
              };
            };
        /**
         * Where GitOps deliveries keep their clones; `plinth-gitops` in the
         * backend's working directory or the system's temporary folder.
         */
        workDir?: string;
        /**
         * Where environments' manifests go: the first target whose
         * environment types include the environment's (or that names none).
         * An environment no target serves fails its deployments at the
         * delivering stage, saying so.
         */
        targets?: Array<{
          /** The environment types it serves; all when not given. */
          environmentTypes?: string[];
          /** Commit the manifests to a Git repository, for Argo CD or Flux. */
          gitops?: {
            /**
             * The repository: https://, ssh://, git@host:path, file:// or a
             * local path. Credentials in it are used, never shown.
             * @visibility secret
             */
            repositoryUrl: string;
            /** The branch; main when not given. */
            branch?: string;
            /** The environment's folder; `apps/{app}/{environment}`. */
            pathTemplate?: string;
            /** The author of the commits; Plinth <plinth@localhost>. */
            author?: { name?: string; email?: string };
          };
          /**
           * Server-side apply to a cluster, pruning the app's objects it no
           * longer renders (never PersistentVolumeClaims), and waiting for
           * its workloads to be ready.
           */
          cluster?: {
            /** The cluster's name, in logs and on the page. */
            name: string;
            /**
             * The kubeconfig's text.
             * @visibility secret
             */
            kubeConfig?: string;
            /** The kubeconfig's path, instead of its text. */
            kubeConfigFile?: string;
            /** The kubeconfig's context; its current one when not given. */
            context?: string;
            /** The server-side apply field manager; plinth when not given. */
            fieldManager?: string;
          };
        }>;
      };
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
