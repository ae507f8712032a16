import { InputError } from '@backstage/errors';
import { findPlaceholders } from '@plinth/plugin-orchestrator-common';
import {
  renderTemplate,
  type ResourceDriver,
} from '@plinth/plugin-orchestrator-node';
import {
  dnsLabelOf,
  isDnsLabel,
  MAX_HOST_LENGTH,
  MAX_LABEL_LENGTH,
} from './names';

/** Where the dns driver is configured. */
export const DNS_CONFIG_KEY = 'plinth.orchestrator.drivers.dns';

/**
 * The host names the dns driver gives unless configured otherwise: one per
 * resource, environment and app, under `.localhost` (which resolves to the
 * machine itself), such as `api-dns-1f0c2a9e.development.cartservice.localhost`.
 * @public
 */
export const DEFAULT_DNS_PATTERN =
  '${resource.id}.${environment.id}.${app.name}.localhost';

/**
 * How the dns driver names hosts.
 * @public
 */
export interface DnsDriverOptions {
  /** The host pattern; {@link DEFAULT_DNS_PATTERN} when not given. */
  pattern?: string;
}

/**
 * The `dns` driver: a host name for a `dns` resource, made from a pattern
 * (the definition's input `pattern`, else
 * `plinth.orchestrator.drivers.dns.pattern`, else
 * {@link DEFAULT_DNS_PATTERN}) with the template driver's placeholders:
 * `${resource.id}`, `${app.name}`, `${environment.id}`,
 * `${environment.type}`, `${params.<path>}` and the others. Each
 * placeholder's value is made a DNS label — lowercase, `[a-z0-9-]`, 63
 * characters at most, no hyphen at either end — and one that had to change
 * ends with a short hash of what it was, so two values never give one
 * host. A label the pattern makes longer than 63 characters is shortened
 * the same way; the whole host must fit in 253 characters. Nothing is
 * created (the environment's DNS, such as a wildcard record, serves the
 * names); the same request always gives the same host.
 * @public
 */
export function createDnsDriver(
  options: DnsDriverOptions = {},
): ResourceDriver {
  if (options.pattern !== undefined) {
    try {
      findPlaceholders(options.pattern);
    } catch (error) {
      throw new Error(
        `${DNS_CONFIG_KEY}.pattern is not a valid pattern: ${
          (error as Error).message
        }`,
      );
    }
  }

  return {
    id: 'dns',
    resourceTypes: ['dns'],

    async provision(request) {
      const input = request.inputs.pattern;
      if (input !== undefined && typeof input !== 'string') {
        throw new InputError(
          `Resource "${request.key}": the dns driver's input pattern must be a text, such as ${DEFAULT_DNS_PATTERN}.`,
        );
      }
      const [pattern, where] =
        input !== undefined
          ? [input, 'the input pattern']
          : [
              options.pattern ?? DEFAULT_DNS_PATTERN,
              options.pattern !== undefined
                ? `${DNS_CONFIG_KEY}.pattern`
                : 'the default dns pattern',
            ];
      const rendered = renderTemplate(request, pattern, where, dnsLabelOf);
      if (rendered.secretPlaceholders.length > 0) {
        throw new InputError(
          `Resource "${
            request.key
          }": ${where} uses the secret ${rendered.secretPlaceholders.join(
            ', ',
          )}; a host name is not secret, so it may not.`,
        );
      }
      const labels = rendered.value
        .toLowerCase()
        .split('.')
        .map(label =>
          label.length > MAX_LABEL_LENGTH ? dnsLabelOf(label) : label,
        );
      const bad = labels.find(label => !isDnsLabel(label));
      if (bad !== undefined) {
        throw new InputError(
          `Resource "${request.key}": ${where} gives the host "${labels.join(
            '.',
          )}", whose part "${bad}" is not a DNS label (letters, digits and "-", not at either end, between dots).`,
        );
      }
      const host = labels.join('.');
      if (host.length > MAX_HOST_LENGTH) {
        throw new InputError(
          `Resource "${request.key}": ${where} gives a host of ${host.length} characters, longer than the ${MAX_HOST_LENGTH} a host name may have.`,
        );
      }
      return { outputs: { host }, secrets: {}, state: {} };
    },

    async deprovision() {
      // Nothing was created.
    },
  };
}
