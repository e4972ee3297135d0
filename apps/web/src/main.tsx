import './mantine.css';
import '@mantine/notifications/styles.css';
import '@mantine/dropzone/styles.css';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createAppRouter } from './App';

// The first draw as a transition: React then draws the app in slices, handing the browser back
// its main thread every few milliseconds, instead of in one task that on a phone held it for
// hundreds of milliseconds (Lighthouse's Total Blocking Time: 205 -> 77 ms on the login page,
// 494 -> 239 ms on the audits list, README). Nothing is shown before the app anyway.
// The router is made in a task of its own, after this script's (see createAppRouter).
const root = createRoot(document.getElementById('root')!);
setTimeout(() => {
  const router = createAppRouter();
  startTransition(() =>
    root.render(
      <StrictMode>
        <App router={router} />
      </StrictMode>,
    ),
  );
});
