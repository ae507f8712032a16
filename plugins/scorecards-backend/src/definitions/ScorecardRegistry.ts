import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { Blueprint, Problem } from '@plinth/plugin-blueprints-common';
import type { BlueprintsService } from '@plinth/plugin-blueprints-node';
import {
  Campaign,
  checkCampaign,
  CompiledScorecard,
  compileScorecard,
  loadScorecards,
  Scorecard,
  ScorecardDocument,
  SCORECARD_KIND,
  scorecardFromEntity,
  ScorecardOrigin,
} from '@plinth/plugin-scorecards-common';
import { readScorecardFiles } from '@plinth/plugin-scorecards-node';
import { createHash } from 'node:crypto';
import type { ScorecardStore } from '../database/ScorecardStore';

/** A scorecard in force, ready to evaluate. */
export interface RegisteredScorecard {
  scorecard: Scorecard;
  source: string;
  origin: ScorecardOrigin;
  compiled: CompiledScorecard;
  /** Changes whenever the definition does: a full evaluation is then due. */
  fingerprint: string;
}

/** A campaign in force. */
export interface RegisteredCampaign {
  campaign: Campaign;
  origin: 'config' | 'api';
}

interface Snapshot {
  blueprints: ReadonlyMap<string, Blueprint>;
  scorecards: Map<string, RegisteredScorecard>;
  campaigns: Map<string, RegisteredCampaign>;
  problems: Problem[];
}

function fingerprintOf(scorecard: Scorecard): string {
  return createHash('sha256').update(JSON.stringify(scorecard)).digest('hex');
}

/**
 * The scorecards and campaigns in force, from every source: files named in
 * `plinth.scorecards.files`, catalog entities of kind `Scorecard`, and those
 * saved through the API (in that order: an identifier defined twice keeps
 * its first definition, and the second is reported). Each is checked against
 * the blueprints the blueprints backend applies; an invalid one is reported
 * with its source, pointer and reason and left out, the others unaffected.
 */
export class ScorecardRegistry {
  private snapshot: Snapshot = {
    blueprints: new Map(),
    scorecards: new Map(),
    campaigns: new Map(),
    problems: [],
  };
  private loaded = false;
  /** The identifiers and fingerprints of the scorecards in force. */
  private signature = '';
  private readonly listeners: Array<() => void> = [];
  private readonly firstLoad: Promise<void>;
  private markLoaded!: () => void;

  constructor(
    private readonly options: {
      store: ScorecardStore;
      blueprints: BlueprintsService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      files: string[];
      campaigns: unknown[];
    },
  ) {
    this.firstLoad = new Promise(resolve => {
      this.markLoaded = resolve;
    });
  }

  /** Resolves once the sources have been read once (successfully or not). */
  ready(): Promise<void> {
    return this.firstLoad;
  }

