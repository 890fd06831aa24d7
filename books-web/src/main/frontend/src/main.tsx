import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AuthProvider } from './auth/AuthContext';
import { loadAppConfig } from './auth/config';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

// The sign-in settings come from the server at start (one bundle for every issuer, no inline script).
const config = await loadAppConfig();

createRoot(root).render(
  <StrictMode>
    <AuthProvider signIn={config.signIn}>
      <App />
    </AuthProvider>
  </StrictMode>,
);
