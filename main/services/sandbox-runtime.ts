import { startSandbox, type SandboxPair } from '../sandbox/sandbox-pair';

import type { SandboxEndpoints } from '../../shared/domain';
/**
 * The built-in Sandbox profile's suppliers: both simulators, started in-process on first use (so a desk that
 * never touches a supplier never opens a port) and stopped with the backend.
 */
export class SandboxRuntime {
  private pair: Promise<SandboxPair> | null = null;

  constructor(
    private readonly settings: {
      giftCardCount?: number;
      /** Simulators already running elsewhere (a test's parent process, which outlives a killed desk). */
      external?: SandboxEndpoints;
    } = {},
  ) {}

  async endpoints(): Promise<SandboxEndpoints> {
    if (this.settings.external) return this.settings.external;
    this.pair ??= startSandbox(
      this.settings.giftCardCount ? { ascenda: { giftCardCount: this.settings.giftCardCount } } : {},
    );
    try {
      const { urls } = await this.pair;
      return { ascenda: urls.ascenda, giftcardPartners: urls.gcp };
    } catch (error) {
      this.pair = null; // a failed start (port trouble) may be retried
      throw error;
    }
  }

  async stop(): Promise<void> {
    const pair = this.pair;
    this.pair = null;
    if (pair) await (await pair).stop();
  }
}
