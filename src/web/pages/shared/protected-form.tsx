// A state-changing form: always POST, always carrying the session's CSRF token (docs/security.md).
// Management pages build every form with it, so none can forget the token.
import type { Child, FC } from 'hono/jsx';
import { csrfField } from '../../auth/viewer.js';
import { useViewer } from './viewer-context.js';

interface ProtectedFormProps {
  action: string;
  class?: string;
  'aria-label'?: string;
  children?: Child;
}

export const ProtectedForm: FC<ProtectedFormProps> = ({ action, children, ...rest }) => {
  const viewer = useViewer();
  return (
    <form method="post" action={action} {...rest}>
      <input type="hidden" name={csrfField} value={viewer?.csrfToken ?? ''} />
      {children}
    </form>
  );
};