  /**
   * Calls `listener` whenever the scorecards in force change (one added,
   * removed or defined otherwise), once the new set is in force.
   */
  onScorecardsChanged(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Reads every source again; keeps the last good set when blueprints are unreachable. */
  async refresh(): Promise<void> {
    try {
      this.snapshot = await this.load();
      this.loaded = true;
      const signature = [...this.snapshot.scorecards.values()]
        .map(s => `${s.scorecard.identifier} ${s.fingerprint}`)
        .join('\n');
      if (signature !== this.signature) {
        this.signature = signature;
        for (const listener of this.listeners) listener();
      }
    } catch (error) {
      this.options.logger.warn(
        `Scorecards not reloaded, keeping the previous set: ${
          (error as Error).message
        }`,
      );
    } finally {
      this.markLoaded();
    }
  }

  /**
   * Whether the sources have been read successfully at least once: until
   * then an empty set means nothing, and no result may be forgotten.
   */
  hasLoaded(): boolean {
    return this.loaded;
  }

  blueprints(): ReadonlyMap<string, Blueprint> {
    return this.snapshot.blueprints;
  }

  scorecards(): RegisteredScorecard[] {
    return [...this.snapshot.scorecards.values()];
  }

  get(identifier: string): RegisteredScorecard | undefined {
    return this.snapshot.scorecards.get(identifier);
  }

  campaigns(): RegisteredCampaign[] {
    return [...this.snapshot.campaigns.values()];
  }

  campaign(identifier: string): RegisteredCampaign | undefined {
    return this.snapshot.campaigns.get(identifier);
  }

  problems(): Problem[] {
    return this.snapshot.problems;
  }

  /** Problems of a definition sent to the API, against the current blueprints. */
  check(definition: unknown): Problem[] {
    return loadScorecards(
      [{ source: 'request body', value: definition }],
      this.snapshot.blueprints,
    ).problems;
  }

  /** Problems of a campaign sent to the API, against the current scorecards. */
  checkCampaign(definition: unknown): Problem[] {
    return checkCampaign(
      definition,
      new Map(
        this.scorecards().map(s => [s.scorecard.identifier, s.scorecard]),
      ),
    ).map(p => ({ source: 'request body', ...p }));
  }

  private async load(): Promise<Snapshot> {
    const { store, catalog, auth, files } = this.options;
    const { items } = await this.options.blueprints.getBlueprints();
    const blueprints = new Map(
      items.map(i => [i.blueprint.identifier, i.blueprint]),
    );

    const origins = new Map<string, ScorecardOrigin>();
    const documents: ScorecardDocument[] = [];
    const read = await readScorecardFiles(files);
    for (const document of read.documents) {
      origins.set(document.source, 'file');
      documents.push(document);
    }
    const { items: entities } = await catalog.getEntities(
      { filter: { kind: SCORECARD_KIND } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    for (const entity of entities) {
      const source = stringifyEntityRef(entity);
      origins.set(source, 'catalog');
      documents.push({
        source,
        pointer: '/spec',
        value: scorecardFromEntity(entity),
      });
    }
    for (const saved of await store.listDefinitions()) {
      const source = `api (saved by ${saved.updatedBy})`;
      origins.set(source, 'api');
      documents.push({ source, value: saved.definition });
    }

    const loaded = loadScorecards(documents, blueprints);
    const scorecards = new Map<string, RegisteredScorecard>();
    for (const { scorecard, source } of loaded.scorecards) {
      scorecards.set(scorecard.identifier, {
        scorecard,
        source,
        origin: origins.get(source) ?? 'file',
        compiled: compileScorecard(scorecard, {
          blueprint: blueprints.get(scorecard.blueprint),
        }),
        fingerprint: fingerprintOf(scorecard),
      });
    }

    const problems = [...read.problems, ...loaded.problems];
    const campaigns = new Map<string, RegisteredCampaign>();
    const byId = new Map(
      [...scorecards].map(([id, s]) => [id, s.scorecard] as const),
    );
    const addCampaign = (
      raw: unknown,
      origin: 'config' | 'api',
      source: string,
      pointer: string,
    ) => {
      const found = checkCampaign(raw, byId, pointer);
      if (found.length) {
        problems.push(...found.map(p => ({ source, ...p })));
        return;
      }
      const campaign = raw as Campaign;
      if (!campaigns.has(campaign.identifier)) {
        campaigns.set(campaign.identifier, { campaign, origin });
      }
    };
    this.options.campaigns.forEach((raw, i) =>
      addCampaign(
        raw,
        'config',
        'app-config',
        `/plinth/scorecards/campaigns/${i}`,
      ),
    );
    for (const saved of await store.listCampaigns()) {
      addCampaign(
        saved.definition,
        'api',
        `api (saved by ${saved.updatedBy})`,
        '',
      );
    }

    if (problems.length) {
      this.options.logger.warn(
        `${problems.length} problem(s) in scorecard definitions; see GET /api/scorecards/scorecards`,
      );
    }
    return { blueprints, scorecards, campaigns, problems };
  }
}
