import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { appNameOf } from '../drivers/context';
import { dnsLabelOf, type Routing } from '@plinth/plugin-orchestrator-node';
import os from 'node:os';
import path from 'node:path';
import {
  createGitOpsDelivery,
  DEFAULT_GITOPS_PATH_TEMPLATE,
} from '../delivery/GitOpsDelivery';
import type { EnvironmentRow } from '../database/OrchestratorStore';
import { createClusterDelivery } from '../delivery/cluster/ClusterDelivery';
import { clusterTarget, gitOpsTarget, type DeliveryTarget } from './targets';
import fs from 'node:fs';

/** The environment types whose unmatched resources get in-cluster defaults. */
export const DEFAULT_IN_CLUSTER_DEFAULTS = ['development', 'ephemeral'];
/** An environment's namespace unless app-config says. */
export const DEFAULT_NAMESPACE_TEMPLATE = '{app}-{environment}';

/** How deployments go, from `plinth.orchestrator.deployments`. */
export interface DeploymentsConfig {
  namespaceOf: (env: EnvironmentRow) => string;
  defaultsFor: ReadonlySet<string>;
  verifyTimeoutMs: number;
  targetOf: (env: EnvironmentRow) => DeliveryTarget | undefined;
  /** How routes render: an Ingress (of a class), or HTTPRoutes of a Gateway. */
  routing: Routing;
}

const KEY = 'plinth.orchestrator.deployments';

/** A DNS label (RFC 1123), as namespaces are named. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A DNS subdomain (RFC 1123), as most objects are named. */
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/**
 * A repository given as a local path, resolved against the backend's
 * working directory: git runs in the clone, where a relative path would
 * mean something else.
 */
function absoluteIfLocal(repository: string): string {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(repository);
  const isScpLike = /^[^/\s]+@[^/\s:]+:/.test(repository);
  return isUrl || isScpLike ? repository : path.resolve(repository);
}

/** A cluster target of `targets[].cluster`: its kubeconfig, inline or a file. */
function clusterTargetOf(
  cluster: Config,
  where: string,
  logger: LoggerService,
): DeliveryTarget {
  const name = cluster.getString('name');
  const file = cluster.getOptionalString('kubeConfigFile');
  let kubeConfig = cluster.getOptionalString('kubeConfig');
  if (Boolean(file) === Boolean(kubeConfig)) {
    throw new InputError(
      `${where} needs one of kubeConfig (its text) or kubeConfigFile (its path)`,
    );
  }
  if (file) {
    try {
      kubeConfig = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new InputError(
        `${where}.kubeConfigFile ${file} cannot be read: ${
          (error as NodeJS.ErrnoException).code ?? error
        }`,
      );
    }
  }
  return clusterTarget(
    createClusterDelivery({
      name,
      kubeConfig: kubeConfig!,
      context: cluster.getOptionalString('context'),
      fieldManager: cluster.getOptionalString('fieldManager'),
      logger,
    }),
    name,
  );
}

/**
 * `routing`: `ingressClassName` (Ingresses of that class), or `gateway`
 * (HTTPRoutes attached to it); Ingresses of the cluster's default class
 * when not given.
 */
function routingOf(root: Config | undefined): Routing {
  const routing = root?.getOptionalConfig('routing');
  const className = routing?.getOptionalString('ingressClassName');
  const gateway = routing?.getOptionalConfig('gateway');
  if (className !== undefined && gateway) {
    throw new InputError(
      `${KEY}.routing needs one of ingressClassName (routes render as Ingresses) or gateway (routes render as HTTPRoutes), not both`,
    );
  }
  if (className !== undefined && !DNS_SUBDOMAIN.test(className)) {
    throw new InputError(
      `${KEY}.routing.ingressClassName must be an IngressClass's name, a DNS subdomain (lowercase letters, digits, "-" and "."); it is "${className}"`,
    );
  }
  if (!gateway) return { kind: 'ingress', className };
  const name = gateway.getString('name');
  const namespace = gateway.getOptionalString('namespace');
  const sectionName = gateway.getOptionalString('sectionName');
  const checks: Array<[string, string | undefined, RegExp, string]> = [
    [
      'name',
      name,
      DNS_SUBDOMAIN,
      'a DNS subdomain (lowercase letters, digits, "-" and ".")',
    ],
    [
      'namespace',
      namespace,
      DNS_LABEL,
      'a DNS label (lowercase letters, digits and "-")',
    ],
    [
      'sectionName',
      sectionName,
      DNS_SUBDOMAIN,
      'a DNS subdomain (lowercase letters, digits, "-" and ".")',
    ],
  ];
  for (const [key, value, pattern, what] of checks) {
    if (value !== undefined && !pattern.test(value)) {
      throw new InputError(
        `${KEY}.routing.gateway.${key} must be ${what}; it is "${value}"`,
      );
    }
  }
  return {
    kind: 'httproute',
    gateway: {
      name,
      ...(namespace ? { namespace } : {}),
      ...(sectionName ? { sectionName } : {}),
    },
  };
}

