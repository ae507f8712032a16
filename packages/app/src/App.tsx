import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { blueprintsCatalogGraphModule } from '@plinth/plugin-blueprints';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

export default createApp({
  // The blueprints plugin itself is discovered (app.packages: all); its
  // catalog graph module is added here, as it replaces the catalog graph's API.
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    blueprintsCatalogGraphModule,
  ],
});
