/**
 * A relation's value in a Port entity: one target identifier, several, or none.
 * @public
 */
export type PortRelationValue = string | string[] | null;

/**
 * An entity in Port's own JSON format.
 * @public
 */
export interface PortEntity {
  identifier: string;
  title?: string | null;
  icon?: string | null;
  /** Absent when the blueprint comes from elsewhere (a folder name, a flag). */
  blueprint?: string;
  team?: string | string[] | null;
  properties?: Record<string, unknown>;
  relations?: Record<string, PortRelationValue>;
  createdAt?: string;
  updatedAt?: string;
  createdBy?: string;
  updatedBy?: string;
}
