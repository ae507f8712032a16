import { createRouteRef } from '@backstage/core-plugin-api';

/** The DORA dashboards, `/dora` where the app mounts them. */
export const rootRouteRef = createRouteRef({ id: 'dora' });
