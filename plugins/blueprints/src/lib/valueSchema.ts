/**
 * What rendering a value needs to know of its property: the JSON type and
 * Port's keywords. A blueprint property, the `items` of an array property,
 * or a calculation property (`colors`) all fit.
 */
export interface ValueSchema {
  type?: string;
  format?: string;
  spec?: string;
  enum?: unknown[];
  enumColors?: Record<string, string>;
  /** A calculation property's colours, used when `colorized`. */
  colors?: Record<string, string>;
  colorized?: boolean;
  items?: Record<string, unknown>;
}
