/** An environment id, as the backend takes it. */
const ENVIRONMENT_ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** What an environment id must be, for the form's hint. */
export const ENVIRONMENT_ID_RULE =
  '1 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit';

/** Whether `id` is a valid environment id. */
export function isEnvironmentId(id: string): boolean {
  return ENVIRONMENT_ID.test(id);
}
