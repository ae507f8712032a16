import {
  DoraMetrics,
  DoraTier,
  DoraTierThresholds,
} from '@plinth/plugin-dora-common';

/** The DORA tiers, best first. */
export const DORA_TIERS: ReadonlyArray<DoraTier> = [
  'elite',
  'high',
  'medium',
  'low',
];

/** The colour of each tier: elite green, high light green, medium orange, low red. */
const TIER_COLORS: Record<DoraTier, string> = {
  elite: '#2e7d32',
  high: '#8bd17c',
  medium: '#e07a1f',
  low: '#c92a2a',
};

/** The colour of a metric with no tier (nothing measured). */
export const NO_TIER_COLOR = '#9e9e9e';

/** The CSS colour of a tier; grey for none. */
export function tierColor(tier: DoraTier | null | undefined): string {
  return tier ? TIER_COLORS[tier] : NO_TIER_COLOR;
}

/** `Elite`, `High`, `Medium`, `Low`, or `No data`. */
export function tierLabel(tier: DoraTier | null | undefined): string {
  return tier ? tier[0].toLocaleUpperCase('en-US') + tier.slice(1) : 'No data';
}

/** A tier's rank, 0 for elite to 3 for low; 4 for none. */
export function tierRank(tier: DoraTier | null | undefined): number {
  return tier ? DORA_TIERS.indexOf(tier) : DORA_TIERS.length;
}

/**
 * How bad a set of metrics is: the sum of the ranks of its measured tiers,
 * higher is worse. Used to find the worst offenders.
 */
export function badness(metrics: DoraMetrics): number {
  return Object.values(metrics.tiers)
    .filter((tier): tier is DoraTier => tier !== null)
    .reduce((sum, tier) => sum + tierRank(tier), 0);
}

/** The five keys, in the order the DORA reports show them. */
export type DoraKey = keyof DoraMetrics['tiers'];

/** One of the five keys: its name, and how to read its value. */
export interface DoraKeyInfo {
  key: DoraKey;
  title: string;
  /** The metric's value as words, `—` when nothing was measured. */
  format(metrics: DoraMetrics): string;
  /** The number a sparkline draws; null when nothing was measured. */
  value(metrics: DoraMetrics): number | null;
  /** The tier bounds the key is judged by (`plinth.dora.tiers`). */
  bounds: keyof DoraTierThresholds;
  /** What a chart's value axis counts: `deployments/day`, `hours`, `%`. */
  unit: string;
  /** The factor from {@link DoraKeyInfo.value} to the axis unit (100 for rates). */
  scale: number;
}

/** `12.5`, `3`, `0.25`: at most two decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `42%`, of a rate from 0 to 1. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 1000) / 10}%`;
}

/** `30 min`, `5.5 h`, `3.2 d`: a number of hours, readable. */
export function formatHours(value: number | null): string {
  if (value === null) {
    return '—';
  }
  if (value < 1) {
    return `${Math.round(value * 60)} min`;
  }
  if (value < 48) {
    return `${formatNumber(value)} h`;
  }
  return `${formatNumber(value / 24)} d`;
}

/** The five keys, with their titles and formats. */
export const DORA_KEYS: ReadonlyArray<DoraKeyInfo> = [
  {
    key: 'deploymentsPerDay',
    bounds: 'deploymentsPerDay',
    unit: 'deployments/day',
    scale: 1,
    title: 'Deployment frequency',
    format: m =>
      `${formatNumber(m.deploymentsPerDay)}/day · ${
        m.deploymentDays
      } deployment day${m.deploymentDays === 1 ? '' : 's'}`,
    value: m => m.deploymentsPerDay,
  },
  {
    key: 'leadTimeHoursMedian',
    bounds: 'leadTimeHours',
    unit: 'hours',
    scale: 1,
    title: 'Lead time for changes',
    format: m =>
      m.leadTimeHoursMedian === null
        ? '—'
        : `median ${formatHours(m.leadTimeHoursMedian)} · p90 ${formatHours(
            m.leadTimeHoursP90,
          )}`,
    value: m => m.leadTimeHoursMedian,
  },
  {
    key: 'changeFailureRate',
    bounds: 'changeFailureRate',
    unit: '% of deployments',
    scale: 100,
    title: 'Change failure rate',
    format: m => formatPercent(m.changeFailureRate),
    value: m => m.changeFailureRate,
  },
  {
    key: 'recoveryHoursMedian',
    bounds: 'recoveryHours',
    unit: 'hours',
    scale: 1,
    title: 'Failed deployment recovery time',
    format: m =>
      m.recoveryHoursMedian === null
        ? '—'
        : `median ${formatHours(m.recoveryHoursMedian)}`,
    value: m => m.recoveryHoursMedian,
  },
  {
    key: 'reworkRate',
    bounds: 'reworkRate',
    unit: '% of deployments',
    scale: 100,
    title: 'Rework rate',
    format: m => formatPercent(m.reworkRate),
    value: m => m.reworkRate,
  },
];
