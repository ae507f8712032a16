import { createApp } from '@backstage/frontend-defaults';
import ReactDOM from 'react-dom/client';
import orchestratorPlugin from '../src';

// `npm start` in this folder: the plugin alone, against a backend on
// http://localhost:7007 (see app-config.yaml at the repository root).
const app = createApp({
  features: [orchestratorPlugin],
});

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
