/**
 * The entity name of an app's catalog ref: `cartservice` of
 * `component:default/cartservice`. (Templates are rendered by
 * `renderTemplate` of `@plinth/plugin-orchestrator-node`.)
 */
export function appNameOf(ref: string): string {
  const withoutKind = ref.slice(ref.indexOf(':') + 1);
  return withoutKind.slice(withoutKind.lastIndexOf('/') + 1);
}
