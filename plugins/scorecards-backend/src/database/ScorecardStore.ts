import type {
  Exemption,
  LevelChange,
  LevelDistribution,
  RuleResult,
} from '@plinth/plugin-scorecards-common';

/** What a result remembers of its entity, for grouping and filtering. */
export interface Facets {
  title: string;
  teams: string[];
  system?: string;
  domain?: string;
  /** The entity's scalar properties and derived values, for `property:<key>` grouping. */
  values: Record<string, string | number | boolean | null>;
}

/** One entity's stored result on one scorecard. */
export interface StoredResult {
  scorecard: string;
  entityRef: string;
  level: string;
  levelIndex: number;
  rules: RuleResult[];
  facets: Facets;
  hash: string;
  evaluatedAt: number;
}

/** A result to write: `next` absent when the scorecard no longer applies. */
export interface ResultChange {
  entityRef: string;
  previous?: StoredResult;
  next?: StoredResult;
}

/** A definition saved through the API. */
export interface SavedDefinition {
  identifier: string;
  definition: unknown;
  updatedBy: string;
  updatedAt: string;
}

/** An entry of the queue of entities to evaluate again. */
export interface QueuedEntity {
  entityRef: string;
  queuedAt: number;
}

/** One entity's results and level history, as its card shows them. */
export interface EntityResults {
  results: Array<
    Pick<
      StoredResult,
      'scorecard' | 'level' | 'levelIndex' | 'rules' | 'evaluatedAt'
    >
  >;
  history: Map<string, LevelChange[]>;
}

/**
 * What the scorecards backend keeps: definitions and campaigns saved
 * through the API, the current results with their level history and daily
 * distributions, exemptions, the queue of entities to evaluate again, and
 * each scorecard's last full evaluation.
 */
export interface ScorecardStore {
  // Definitions and campaigns saved through the API.
  listDefinitions(): Promise<SavedDefinition[]>;
  saveDefinition(
    identifier: string,
    definition: unknown,
    by: string,
  ): Promise<void>;
  /** Whether there was one to delete. */
  deleteDefinition(identifier: string): Promise<boolean>;
  listCampaigns(): Promise<SavedDefinition[]>;
  saveCampaign(
    identifier: string,
    definition: unknown,
    by: string,
  ): Promise<void>;
  /** Whether there was one to delete. */
  deleteCampaign(identifier: string): Promise<boolean>;

  // Results.
  /** The stored results of these entities on a scorecard, by ref. */
  getResults(
    scorecard: string,
    refs: string[],
  ): Promise<Map<string, StoredResult>>;
  /**
   * An entity's results (without facets) and its level changes since
   * `historySince` per scorecard, oldest first and preceded by the level it
   * had then, in one query:
   * what its scorecard card shows.
   */
  entityResults(
    entityRef: string,
    historySince: number,
  ): Promise<EntityResults>;
  /** Every result of one scorecard. */
  resultsOf(scorecard: string): Promise<StoredResult[]>;
  /**
   * The entities whose results were written at or after `since` (epoch
   * milliseconds, as results record it), each with its latest such time.
   */
  entitiesEvaluatedSince(
    since: number,
  ): Promise<Array<{ entityRef: string; evaluatedAt: number }>>;
  /** The entity refs with a result on a scorecard. */
  refsOf(scorecard: string): Promise<string[]>;
  /**
   * Writes results that changed, in one transaction: the current results,
   * a history row for each level change, and today's distribution adjusted
   * by the difference.
   */
  writeChanges(
    scorecard: string,
    changes: ResultChange[],
    now: number,
  ): Promise<void>;
  /** Forgets the results of a scorecard that is gone (its history stays). */
  deleteResultsOf(scorecard: string): Promise<void>;
  /** The scorecards with stored results. */
  scorecardsWithResults(): Promise<string[]>;

  // History.
  /**
   * Every level change of a scorecard's entities before `until` (epoch ms),
   * oldest first; `level` null when the scorecard stopped applying.
   */
  levelChangesOf(
    scorecard: string,
    until: number,
  ): Promise<Array<{ entityRef: string; level: string | null; at: number }>>;
  /** A scorecard's daily distributions from `fromDay` to `toDay`, oldest first. */
  daily(
    scorecard: string,
    fromDay: string,
    toDay: string,
  ): Promise<Array<LevelDistribution & { day: string }>>;

  // Exemptions.
  addExemption(
    exemption: Omit<Exemption, 'id' | 'createdAt'>,
    now: number,
  ): Promise<Exemption>;
  /** Revokes an exemption; answers it, or undefined when there is none. */
  revokeExemption(
    id: string,
    by: string,
    now: number,
  ): Promise<Exemption | undefined>;
  /** Exemptions in force at `now`, optionally of some entities or a scorecard. */
  activeExemptions(
    filter: { entityRefs?: string[]; scorecard?: string },
    now: number,
  ): Promise<Exemption[]>;

  // The queue of entities to evaluate again.
  /**
   * Queues entities; one queued again gets a later time, so that a run that
   * read it before does not take it off the queue.
   */
  enqueue(refs: string[], at?: number): Promise<void>;
  /** The oldest entries. */
  peekQueue(limit: number): Promise<QueuedEntity[]>;
  /** Takes entries off the queue unless queued again since they were read. */
  dequeue(items: QueuedEntity[]): Promise<void>;

  // Full evaluations.
  /** The fingerprint each scorecard was last evaluated in full with. */
  fingerprints(): Promise<
    Map<string, { fingerprint: string; evaluatedAt: number }>
  >;
  /** Makes scorecards due for a full evaluation (all when none are named). */
  resetFingerprints(scorecards?: string[]): Promise<void>;
  setFingerprint(
    scorecard: string,
    fingerprint: string,
    at: number,
  ): Promise<void>;
}
