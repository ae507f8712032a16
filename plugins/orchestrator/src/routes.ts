import { createRouteRef } from '@backstage/core-plugin-api';

/** The platform orchestrator's admin page, `/orchestrator` where the app mounts it. */
export const rootRouteRef = createRouteRef({ id: 'orchestrator' });
