import type { Backend } from '../../main/services/backend';

/**
 * Calls a channel through the backend's router as the bridge does, and returns its value; a refusal throws with
 * the envelope's code on the error, for `rejects.toMatchObject({ code })`.
 */
export async function deskCall<T>(backend: Backend, channel: string, input?: unknown): Promise<T> {
  const reply = await backend.router.dispatch(channel, input, { transport: 'bridge' });
  if (!reply.ok)
    throw Object.assign(new Error(`${reply.error.code}: ${reply.error.message}`), {
      code: reply.error.code,
      details: reply.error.details,
    });
  return reply.value as T;
}
