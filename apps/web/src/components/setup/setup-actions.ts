// The Setup tab's add and import actions can be asked for in the address
// (/audits/:id/setup?action=import-requests), so the empty grid's buttons open them directly.
import { useSearchParams } from 'react-router';

export type SetupAction = 'add-subject' | 'import-subjects' | 'add-request' | 'import-requests';

export const setupActionPath = (auditId: string, action: SetupAction) => `/audits/${auditId}/setup?action=${action}`;

/** Whether the address asks for `action`, and how to forget it once its dialog closes. */
export function useSetupAction(action: SetupAction): [boolean, () => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('action') === action;
  const done = () => {
    if (!asked) return;
    const next = new URLSearchParams(params);
    next.delete('action');
    setParams(next, { replace: true });
  };
  return [asked, done];
}
