// Checks a form before it is sent. The server validates again and has the last word; these
// checks only spare a round trip and put the message next to the field while the person is
// still looking at it.

import type { GlobalRole } from '../api/types';
import { GLOBAL_ROLES } from '../api/types';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;

/** A message per field that has a problem; no key means the field is fine. */
export type FormErrors<F extends string> = Partial<Record<F, string>>;

export function hasErrors<F extends string>(errors: FormErrors<F>): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

/** The first field, in the order they are shown, that has a problem; where focus should go. */
export function firstInvalid<F extends string>(
  order: readonly F[],
  errors: FormErrors<F>,
): F | undefined {
  return order.find((field) => errors[field] !== undefined);
}

/**
 * Deliberately loose: one @, something before it, a dot in the domain, no spaces.
 * The server decides what it accepts; this catches typos such as a missing @.
 */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

function emailError(email: string): string | undefined {
  if (email.trim() === '') return 'Enter an email address.';
  if (!isEmail(email)) return 'Enter an email address like name@example.org.';
  return undefined;
}

/** The policy for a new password: length is what makes it strong (NIST SP 800-63B). */
function newPasswordError(password: string): string | undefined {
  return password.length < MIN_PASSWORD_LENGTH
    ? `Use at least ${MIN_PASSWORD_LENGTH} characters (${password.length} so far).`
    : undefined;
}

function nameError(name: string, missing: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return missing;
  if (trimmed.length > MAX_NAME_LENGTH) return `Keep the name under ${MAX_NAME_LENGTH} characters.`;
  return undefined;
}

function drop<F extends string>(errors: Record<F, string | undefined>): FormErrors<F> {
  const kept: FormErrors<F> = {};
  for (const key of Object.keys(errors) as F[]) {
    const message = errors[key];
    if (message !== undefined) kept[key] = message;
  }
  return kept;
}

export interface LoginForm {
  readonly email: string;
  readonly password: string;
}

/** Sign-in checks presence only: the password policy applies to new passwords, not to old ones. */
export function validateLogin(form: LoginForm): FormErrors<keyof LoginForm> {
  return drop({
    email: emailError(form.email),
    password: form.password === '' ? 'Enter your password.' : undefined,
  });
}

export interface ProjectForm {
  readonly name: string;
  readonly description: string;
}

export function validateProject(form: ProjectForm): FormErrors<keyof ProjectForm> {
  return drop({
    name: nameError(form.name, 'Give the project a name.'),
    description:
      form.description.length > MAX_DESCRIPTION_LENGTH
        ? `Keep the description under ${MAX_DESCRIPTION_LENGTH} characters.`
        : undefined,
  });
}

export interface UserForm {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: string;
}

export function isGlobalRole(value: string): value is GlobalRole {
  return (GLOBAL_ROLES as readonly string[]).includes(value);
}

export function validateUser(form: UserForm): FormErrors<keyof UserForm> {
  return drop({
    email: emailError(form.email),
    name: nameError(form.name, 'Enter the person’s name.'),
    password: newPasswordError(form.password),
    role: isGlobalRole(form.role) ? undefined : 'Choose a role.',
  });
}

export interface PasswordChangeForm {
  readonly currentPassword: string;
  readonly newPassword: string;
  /** The new password typed a second time: a typo here would lock the person out. */
  readonly confirmPassword: string;
}

export function validatePasswordChange(
  form: PasswordChangeForm,
): FormErrors<keyof PasswordChangeForm> {
  return drop({
    currentPassword: form.currentPassword === '' ? 'Enter your current password.' : undefined,
    newPassword:
      newPasswordError(form.newPassword) ??
      (form.newPassword === form.currentPassword
        ? 'Choose a password different from your current one.'
        : undefined),
    confirmPassword:
      form.confirmPassword === ''
        ? 'Type the new password again.'
        : form.confirmPassword !== form.newPassword
          ? 'Does not match the new password.'
          : undefined,
  });
}
