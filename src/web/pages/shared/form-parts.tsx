// The pieces every account and management form is built from: a labelled field with its hint, a
// notice (role=status) and an error (role=alert) the page shows above the form.
import type { Child, FC } from 'hono/jsx';
import { minPasswordLength } from '../../auth/password.js';

interface FieldProps {
  id: string;
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  autofocus?: boolean;
  minlength?: number;
}

export const Field: FC<FieldProps> = ({ id, label, hint, type = 'text', ...input }) => (
  <div class="field">
    <label for={id}>{label}</label>
    <input
      id={id}
      type={type}
      aria-describedby={hint ? `${id}-hint` : undefined}
      maxlength={type === 'password' ? 1024 : 254}
      {...input}
    />
    {hint && (
      <p class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
  </div>
);

/** A new password and its confirmation, as setup and invitations ask for them. */
export const NewPasswordFields: FC<{ autofocus?: boolean }> = ({ autofocus }) => (
  <>
    <Field
      id="password"
      label="Password"
      name="password"
      type="password"
      autocomplete="new-password"
      hint={`At least ${minPasswordLength} characters.`}
      minlength={minPasswordLength}
      required
      {...(autofocus ? { autofocus: true } : {})}
    />
    <Field
      id="confirm"
      label="Password again"
      name="confirm"
      type="password"
      autocomplete="new-password"
      required
    />
  </>
);

export const ErrorNotice: FC<{ message: string | null | undefined }> = ({ message }) =>
  message ? (
    <p class="error-message" role="alert">
      {message}
    </p>
  ) : null;

export const Notice: FC<{ children?: Child }> = ({ children }) => (
  <div class="notice" role="status">
    {children}
  </div>
);
