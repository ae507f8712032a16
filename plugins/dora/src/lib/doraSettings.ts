import { HISTORY_WINDOWS, HistoryWindowDays } from './window';

/** The dashboards of the DORA page: for developers, managers, executives. */
export const DORA_PRESETS = ['developer', 'manager', 'executive'] as const;

/** One of {@link DORA_PRESETS}. */
export type DoraPreset = (typeof DORA_PRESETS)[number];

/** The storage bucket the DORA page remembers its settings in. */
export const DORA_STORAGE_NAMESPACE = 'plinth.dora';

/** The key of the settings in {@link DORA_STORAGE_NAMESPACE}. */
export const DORA_SETTINGS_KEY = 'settings';

/** What the DORA page shows: a preset and its filters. */
export interface DoraSettings {
  preset: DoraPreset;
  windowDays: HistoryWindowDays;
  environment: string;
  /** A team's entity ref, or empty for every team (of mine). */
  team: string;
  /** A domain's entity ref, or empty for every domain. */
  domain: string;
}

/** The settings of a first visit. */
export const DEFAULT_DORA_SETTINGS: DoraSettings = {
  preset: 'developer',
  windowDays: 90,
  environment: 'production',
  team: '',
  domain: '',
};

/**
 * Settings read back from storage: each field kept when valid, the default
 * otherwise (storage may hold anything, e.g. an older version's settings).
 */
export function parseDoraSettings(stored: unknown): DoraSettings {
  const value =
    stored && typeof stored === 'object'
      ? (stored as Record<string, unknown>)
      : {};
  const text = (v: unknown, fallback: string) =>
    typeof v === 'string' ? v : fallback;
  return {
    preset: DORA_PRESETS.includes(value.preset as DoraPreset)
      ? (value.preset as DoraPreset)
      : DEFAULT_DORA_SETTINGS.preset,
    windowDays: HISTORY_WINDOWS.includes(value.windowDays as HistoryWindowDays)
      ? (value.windowDays as HistoryWindowDays)
      : DEFAULT_DORA_SETTINGS.windowDays,
    environment:
      text(value.environment, '').trim() || DEFAULT_DORA_SETTINGS.environment,
    team: text(value.team, DEFAULT_DORA_SETTINGS.team),
    domain: text(value.domain, DEFAULT_DORA_SETTINGS.domain),
  };
}

/** The teams among ownership refs: the names of the `group:` ones. */
export function teamsOf(ownershipEntityRefs: ReadonlyArray<string>): string[] {
  // DORA groups by team name, as the catalog's owners are named.
  return ownershipEntityRefs
    .filter(ref => ref.toLocaleLowerCase('en-US').startsWith('group:'))
    .map(ref => ref.slice(ref.indexOf('/') + 1));
}
