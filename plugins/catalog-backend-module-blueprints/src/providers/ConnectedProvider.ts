import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/**
 * An entity provider whose refreshes wait for the catalog to connect it: the
 * schedule and the events can fire before the catalog engine has started.
 */
export abstract class ConnectedProvider implements EntityProvider {
  private resolveConnection!: (connection: EntityProviderConnection) => void;
  private readonly connection = new Promise<EntityProviderConnection>(
    resolve => {
      this.resolveConnection = resolve;
    },
  );

  abstract getProviderName(): string;

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.resolveConnection(connection);
  }

  /** The catalog's connection, once it has connected this provider. */
  protected connected(): Promise<EntityProviderConnection> {
    return this.connection;
  }
}
