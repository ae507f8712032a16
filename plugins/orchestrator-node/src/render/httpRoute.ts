import { dnsLabelWithSuffix, hashOf, isDnsSubdomain } from './names';
import type { HostRoutes } from './routes';
import type { KubernetesObject, Routing } from './types';

/** The Gateway an `httproute` routing attaches the routes to. */
export type GatewayRef = Extract<Routing, { kind: 'httproute' }>['gateway'];

/**
 * The name of a workload's HTTPRoute of one host: `<workload>-<host>`
 * (`cart-service-cart.example.com`, a wildcard's `*` read `wildcard`), or
 * `<workload>-<hash of the host>` when that is no DNS subdomain.
 */
export function httpRouteNameOf(objectName: string, host: string): string {
  const readable = `${objectName}-${host.replace(/^\*\./, 'wildcard.')}`;
  if (isDnsSubdomain(readable)) return readable;
  return dnsLabelWithSuffix(objectName, hashOf(host));
}

/**
 * The Gateway API `HTTPRoute`s of the workload's routes (`routesByHost`):
 * one per host, attached to the gateway (`parentRefs`), matching the
 * host's path prefixes, one rule per port of the workload's Service that
 * they go to. `metadata` gives an object's metadata by its name, so that
 * they carry the labels of the workload's other objects.
 */
export function renderHttpRoutes(
  routes: HostRoutes[],
  serviceName: string,
  objectName: string,
  metadata: (name: string) => KubernetesObject['metadata'],
  gateway: GatewayRef,
): KubernetesObject[] {
  const parentRef = {
    name: gateway.name,
    ...(gateway.namespace ? { namespace: gateway.namespace } : {}),
    ...(gateway.sectionName ? { sectionName: gateway.sectionName } : {}),
  };
  return routes.map(({ host, paths }) => {
    const ports = [...new Set(paths.map(p => p.port))].sort((a, b) => a - b);
    return {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: metadata(httpRouteNameOf(objectName, host)),
      spec: {
        parentRefs: [parentRef],
        hostnames: [host],
        rules: ports.map(port => ({
          matches: paths
            .filter(p => p.port === port)
            .map(({ path }) => ({ path: { type: 'PathPrefix', value: path } })),
          backendRefs: [{ name: serviceName, port }],
        })),
      },
    };
  });
}
