import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import { EnvironmentTypesTab } from './EnvironmentTypesTab';
import { ExplainTab } from './ExplainTab';
import { ResourceDefinitionsTab } from './ResourceDefinitionsTab';
import { ResourceTypesTab } from './ResourceTypesTab';

const TABS = [
  {
    id: 'environment-types',
    label: 'Environment types',
    View: EnvironmentTypesTab,
  },
  {
    id: 'resource-definitions',
    label: 'Resource definitions',
    View: ResourceDefinitionsTab,
  },
  { id: 'resource-types', label: 'Resource types', View: ResourceTypesTab },
  { id: 'explain', label: 'Explain', View: ExplainTab },
] as const;

type TabId = (typeof TABS)[number]['id'];

/**
 * The platform orchestrator for platform engineers, as tabs: environment
 * types, resource definitions (criteria, inputs, users), resource types
 * (outputs, drivers), and explain (which definition a resource gets, and
 * why).
 */
export function OrchestratorPage() {
  const [tab, setTab] = useState<TabId>('environment-types');
  const { View } = TABS.find(t => t.id === tab)!;
  return (
    <>
      <Box mb={2}>
        <Tabs
          value={tab}
          onChange={(_, value: TabId) => setTab(value)}
          indicatorColor="primary"
          aria-label="Platform orchestrator"
        >
          {TABS.map(t => (
            <Tab key={t.id} value={t.id} label={t.label} />
          ))}
        </Tabs>
      </Box>
      <View />
    </>
  );
}
