import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import App from './App';
import '@backstage/ui/css/styles.css';
// After BUI's styles: BUI components in the Material UI theme's typography.
import './buiTheme.css';

ReactDOM.createRoot(document.getElementById('root')!).render(App.createRoot());
