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
  const name = form.name.trim();
  return drop({
    name:
      name === ''
        ? 'Give the project a name.'
        : name.length > MAX_NAME_LENGTH
          ? `Keep the name under ${MAX_NAME_LENGTH} characters.`
          : undefined,
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
  const name = form.name.trim();
  return drop({
    email: emailError(form.email),
    name:
      name === ''
        ? 'Enter the person’s name.'
        : name.length > MAX_NAME_LENGTH
          ? `Keep the name under ${MAX_NAME_LENGTH} characters.`
          : undefined,
    password:
      form.password.length < MIN_PASSWORD_LENGTH
        ? `Use at least ${MIN_PASSWORD_LENGTH} characters (${form.password.length} so far).`
        : undefined,
    role: isGlobalRole(form.role) ? undefined : 'Choose a role.',
  });
}
