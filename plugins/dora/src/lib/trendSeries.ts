import { DoraTrendsReport } from '@plinth/plugin-dora-common';
import { DoraKeyInfo } from './doraTiers';

/** A trend of one key as a chart draws it: a row per bucket, a series per group. */
export interface TrendSeries {
  /** The series' names, one per group, in the groups' order. */
  names: string[];
  /** A row per bucket: its label, and each series' value in the key's unit (null when nothing was measured). */
  rows: Array<Record<string, string | number | null>>;
}

/**
 * One key of a trends report as chart series: each group named by
 * `nameOf` (a title, not a ref), each bucket labelled by `labelOf`, each
 * value in the key's chart unit (percent for rates). Buckets where nothing
 * was measured stay null: a chart joins the measured ones across them.
 */
export function trendSeries(
  trends: DoraTrendsReport,
  info: Pick<DoraKeyInfo, 'value' | 'scale'>,
  nameOf: (key: string | null) => string,
  labelOf: (start: string) => string,
): TrendSeries {
  const names = trends.groups.map(group => nameOf(group.key));
  const length = trends.groups[0]?.buckets.length ?? 0;
  const rows = Array.from({ length }, (_, i) => {
    const row: Record<string, string | number | null> = {
      bucket: labelOf(trends.groups[0].buckets[i].start),
    };
    trends.groups.forEach((group, g) => {
      const value = info.value(group.buckets[i].metrics);
      row[names[g]] =
        value === null ? null : Math.round(value * info.scale * 1000) / 1000;
    });
    return row;
  });
  return { names, rows };
}
