import type { HostRoutes } from './routes';
import type { KubernetesObject } from './types';

/**
 * An Ingress of the workload's routes (`routesByHost`), if it has any: a
 * rule per host, a `Prefix` path per route, to the workload's Service.
 * `className` sets `spec.ingressClassName`; without it the cluster's
 * default ingress class serves it.
 */
export function renderIngress(
  routes: HostRoutes[],
  serviceName: string,
  metadata: KubernetesObject['metadata'],
  className?: string,
): KubernetesObject | undefined {
  if (!routes.length) return undefined;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata,
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      rules: routes.map(({ host, paths }) => ({
        host,
        http: {
          paths: paths.map(({ path, port }) => ({
            path,
            pathType: 'Prefix',
            backend: {
              service: { name: serviceName, port: { number: port } },
            },
          })),
        },
      })),
    },
  };
}
