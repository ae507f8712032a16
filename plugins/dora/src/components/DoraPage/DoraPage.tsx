import { storageApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  DORA_PRESETS,
  DORA_SETTINGS_KEY,
  DORA_STORAGE_NAMESPACE,
  DoraPreset,
  DoraSettings,
  parseDoraSettings,
} from '../../lib/doraSettings';
import { DeveloperView } from './DeveloperView';
import { DoraFilters } from './DoraFilters';
import { ExecutiveView } from './ExecutiveView';
import { ManagerView } from './ManagerView';
import { baseQuery } from './query';

const PRESET_LABELS: Record<DoraPreset, string> = {
  developer: 'Developer',
  manager: 'Manager',
  executive: 'Executive',
};

/**
 * The DORA dashboards: Developer (my services, recent deployments and
 * failures), Manager (my teams, weekly trends, worst offenders) and
 * Executive (organisation, domains, tiers over time), with a window,
 * environment, team and domain filter. The chosen preset and filters are
 * remembered in the `plinth.dora` storage bucket.
 */
export function DoraPage() {
  const storageApi = useApi(storageApiRef);
  const bucket = useMemo(
    () => storageApi.forBucket(DORA_STORAGE_NAMESPACE),
    [storageApi],
  );
  const [settings, setSettings] = useState<DoraSettings>(() =>
    parseDoraSettings(bucket.snapshot(DORA_SETTINGS_KEY).value),
  );
  // Stored settings may arrive after the first render (user settings are
  // read from the backend): take them, unless the user has chosen already.
  const chosen = useRef(false);
  useEffect(() => {
    const subscription = bucket
      .observe$(DORA_SETTINGS_KEY)
      .subscribe(snapshot => {
        if (!chosen.current && snapshot.presence === 'present') {
          setSettings(parseDoraSettings(snapshot.value));
        }
      });
    return () => subscription.unsubscribe();
  }, [bucket]);
  const update = useCallback(
    (patch: Partial<DoraSettings>) => {
      chosen.current = true;
      const next = { ...settings, ...patch };
      setSettings(next);
      bucket.set(DORA_SETTINGS_KEY, next).catch(() => {
        // Not remembered: the page still shows what was chosen.
      });
    },
    [bucket, settings],
  );
  const query = useMemo(
    () => baseQuery(settings),
    // The window ends when the settings change, not at every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settings.windowDays, settings.environment, settings.domain],
  );

  const View = {
    developer: DeveloperView,
    manager: ManagerView,
    executive: ExecutiveView,
  }[settings.preset];
  return (
    <>
      <Box mb={2}>
        <Tabs
          value={settings.preset}
          onChange={(_, preset: DoraPreset) => update({ preset })}
          indicatorColor="primary"
          aria-label="DORA dashboards"
        >
          {DORA_PRESETS.map(preset => (
            <Tab key={preset} value={preset} label={PRESET_LABELS[preset]} />
          ))}
        </Tabs>
      </Box>
      <DoraFilters settings={settings} onChange={update} />
      <View query={query} team={settings.team} />
    </>
  );
}
