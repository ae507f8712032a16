import { Entity } from '@backstage/catalog-model';
import {
  CampaignDetailsResponse,
  CampaignSummary,
  EntityScorecard,
  LevelDistribution,
  Scorecard,
  scorecardHeader,
  ScorecardHistoryDay,
  ScorecardListResponse,
  ScorecardResultRow,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';
import { DateTime } from 'luxon';
import { ScorecardsApi } from '../api/ScorecardsApi';

/*
 * Two scorecards over the Component blueprint: Port's default levels with a
 * rule of every status, and custom levels in CSS and Port colours.
 */

export const productionReadinessScorecard: Scorecard = {
  identifier: 'production-readiness',
  title: 'Production readiness',
  description: 'What a service needs before it takes traffic',
  blueprint: 'Component',
  rules: [
    {
      identifier: 'has-owner',
      title: 'Has an owner',
      level: 'Bronze',
      query: {
        combinator: 'and',
        conditions: [{ property: '$team', operator: 'isNotEmpty' }],
      },
    },
    {
      identifier: 'has-readme',
      title: 'Has a README',
      level: 'Bronze',
      query: {
        combinator: 'and',
        conditions: [{ property: 'readme', operator: 'isNotEmpty' }],
      },
    },
    {
      identifier: 'test-coverage',
      title: 'Test coverage ≥ 80%',
      description: 'Line coverage of the main branch',
      level: 'Silver',
      threshold: { property: 'coverage', operator: '>=', value: 80 },
    },
    {
      identifier: 'deploy-frequency',
      title: 'Deploys at least 5 times a week',
      level: 'Gold',
      threshold: { property: 'deployFrequency', operator: '>=', value: 5 },
    },
  ],
};

export const securityScorecard: Scorecard = {
  identifier: 'security',
  title: 'Security',
  blueprint: 'Component',
  levels: [
    { title: 'At risk', color: 'red' },
    { title: 'Secure', color: '#2e7d32' },
  ],
  rules: [
    {
      identifier: 'no-critical-cves',
      title: 'No critical CVEs',
      level: 'Secure',
      threshold: { property: 'criticalCves', operator: '<=', value: 0 },
    },
  ],
};

export const productionReadiness = scorecardHeader(
  productionReadinessScorecard,
);
export const security = scorecardHeader(securityScorecard);

export const scorecardList: ScorecardListResponse = {
  items: [
    {
      scorecard: productionReadinessScorecard,
      source: 'examples/plinth/scorecards/production-readiness.yaml',
      origin: 'file',
    },
    { scorecard: securityScorecard, source: 'api', origin: 'api' },
  ],
  problems: [
    {
      // Relative to the backend, as the backend reads it.
      source: '../../examples/plinth/scorecards/broken.yaml',
      pointer: '/rules/0/level',
      message: 'level "Platinum" is not a level of the scorecard',
    },
  ],
};

export const cartService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', title: 'Cart service' },
  spec: { type: 'service', owner: 'group:default/cart-team' },
};

export const cartServiceScorecards: EntityScorecard[] = [
  {
    scorecard: productionReadiness,
    level: 'Bronze',
    levelIndex: 1,
    evaluatedAt: '2026-11-27T10:00:00Z',
    rules: [
      {
        rule: 'has-owner',
        level: 'Bronze',
        status: 'passed',
        actual: 'cart-team',
      },
      {
        rule: 'has-readme',
        level: 'Bronze',
        status: 'exempt',
        actual: null,
        reason: '"readme" is empty',
        exemptUntil: '2027-01-31T23:59:59Z',
      },
      {
        rule: 'test-coverage',
        level: 'Silver',
        status: 'failed',
        actual: 62,
        reason: '"coverage" is 62; expected >= 80',
      },
      {
        rule: 'deploy-frequency',
        level: 'Gold',
        status: 'error',
        actual: 'weekly',
        reason:
          '"deployFrequency" is "weekly", not a number; the threshold expects >= 5',
      },
    ],
    history: [
      { level: 'Basic', levelIndex: 0, at: '2026-09-01T08:00:00Z' },
      { level: 'Bronze', levelIndex: 1, at: '2026-11-12T08:00:00Z' },
    ],
  },
  {
    scorecard: security,
    level: 'Secure',
    levelIndex: 1,
    evaluatedAt: '2026-11-27T10:00:00Z',
    rules: [
      {
        rule: 'no-critical-cves',
        level: 'Secure',
        status: 'passed',
        actual: 0,
      },
    ],
    history: [],
  },
];