/**
 * Reads `plinth.orchestrator.deployments`: the namespace template, which
 * environment types get the built-in defaults, the verification timeout,
 * how routes render (Ingress or Gateway API HTTPRoutes), and the delivery
 * targets (GitOps repositories; a cluster's server-side
 * apply) with the environment types each serves. A wrong value fails the
 * start naming its key.
 */
export function readDeploymentsConfig(
  config: Config,
  logger: LoggerService,
): DeploymentsConfig {
  const root = config.getOptionalConfig(KEY);
  const template =
    root?.getOptionalString('namespace') ?? DEFAULT_NAMESPACE_TEMPLATE;
  if (!template.includes('{environment}')) {
    throw new InputError(
      `${KEY}.namespace must hold {environment} (and usually {app}), so that environments never share a namespace; it is "${template}"`,
    );
  }
  const workDir =
    root?.getOptionalString('workDir') ??
    path.join(
      config.getOptionalString('backend.workingDirectory') ?? os.tmpdir(),
      'plinth-gitops',
    );
  const targets = (root?.getOptionalConfigArray('targets') ?? []).map(
    (target, i) => {
      const where = `${KEY}.targets[${i}]`;
      const environmentTypes =
        target.getOptionalStringArray('environmentTypes');
      const gitops = target.getOptionalConfig('gitops');
      const cluster = target.getOptionalConfig('cluster');
      if (Boolean(gitops) === Boolean(cluster)) {
        throw new InputError(
          `${where} needs one of gitops (a repository to commit to) or cluster (a kubeconfig to apply with)`,
        );
      }
      if (cluster) {
        return {
          environmentTypes: environmentTypes && new Set(environmentTypes),
          target: clusterTargetOf(cluster, `${where}.cluster`, logger),
        };
      }
      const repositoryUrl = absoluteIfLocal(gitops!.getString('repositoryUrl'));
      const branch = gitops!.getOptionalString('branch') ?? 'main';
      const delivery = createGitOpsDelivery({
        repositoryUrl,
        branch,
        pathTemplate:
          gitops!.getOptionalString('pathTemplate') ??
          DEFAULT_GITOPS_PATH_TEMPLATE,
        author: {
          name: gitops!.getOptionalString('author.name') ?? 'Plinth',
          email:
            gitops!.getOptionalString('author.email') ?? 'plinth@localhost',
        },
        workDir,
        logger,
      });
      return {
        environmentTypes: environmentTypes && new Set(environmentTypes),
        target: gitOpsTarget(delivery, { url: repositoryUrl, branch }),
      };
    },
  );
  return {
    namespaceOf: env =>
      dnsLabelOf(
        template
          .replace('{app}', dnsLabelOf(appNameOf(env.app).toLowerCase()))
          .replace('{environment}', env.id),
      ),
    defaultsFor: new Set(
      root?.getOptionalStringArray('inClusterDefaults') ??
        DEFAULT_IN_CLUSTER_DEFAULTS,
    ),
    verifyTimeoutMs: root?.has('verifyTimeout')
      ? durationToMilliseconds(
          readDurationFromConfig(root, { key: 'verifyTimeout' }),
        )
      : 300_000,
    routing: routingOf(root),
    targetOf: env =>
      targets.find(t => !t.environmentTypes || t.environmentTypes.has(env.type))
        ?.target,
  };
}
