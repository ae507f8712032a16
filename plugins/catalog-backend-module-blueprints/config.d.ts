import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** Plinth's blueprints catalog module. */
      plinthBlueprints?: {
        /**
         * Files and folders of Port-format entities to bring into the catalog
         * (JSON or YAML; an entity without `blueprint` takes its folder's
         * name). Relative paths resolve against the backend's working folder.
         */
        entities?: string[];
        /**
         * The owner of Port entities of built-in kinds (Component, API,
         * Resource, System, Domain) that name no team, as an entity ref.
         * Default: group:default/unknown.
         */
        defaultOwner?: string;
        /**
         * How often the registry's blueprints, the entity files and the entity
         * store are brought into the catalog in full. Default: every 30 seconds.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