export const resultRows: ScorecardResultRow[] = [
  {
    entityRef: 'component:default/cart-service',
    title: 'Cart service',
    teams: ['cart-team'],
    system: 'cart',
    domain: 'orders',
    level: 'Silver',
    levelIndex: 2,
    rules: {
      'has-owner': 'passed',
      'has-readme': 'passed',
      'test-coverage': 'passed',
      'deploy-frequency': 'failed',
    },
  },
  {
    entityRef: 'component:default/checkout-ui',
    title: 'Checkout UI',
    teams: ['cart-team', 'payments-team'],
    system: 'payments',
    domain: 'orders',
    level: 'Bronze',
    levelIndex: 1,
    rules: {
      'has-owner': 'passed',
      'has-readme': 'exempt',
      'test-coverage': 'failed',
      'deploy-frequency': 'error',
    },
  },
  {
    entityRef: 'component:default/payment-gateway',
    title: 'Payment gateway',
    teams: ['payments-team'],
    system: 'payments',
    domain: 'orders',
    level: 'Gold',
    levelIndex: 3,
    rules: {
      'has-owner': 'passed',
      'has-readme': 'passed',
      'test-coverage': 'passed',
      'deploy-frequency': 'passed',
    },
  },
  {
    entityRef: 'component:default/build-tools',
    title: 'Build tools',
    teams: ['platform-team'],
    level: 'Basic',
    levelIndex: 0,
    rules: {
      'has-owner': 'passed',
      'has-readme': 'failed',
      'test-coverage': 'failed',
      'deploy-frequency': 'failed',
    },
  },
];

/** The distribution of some result rows, as the backend sums it up. */
export function distributionOf(
  rows: ReadonlyArray<ScorecardResultRow>,
): LevelDistribution {
  const levels: Record<string, number> = {};
  const passing: Record<string, number> = {};
  for (const row of rows) {
    levels[row.level] = (levels[row.level] ?? 0) + 1;
    for (const [rule, status] of Object.entries(row.rules)) {
      if (status === 'passed' || status === 'exempt') {
        passing[rule] = (passing[rule] ?? 0) + 1;
      }
    }
  }
  return { total: rows.length, levels, passing };
}

