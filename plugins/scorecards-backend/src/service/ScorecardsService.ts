import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogVisibility,
  invalidInput,
  principalRef,
} from '@plinth/backend-utils';
import { formatProblem } from '@plinth/plugin-blueprints-common';
import {
  Campaign,
  CampaignDetailsResponse,
  CampaignListResponse,
  EvaluateResponse,
  Exemption,
  ExemptionListResponse,
  Scorecard,
  scorecardHeader,
  ScorecardHistoryResponse,
  ScorecardListResponse,
  ScorecardResultsResponse,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';
import type { ScorecardStore } from '../database/ScorecardStore';
import type { ScorecardRegistry } from '../definitions/ScorecardRegistry';
import type { EvaluationRequests } from '../evaluation/startEvaluation';
import type { EntityCardCache } from './EntityCardCache';
import type {
  ResultFilter,
  ScorecardQueries,
  VisibleOf,
} from './ScorecardQueries';

const DAY = 86_400_000;
/** The window of a history when none is given. */
const DEFAULT_HISTORY_MS = 90 * DAY;
/** The longest window of a history. */
const MAX_HISTORY_MS = 731 * DAY;

/** An entity ref as results are keyed: `kind:namespace/name`, lowercased. */
export function normalizedRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

const refParts = makeValidator();

/**
 * Whether a text is a full entity ref whose kind, namespace and name each
 * follow the catalog's rules (`component:default/cart-service`), unlike a
 * date such as `1970-01-01T00:00:00Z`.
 */
export function isEntityRef(value: string): boolean {
  const colon = value.indexOf(':');
  if (colon <= 0) return false;
  let ref;
  try {
    ref = parseEntityRef(value);
  } catch {
    return false;
  }
  return (
    refParts.isValidKind(ref.kind) &&
    refParts.isValidNamespace(ref.namespace) &&
    refParts.isValidEntityName(ref.name)
  );
}

/** An exemption asked for, its fields checked for shape. */
export interface ExemptionRequest {
  scorecard: string;
  rule: string;
  entityRef: string;
  /** ISO 8601. */
  until: string;
  reason: string;
}

/** Options of {@link ScorecardsService}. */
export interface ScorecardsServiceOptions {
  store: ScorecardStore;
  registry: ScorecardRegistry;
  queries: ScorecardQueries;
  /**
   * Entity cards kept as JSON; to be invalidated by whoever writes results
   * and changes scorecards (see the plugin's wiring).
   */
  cardCache: EntityCardCache;
  catalog: CatalogService;
  /** Which entities each caller may see. */
  visibility: CatalogVisibility;
  evaluation: EvaluationRequests;
  /** How far ahead an exemption may end, in milliseconds. */
  exemptionMaxMs: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * The scorecards backend's logic behind its API: scorecard definitions and
 * campaigns saved through the API (never those of files or the catalog),
 * exemptions, evaluation requests, and what each caller may read (results
 * of the entities they can see in the catalog).
 */
export class ScorecardsService {
  private readonly store: ScorecardStore;
  private readonly registry: ScorecardRegistry;
  private readonly queries: ScorecardQueries;
  private readonly cardCache: EntityCardCache;
  private readonly catalog: CatalogService;
  private readonly visibility: CatalogVisibility;
  private readonly evaluation: EvaluationRequests;
  private readonly exemptionMaxMs: number;
  private readonly now: () => number;

  constructor(options: ScorecardsServiceOptions) {
    this.store = options.store;
    this.registry = options.registry;
    this.queries = options.queries;
    this.cardCache = options.cardCache;
    this.catalog = options.catalog;
    this.visibility = options.visibility;
    this.evaluation = options.evaluation;
    this.exemptionMaxMs = options.exemptionMaxMs;
    this.now = options.now ?? Date.now;
  }

  /** Resolves once the definitions have been read a first time. */
  ready(): Promise<void> {
    return this.registry.ready();
  }

  // --- Definitions.

  listScorecards(): ScorecardListResponse {
    return {
      items: this.registry.scorecards().map(s => ({
        scorecard: s.scorecard,
        source: s.source,
        origin: s.origin,
      })),
      problems: this.registry.problems(),
    };
  }

  /**
   * Creates or replaces a scorecard of the API, and has it evaluated.
   * @throws InputError listing its problems, ConflictError when a file or
   * the catalog defines it
   */
  async saveScorecard(
    document: unknown,
    by: string,
  ): Promise<{ scorecard: Scorecard; created: boolean }> {
    const problems = this.registry.check(document);
    if (problems.length) throw invalidInput(problems, formatProblem);
    const scorecard = document as Scorecard;
    const existing = this.registry.get(scorecard.identifier);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `scorecard "${scorecard.identifier}" is defined in ${existing.source}; change it there`,
      );
    }
    await this.store.saveDefinition(scorecard.identifier, scorecard, by);
    await this.registry.refresh();
    await this.evaluation.request();
    return { scorecard, created: !existing };
  }

  /**
   * Deletes a scorecard of the API.
   * @throws ConflictError when a file or the catalog defines it,
   * NotFoundError when the API has none of this id
   */
  async deleteScorecard(identifier: string): Promise<void> {
    const existing = this.registry.get(identifier);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `scorecard "${identifier}" is defined in ${existing.source}; remove it there`,
      );
    }
    if (!(await this.store.deleteDefinition(identifier))) {
      throw new NotFoundError(
        `no scorecard "${identifier}" saved through the API`,
      );
    }
    await this.registry.refresh();
    await this.evaluation.request();
  }

  // --- Results.

  /**
   * The scorecards of an entity, none when the caller cannot see it: an
   * `EntityScorecardsResponse` as JSON text. Whether the caller may see the
   * entity is decided first, on every call; the items come from the card
   * cache, which holds nothing of any caller.
   */
  async entityScorecards(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const ref = normalizedRef(entityRef);
    const view = await this.visibility.forCaller(credentials);
    const seen = await view.visible([ref]);
    const items = seen.has(ref)
      ? await this.cardCache.items(ref, () =>
          this.queries.entityScorecards(ref),
        )
      : '[]';
    return `{"entityRef":${JSON.stringify(ref)},"items":${items}}`;
  }

  /** The level distribution of the entities the caller may see. */
  async summary(
    identifier: string,
    groupBy: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ScorecardSummaryResponse> {
    return this.queries.summary(
      identifier,
      groupBy,
      await this.visibleOf(credentials),
    );
  }

  /** Every result of a scorecard the caller can see, filtered. */
  async results(
    identifier: string,
    filter: ResultFilter,
    credentials: BackstageCredentials,
  ): Promise<ScorecardResultsResponse> {
    const rows = await this.queries.results(identifier, filter);
    const view = await this.visibility.forCaller(credentials);
    return {
      scorecard: scorecardHeader(this.scorecard(identifier)),
      items: await view.filter(rows, r => r.entityRef),
    };
  }

  /**
   * A scorecard's daily distributions over a window: the 90 days up to `to`
   * (now by default), at most two years.
   * @throws InputError for a window backwards or too long
   */
  async history(
    identifier: string,
    window: { from?: number; to?: number },
    credentials: BackstageCredentials,
  ): Promise<ScorecardHistoryResponse> {
    const to = window.to ?? this.now();
    const from = window.from ?? to - DEFAULT_HISTORY_MS;
    if (from > to) throw new InputError('query from: must not be after to');
    if (to - from > MAX_HISTORY_MS) {
      throw new InputError('query from: the window is at most two years');
    }
    const days = await this.queries.history(
      identifier,
      from,
      to,
      await this.visibleOf(credentials),
    );
    return { scorecard: scorecardHeader(this.scorecard(identifier)), days };
  }

  /**
   * Asks for an evaluation: of some entities on every scorecard, or in full
   * of one scorecard or all.
   * @throws NotFoundError for an unknown scorecard
   */
  async evaluate(request: {
    scorecard?: string;
    entityRefs?: string[];
  }): Promise<EvaluateResponse> {
    const { scorecard } = request;
    if (scorecard && !this.registry.get(scorecard)) {
      throw new NotFoundError(`no scorecard "${scorecard}"`);
    }
    const refs = (request.entityRefs ?? []).map(normalizedRef);
    let scorecards: string[] = [];
    if (refs.length) {
      await this.store.enqueue(refs);
    } else {
      scorecards = scorecard
        ? [scorecard]
        : this.registry.scorecards().map(s => s.scorecard.identifier);
      await this.store.resetFingerprints(scorecards);
    }
    await this.evaluation.request();
    return { scorecards, entityRefs: refs.length };
  }

  // --- Exemptions.

  /** Exemptions in force, of entities the caller may see. */
  async listExemptions(
    filter: { entityRef?: string; scorecard?: string },
    credentials: BackstageCredentials,
  ): Promise<ExemptionListResponse> {
    const items = await this.store.activeExemptions(
      {
        entityRefs: filter.entityRef
          ? [normalizedRef(filter.entityRef)]
          : undefined,
        scorecard: filter.scorecard,
      },
      this.now(),
    );
    const view = await this.visibility.forCaller(credentials);
    return { items: await view.filter(items, e => e.entityRef) };
  }

  /**
   * Exempts an entity from a rule until a time, and has it evaluated again.
   * The entity must be one the caller can see in the catalog, and the end
   * within the configured maximum (`plinth.scorecards.exemptions.maxDuration`).
   * @throws InputError for an unknown scorecard, rule or entity, or an end
   *   in the past or too far ahead
   */
  async grantExemption(
    request: ExemptionRequest,
    credentials: BackstageCredentials,
  ): Promise<Exemption> {
    const grantedBy = principalRef(credentials);
    const registered = this.registry.get(request.scorecard);
    if (!registered) {
      throw new InputError(
        `body scorecard: no scorecard "${request.scorecard}"`,
      );
    }
    if (!registered.scorecard.rules.some(r => r.identifier === request.rule)) {
      throw new InputError(
        `body rule: scorecard "${request.scorecard}" has no rule "${request.rule}"`,
      );
    }
    const now = this.now();
    const until = Date.parse(request.until);
    if (until <= now) {
      throw new InputError('body until: must be in the future');
    }
    if (until > now + this.exemptionMaxMs) {
      throw new InputError(
        `body until: must be at most ${Math.floor(
          this.exemptionMaxMs / 86_400_000,
        )} days ahead, by ${new Date(
          now + this.exemptionMaxMs,
        ).toISOString()} (plinth.scorecards.exemptions.maxDuration)`,
      );
    }
    const entityRef = normalizedRef(request.entityRef);
    const {
      items: [found],
    } = await this.catalog.getEntitiesByRefs(
      { entityRefs: [entityRef], fields: ['kind'] },
      { credentials },
    );
    if (!found) {
      throw new InputError(
        `body entityRef: there is no entity ${request.entityRef} in the catalog that you can see`,
      );
    }
    const exemption = await this.store.addExemption(
      { ...request, entityRef, grantedBy },
      now,
    );
    await this.store.enqueue([entityRef]);
    await this.evaluation.request();
    return exemption;
  }

  /**
   * Ends an exemption now, and has its entity evaluated again.
   * @throws NotFoundError when none of this id is in force
   */
  async revokeExemption(id: string, revokedBy: string): Promise<Exemption> {
    const revoked = await this.store.revokeExemption(id, revokedBy, this.now());
    if (!revoked) throw new NotFoundError(`no exemption "${id}" in force`);
    await this.store.enqueue([revoked.entityRef]);
    await this.evaluation.request();
    return revoked;
  }

  // --- Campaigns.

  /** Every campaign, its progress over the entities the caller may see. */
  async campaigns(
    credentials: BackstageCredentials,
  ): Promise<CampaignListResponse> {
    return {
      items: await this.queries.campaigns(await this.visibleOf(credentials)),
    };
  }

  /** A campaign's progress over the entities the caller may see. */
  async campaign(
    identifier: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignDetailsResponse> {
    return this.queries.campaign(identifier, await this.visibleOf(credentials));
  }

  /**
   * Creates or replaces a campaign of the API.
   * @throws InputError listing its problems, ConflictError when app-config
   * defines it
   */
  async saveCampaign(
    document: unknown,
    by: string,
  ): Promise<{ campaign: Campaign; created: boolean }> {
    const problems = this.registry.checkCampaign(document);
    if (problems.length) throw invalidInput(problems, formatProblem);
    const campaign = document as Campaign;
    const existing = this.registry.campaign(campaign.identifier);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `campaign "${campaign.identifier}" is defined in app-config; change it there`,
      );
    }
    await this.store.saveCampaign(campaign.identifier, campaign, by);
    await this.registry.refresh();
    return { campaign, created: !existing };
  }

  /** @throws NotFoundError when the API has no campaign of this id */
  async deleteCampaign(identifier: string): Promise<void> {
    if (!(await this.store.deleteCampaign(identifier))) {
      throw new NotFoundError(
        `no campaign "${identifier}" saved through the API`,
      );
    }
    await this.registry.refresh();
  }

  // --- Helpers.

  private scorecard(identifier: string): Scorecard {
    const registered = this.registry.get(identifier);
    if (!registered) throw new NotFoundError(`no scorecard "${identifier}"`);
    return registered.scorecard;
  }

  /** How queries learn what the caller may see; undefined when everything. */
  private async visibleOf(
    credentials: BackstageCredentials,
  ): Promise<VisibleOf | undefined> {
    const view = await this.visibility.forCaller(credentials);
    return view.all ? undefined : refs => view.visible(refs);
  }
}
