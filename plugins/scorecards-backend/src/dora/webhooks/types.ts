/** Where a webhook delivery comes from, to find its catalog entity. */
export type DoraWebhookSource =
  | {
      provider: 'github';
      /** `owner/name`. */
      repository: string;
    }
  | {
      provider: 'pagerduty';
      serviceId: string;
      serviceName?: string;
    };

/**
 * The catalog entity ref of a GitHub repository or a PagerDuty service, e.g.
 * from the `github.com/project-slug` and `pagerduty.com/service-id`
 * annotations; undefined when there is none, and the adapters fall back to
 * `component:default/<repository name>` and
 * `component:default/<service name, in lower case with dashes>`.
 */
export type DoraWebhookEntityResolver = (
  source: DoraWebhookSource,
) => Promise<string | undefined>;