/** The summary of the production readiness scorecard, grouped as asked. */
export function summaryOf(groupBy?: string): ScorecardSummaryResponse {
  const keyOf = (row: ScorecardResultRow): string[] => {
    if (groupBy === 'team') return row.teams;
    if (groupBy === 'system') return [row.system ?? '(no system)'];
    if (groupBy === 'domain') return [row.domain ?? '(no domain)'];
    return [];
  };
  const groups = new Map<string, ScorecardResultRow[]>();
  for (const row of resultRows) {
    for (const key of keyOf(row)) {
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
  }
  return {
    scorecard: productionReadiness,
    groupBy,
    overall: distributionOf(resultRows),
    groups: [...groups].map(([group, rows]) => ({
      group,
      ...distributionOf(rows),
    })),
  };
}

export const securitySummary: ScorecardSummaryResponse = {
  scorecard: security,
  overall: {
    total: 5,
    levels: { 'At risk': 2, Secure: 3 },
    passing: { 'no-critical-cves': 3 },
  },
  groups: [],
};

export const historyDays: ScorecardHistoryDay[] = [
  {
    day: '2026-11-25',
    total: 3,
    levels: { Basic: 2, Bronze: 1 },
    passing: { 'has-owner': 2, 'has-readme': 1 },
  },
  {
    day: '2026-11-26',
    ...distributionOf(resultRows),
  },
  {
    day: '2026-11-27',
    ...distributionOf(resultRows),
  },
];

/** A date `days` from today (UTC), as campaign deadlines are given. */
export function daysFromToday(days: number): string {
  return DateTime.utc().plus({ days }).toISODate()!;
}

export const coverageCampaign: CampaignSummary = {
  campaign: {
    identifier: 'coverage-2026',
    title: 'Test coverage to 80%',
    description: 'Every service covered before the freeze',
    deadline: daysFromToday(34),
    target: 0.8,
    rules: [{ scorecard: 'production-readiness', rule: 'test-coverage' }],
  },
  origin: 'config',
  progress: { passing: 2, total: 4, share: 0.5 },
  done: false,
};

export const ownersCampaign: CampaignSummary = {
  campaign: {
    identifier: 'owners',
    title: 'Every component owned',
    deadline: daysFromToday(-7),
    rules: [
      { scorecard: 'production-readiness', rule: 'has-owner' },
      { scorecard: 'production-readiness', rule: 'has-readme' },
    ],
  },
  origin: 'api',
  progress: { passing: 3, total: 4, share: 0.75 },
  done: false,
};

export const coverageCampaignDetails: CampaignDetailsResponse = {
  ...coverageCampaign,
  teams: [
    { team: 'cart-team', passing: 1, total: 2, share: 0.5 },
    { team: 'payments-team', passing: 2, total: 2, share: 1 },
    { team: 'platform-team', passing: 0, total: 1, share: 0 },
  ],
  rules: [
    {
      scorecard: 'production-readiness',
      rule: 'test-coverage',
      title: 'Test coverage ≥ 80%',
      passing: 2,
      total: 4,
    },
  ],
  failing: [
    {
      entityRef: 'component:default/legacy-billing',
      title: 'Legacy billing',
      teams: [],
      rules: [
        {
          scorecard: 'production-readiness',
          rule: 'test-coverage',
          title: 'Test coverage ≥ 80%',
          reason: 'coverage is 12, needs >= 80',
        },
      ],
    },
    {
      entityRef: 'component:default/search',
      title: 'Search',
      teams: ['platform-team'],
      rules: [
        {
          scorecard: 'production-readiness',
          rule: 'test-coverage',
          title: 'Test coverage ≥ 80%',
        },
      ],
    },
  ],
};

/** A fake of the scorecards backend, over the fixtures. */
export function fakeScorecardsApi(
  overrides: Partial<ScorecardsApi> = {},
): jest.Mocked<ScorecardsApi> {
  return {
    listScorecards: jest.fn(async () => scorecardList),
    getEntityScorecards: jest.fn(async () => ({
      entityRef: 'component:default/cart-service',
      items: cartServiceScorecards,
    })),
    getSummary: jest.fn(async (scorecard: string, options = {}) =>
      scorecard === 'security' ? securitySummary : summaryOf(options.groupBy),
    ),
    getResults: jest.fn(async () => ({
      scorecard: productionReadiness,
      items: resultRows,
    })),
    getHistory: jest.fn(async () => ({
      scorecard: productionReadiness,
      days: historyDays,
    })),
    evaluate: jest.fn(async () => ({
      scorecards: ['production-readiness'],
      entityRefs: 4,
    })),
    listExemptions: jest.fn(async () => ({ items: [] })),
    createExemption: jest.fn(async request => ({
      ...request,
      id: 'exemption-1',
      grantedBy: 'user:default/alice',
      createdAt: '2026-11-27T10:00:00Z',
    })),
    deleteExemption: jest.fn(async () => undefined),
    listCampaigns: jest.fn(async () => ({
      items: [coverageCampaign, ownersCampaign],
    })),
    getCampaign: jest.fn(async () => coverageCampaignDetails),
    ...overrides,
  } as jest.Mocked<ScorecardsApi>;
}
