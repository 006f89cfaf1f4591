import { backoff } from '../time/backoff';

export interface WebhookPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  timeoutMs: number;
}

export interface WebhookDelivery {
  attempt: number;
  status: number | 'error';
  payload: unknown;
}

/**
 * POSTs a webhook and re-sends it with exponentially growing waits until the receiver answers 200 or the
 * attempts run out. Every attempt is recorded in `log`. `isLive` stops retries once the simulator is stopped.
 */
export async function deliverWebhook(options: {
  url: string;
  payload: unknown;
  headers: Record<string, string>;
  policy: WebhookPolicy;
  log: WebhookDelivery[];
  isLive: () => boolean;
  attempt?: number;
}): Promise<void> {
  const attempt = options.attempt ?? 1;
  let status: number | 'error';
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...options.headers },
      body: JSON.stringify(options.payload),
      signal: AbortSignal.timeout(options.policy.timeoutMs),
    });
    status = response.status;
  } catch {
    status = 'error';
  }
  options.log.push({ attempt, status, payload: options.payload });
  if (status !== 200 && attempt < options.policy.maxAttempts && options.isLive()) {
    const wait = backoff(options.policy.baseDelayMs, attempt - 1, undefined, null);
    setTimeout(() => void deliverWebhook({ ...options, attempt: attempt + 1 }), wait).unref();
  }
}
