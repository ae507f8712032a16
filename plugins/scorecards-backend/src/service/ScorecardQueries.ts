import { NotFoundError } from '@backstage/errors';
import {
  CampaignDetailsResponse,
  CampaignFailingEntity,
  CampaignProgress,
  CampaignSummary,
  EntityScorecard,
  LevelDistribution,
  scorecardHeader,
  ScorecardHistoryDay,
  ScorecardResultRow,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';
import type { ScorecardStore, StoredResult } from '../database/ScorecardStore';
import type {
  RegisteredCampaign,
  RegisteredScorecard,
  ScorecardRegistry,
} from '../definitions/ScorecardRegistry';
import { applyToDistribution, dayOf } from '../lib/distribution';

const DAY = 86_400_000;
/** How far back an entity's level history goes on its card. */
const HISTORY_MS = 90 * DAY;
const NO_GROUP = '(none)';

/**
 * Which of these entities the caller may see; absent when the caller may
 * see every entity.
 */
export type VisibleOf = (entityRefs: string[]) => Promise<Set<string>>;

/** The results of the entities the caller may see. */
async function visibleResults(
  results: StoredResult[],
  visibleOf: VisibleOf | undefined,
): Promise<StoredResult[]> {
  if (!visibleOf) return results;
  const seen = await visibleOf(results.map(r => r.entityRef));
  return results.filter(r => seen.has(r.entityRef));
}

/** Filters of a scorecard's result rows. */
export interface ResultFilter {
  team?: string;
  system?: string;
  domain?: string;
}

function distributionOf(results: StoredResult[]): LevelDistribution {
  const distribution: LevelDistribution = { total: 0, levels: {}, passing: {} };
  for (const r of results) applyToDistribution(distribution, r, 1);
  return distribution;
}

function groupsOf(result: StoredResult, groupBy: string): string[] {
  const { facets } = result;
  if (groupBy === 'team')
    return facets.teams.length ? facets.teams : [NO_GROUP];
  if (groupBy === 'system') return [facets.system ?? NO_GROUP];
  if (groupBy === 'domain') return [facets.domain ?? NO_GROUP];
  const key = groupBy.slice('property:'.length);
  const value = facets.values[key];
  return [value === null || value === undefined ? NO_GROUP : String(value)];
}

function passesRules(result: StoredResult, rules: Set<string>): boolean {
  return result.rules
    .filter(r => rules.has(r.rule))
    .every(r => r.status === 'passed' || r.status === 'exempt');
}

function progressOf(passing: number, total: number): CampaignProgress {
  return { passing, total, share: total === 0 ? 0 : passing / total };
}

/**
 * The read side of the scorecards API: an entity's scorecards, a scorecard's
 * summary, results and history, campaigns and their progress.
 */
export class ScorecardQueries {
  constructor(
    private readonly options: {
      store: ScorecardStore;
      registry: ScorecardRegistry;
    },
  ) {}

  private scorecard(identifier: string): RegisteredScorecard {
    const found = this.options.registry.get(identifier);
    if (!found) throw new NotFoundError(`no scorecard "${identifier}"`);
    return found;
  }

  /** The results of every scorecard that applies to an entity, with history. */
  async entityScorecards(
    entityRef: string,
    now = Date.now(),
  ): Promise<EntityScorecard[]> {
    const { store, registry } = this.options;
    const { results, history } = await store.entityResults(
      entityRef,
      now - HISTORY_MS,
    );
    return results.flatMap(result => {
      const registered = registry.get(result.scorecard);
      if (!registered) return [];
      return [
        {
          scorecard: scorecardHeader(registered.scorecard),
          level: result.level,
          levelIndex: result.levelIndex,
          rules: result.rules,
          evaluatedAt: new Date(result.evaluatedAt).toISOString(),
          history: (history.get(result.scorecard) ?? []).filter(
            h => h.levelIndex >= 0,
          ),
        },
      ];
    });
  }

  /** The level distribution of a scorecard, overall and per group. */
  async summary(
    identifier: string,
    groupBy?: string,
    visibleOf?: VisibleOf,
  ): Promise<ScorecardSummaryResponse> {
    const registered = this.scorecard(identifier);
    const results = await visibleResults(
      await this.options.store.resultsOf(identifier),
      visibleOf,
    );
    const groups = new Map<string, StoredResult[]>();
    if (groupBy) {
      for (const result of results) {
        for (const group of groupsOf(result, groupBy)) {
          const list = groups.get(group) ?? [];
          list.push(result);
          groups.set(group, list);
        }
      }
    }
    return {
      scorecard: scorecardHeader(registered.scorecard),
      groupBy,
      overall: distributionOf(results),
      groups: [...groups]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([group, list]) => ({ group, ...distributionOf(list) })),
    };
  }

  /** Every entity's result on a scorecard, filtered. */
  async results(
    identifier: string,
    filter: ResultFilter,
  ): Promise<ScorecardResultRow[]> {
    this.scorecard(identifier);
    const results = await this.options.store.resultsOf(identifier);
    return results
      .filter(
        r =>
          (!filter.team || r.facets.teams.includes(filter.team)) &&
          (!filter.system || r.facets.system === filter.system) &&
          (!filter.domain || r.facets.domain === filter.domain),
      )
      .map(r => ({
        entityRef: r.entityRef,
        title: r.facets.title,
        teams: r.facets.teams,
        system: r.facets.system,
        domain: r.facets.domain,
        level: r.level,
        levelIndex: r.levelIndex,
        rules: Object.fromEntries(
          r.rules.map(rule => [rule.rule, rule.status]),
        ),
      }));
  }

  /**
   * A scorecard's distribution on every day of [from, to]: a day without a
   * change carries the day before. For a caller who may not see every
   * entity, the levels of the entities they see, rebuilt from each entity's
   * level changes (the stored daily counts are of all entities; rule
   * passing counts are not kept per entity, so they are left out).
   */
  async history(
    identifier: string,
    from: number,
    to: number,
    visibleOf?: VisibleOf,
  ): Promise<ScorecardHistoryDay[]> {
    this.scorecard(identifier);
    const fromDay = dayOf(from);
    const toDay = dayOf(to);
    if (visibleOf) {
      return this.visibleHistory(identifier, fromDay, toDay, visibleOf);
    }
    // The day before the window gives the distribution the window starts with.
    const stored = await this.options.store.daily(
      identifier,
      '0000-00-00',
      toDay,
    );
    const days: ScorecardHistoryDay[] = [];
    let index = 0;
    let current: LevelDistribution | undefined;
    for (let t = Date.parse(fromDay); dayOf(t) <= toDay; t += DAY) {
      const day = dayOf(t);
      while (index < stored.length && stored[index].day <= day) {
        const { day: _, ...distribution } = stored[index++];
        current = distribution;
      }
      if (current) days.push({ day, ...current });
    }
    return days;
  }

  /** The level history of the entities the caller may see. */
  private async visibleHistory(
    identifier: string,
    fromDay: string,
    toDay: string,
    visibleOf: VisibleOf,
  ): Promise<ScorecardHistoryDay[]> {
    const changes = await this.options.store.levelChangesOf(
      identifier,
      Date.parse(toDay) + DAY,
    );
    const seen = await visibleOf([...new Set(changes.map(c => c.entityRef))]);
    const visible = changes.filter(c => seen.has(c.entityRef));
    const levelOf = new Map<string, string | null>();
    const days: ScorecardHistoryDay[] = [];
    let index = 0;
    for (let t = Date.parse(fromDay); dayOf(t) <= toDay; t += DAY) {
      // Every change up to the end of the day counts.
      while (index < visible.length && visible[index].at < t + DAY) {
        const change = visible[index++];
        levelOf.set(change.entityRef, change.level);
      }
      const distribution: LevelDistribution = {
        total: 0,
        levels: {},
        passing: {},
      };
      for (const level of levelOf.values()) {
        if (level === null) continue;
        distribution.total++;
        distribution.levels[level] = (distribution.levels[level] ?? 0) + 1;
      }
      if (distribution.total > 0) days.push({ day: dayOf(t), ...distribution });
    }
    return days;
  }

  /** Every campaign with its overall progress. */
  async campaigns(
    visibleOf?: VisibleOf,
    now = Date.now(),
  ): Promise<CampaignSummary[]> {
    const summaries: CampaignSummary[] = [];
    for (const registered of this.options.registry.campaigns()) {
      summaries.push(
        (await this.campaignProgress(registered, now, visibleOf)).summary,
      );
    }
    return summaries;
  }

  /** A campaign's progress overall, per team and per rule. */
  async campaign(
    identifier: string,
    visibleOf?: VisibleOf,
    now = Date.now(),
  ): Promise<CampaignDetailsResponse> {
    const registered = this.options.registry.campaign(identifier);
    if (!registered) throw new NotFoundError(`no campaign "${identifier}"`);
    const { summary, inScope } = await this.campaignProgress(
      registered,
      now,
      visibleOf,
    );
    const { campaign } = registered;
    const teams = new Map<string, { passing: number; total: number }>();
    for (const { results, passing } of inScope) {
      const owners = results[0].facets.teams.length
        ? results[0].facets.teams
        : [NO_GROUP];
      for (const team of owners) {
        const counts = teams.get(team) ?? { passing: 0, total: 0 };
        counts.total++;
        if (passing) counts.passing++;
        teams.set(team, counts);
      }
    }
    return {
      ...summary,
      teams: [...teams]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([team, c]) => ({ team, ...progressOf(c.passing, c.total) })),
      rules: campaign.rules.map(({ scorecard, rule }) => {
        const title = this.ruleTitle(scorecard, rule);
        let passing = 0;
        for (const { results } of inScope) {
          const result = results.find(r => r.scorecard === scorecard);
          if (result && passesRules(result, new Set([rule]))) passing++;
        }
        return { scorecard, rule, title, passing, total: inScope.length };
      }),
      failing: this.failingEntities(campaign.rules, inScope),
    };
  }

  /** A rule's title, or its identifier when it has none. */
  private ruleTitle(scorecard: string, rule: string): string {
    return (
      this.options.registry
        .get(scorecard)
        ?.scorecard.rules.find(r => r.identifier === rule)?.title ?? rule
    );
  }

  /** The entities in scope failing a campaign rule, by title, with those rules. */
  private failingEntities(
    rules: ReadonlyArray<{ scorecard: string; rule: string }>,
    inScope: ReadonlyArray<{ results: StoredResult[]; passing: boolean }>,
  ): CampaignFailingEntity[] {
    return inScope
      .filter(entity => !entity.passing)
      .map(({ results }) => ({
        entityRef: results[0].entityRef,
        title: results[0].facets.title,
        teams: results[0].facets.teams,
        rules: rules.flatMap(({ scorecard, rule }) => {
          const found = results
            .find(r => r.scorecard === scorecard)
            ?.rules.find(r => r.rule === rule);
          if (
            !found ||
            found.status === 'passed' ||
            found.status === 'exempt'
          ) {
            return [];
          }
          return [
            {
              scorecard,
              rule,
              title: this.ruleTitle(scorecard, rule),
              ...(found.reason ? { reason: found.reason } : {}),
            },
          ];
        }),
      }))
      .sort(
        (a, b) =>
          a.title.localeCompare(b.title, 'en-US') ||
          a.entityRef.localeCompare(b.entityRef),
      );
  }

  /**
   * The entities in a campaign's scope — those every scorecard it names
   * applies to — and whether each passes all its rules.
   */
  private async campaignProgress(
    registered: RegisteredCampaign,
    _now: number,
    visibleOf?: VisibleOf,
  ) {
    const { campaign } = registered;
    const rulesBy = new Map<string, Set<string>>();
    for (const { scorecard, rule } of campaign.rules) {
      const set = rulesBy.get(scorecard) ?? new Set<string>();
      set.add(rule);
      rulesBy.set(scorecard, set);
    }
    const byEntity = new Map<string, StoredResult[]>();
    for (const scorecard of rulesBy.keys()) {
      const results = await visibleResults(
        await this.options.store.resultsOf(scorecard),
        visibleOf,
      );
      for (const result of results) {
        const list = byEntity.get(result.entityRef) ?? [];
        list.push(result);
        byEntity.set(result.entityRef, list);
      }
    }
    const inScope = [...byEntity.values()]
      .filter(results => results.length === rulesBy.size)
      .map(results => ({
        results,
        passing: results.every(r => passesRules(r, rulesBy.get(r.scorecard)!)),
      }));
    const progress = progressOf(
      inScope.filter(e => e.passing).length,
      inScope.length,
    );
    const summary: CampaignSummary = {
      campaign,
      origin: registered.origin,
      progress,
      done: progress.total > 0 && progress.share >= (campaign.target ?? 1),
    };
    return { summary, inScope };
  }
}
