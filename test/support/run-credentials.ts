import { randomBytes } from 'node:crypto';

/** Credentials for a supplier pair standing in for UAT that only this run knows (the leak scans look for them). */
export function runCredentials(prefix: string) {
  return {
    clientId: `${prefix}-client-${randomBytes(4).toString('hex')}`,
    clientSecret: `${prefix}-secret-${randomBytes(16).toString('base64url')}`,
    email: `desk-${randomBytes(4).toString('hex')}@partner.example`,
    accessToken: `${prefix}-access-${randomBytes(16).toString('base64url')}`,
  };
}
