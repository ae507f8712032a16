import {
  substitutePlaceholders,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import { listed } from './order';
import type { RenderProblem, ResolvedResource } from './types';

/** Resolves a workload's values, saying where something is missing. */
export class Resolver {
  readonly problems: RenderProblem[] = [];

  constructor(
    private readonly name: string,
    private readonly workload: ScoreWorkload,
    private readonly resolved: Record<string, ResolvedResource>,
  ) {}

  problem(key: string, message: string): void {
    this.problems.push({
      workload: this.name,
      key,
      message: `Workload "${this.name}", ${key}: ${message}`,
    });
  }

  /**
   * The value with its placeholders resolved, and whether a secret output
   * went into it; undefined (and a problem) when one cannot be resolved.
   */
  resolve(
    key: string,
    value: string,
  ): { text: string; secret: boolean } | undefined {
    let secret = false;
    let complete = true;
    let text: string;
    try {
      text = substitutePlaceholders(value, ({ expression, segments }) => {
        const found = this.lookUp(key, `\${${expression}}`, segments);
        if (found === undefined) {
          complete = false;
          return '';
        }
        secret = secret || found.secret;
        return found.text;
      });
    } catch (error) {
      this.problem(key, (error as Error).message);
      return undefined;
    }
    return complete ? { text, secret } : undefined;
  }

  private lookUp(
    key: string,
    where: string,
    segments: string[],
  ): { text: string; secret: boolean } | undefined {
    const [root, name, ...rest] = segments;
    if (root === 'metadata') {
      let current: unknown = this.workload.metadata;
      for (const segment of segments.slice(1)) {
        current =
          current && typeof current === 'object'
            ? (current as Record<string, unknown>)[segment]
            : undefined;
      }
      if (
        segments.length < 2 ||
        (typeof current !== 'string' &&
          typeof current !== 'number' &&
          typeof current !== 'boolean')
      ) {
        this.problem(key, `${where} names no metadata text of this workload.`);
        return undefined;
      }
      return { text: String(current), secret: false };
    }
    if (root !== 'resources' || name === undefined) {
      this.problem(
        key,
        `${where} is not a Score placeholder: they start with metadata. or resources.`,
      );
      return undefined;
    }
    if (!this.workload.resources?.[name]) {
      this.problem(
        key,
        `${where} names no resource of this workload; its resources are: ${listed(
          Object.keys(this.workload.resources ?? {}),
        )}.`,
      );
      return undefined;
    }
    const resource = this.resolved[name];
    if (!resource) {
      this.problem(
        key,
        `${where}: resource "${name}" has not been provisioned, so it has no outputs.`,
      );
      return undefined;
    }
    // `${resources.data}` names a volume whole: its `source` output.
    const output = rest.length ? rest.join('.') : 'source';
    if (Object.prototype.hasOwnProperty.call(resource.secrets, output)) {
      return { text: resource.secrets[output], secret: true };
    }
    if (Object.prototype.hasOwnProperty.call(resource.outputs, output)) {
      return { text: resource.outputs[output], secret: false };
    }
    this.problem(
      key,
      `${where}: resource "${name}" has no output "${output}"; its outputs are: ${listed(
        [...Object.keys(resource.outputs), ...Object.keys(resource.secrets)],
      )}.`,
    );
    return undefined;
  }
}
