import { z } from 'zod';
import type { Supplier } from './domain';

/** The credentials a profile can hold. Nothing else is ever written to the keychain. */
export const SECRET_FIELDS = [
  'ascenda.clientId',
  'ascenda.clientSecret',
  'gcp.email',
  'gcp.accessToken',
] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export const SECRET_FIELD_INFO: Record<
  SecretField,
  { supplier: Supplier; label: string; concealed: boolean }
> = {
  'ascenda.clientId': { supplier: 'ascenda', label: 'Client id', concealed: false },
  'ascenda.clientSecret': { supplier: 'ascenda', label: 'Client secret', concealed: true },
  'gcp.email': { supplier: 'gcp', label: 'API email', concealed: false },
  'gcp.accessToken': { supplier: 'gcp', label: 'Access token', concealed: true },
};

export const secretFieldSchema = z.enum(SECRET_FIELDS, { error: 'Unknown credential field' });

/** Leading and trailing whitespace is never part of a credential (it comes from copy and paste). */
export const secretValueSchema = z
  .string({ error: 'A credential is text' })
  .trim()
  .min(1, 'A credential cannot be empty')
  .max(4096, 'A credential is at most 4096 characters')
  .refine(
    (v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
    'A credential cannot contain control characters',
  );

/** Which credentials of a profile are set. Values never travel to the renderer. */
export interface SecretStatus {
  profileId: string;
  /** The Sandbox profile uses the simulators' built-in credentials and stores none. */
  builtIn: boolean;
  fields: Record<SecretField, boolean>;
}
