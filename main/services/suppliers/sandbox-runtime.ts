import type { Profile, SandboxEndpoints } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { SANDBOX_SECRETS, startSandbox, type SandboxPair } from '../../sandbox/sandbox-pair';
import type { SandboxVariant } from '../../sandbox/variants';

export interface SandboxRuntimeSettings {
  /** How many gift cards the Ascenda simulator lists (load testing). */
  giftCardCount?: number;
  /** Simulators answering another way on one INFERRED detail (the probe's `--sandbox --variant`). */
  variant?: SandboxVariant;
  /** Simulators already running elsewhere (a test's parent process, which outlives a killed desk). */
  external?: SandboxEndpoints;
}

/** The simulators' built-in credentials, by secret field (the Sandbox profile stores none in the keychain). */
export const SANDBOX_CREDENTIALS = SANDBOX_SECRETS;

/**
 * The built-in Sandbox profile's suppliers (the only service that starts the simulators): both simulators, started in-process on first use (so a desk that
 * never touches a supplier never opens a port) and stopped with the backend.
 */
export class SandboxRuntime {
  private pair: Promise<SandboxPair> | null = null;

  constructor(private readonly settings: SandboxRuntimeSettings = {}) {}

  async endpoints(): Promise<SandboxEndpoints> {
    if (this.settings.external) return this.settings.external;
    const { giftCardCount, variant } = this.settings;
    this.pair ??= startSandbox({
      ascenda: { ...variant?.ascenda, ...(giftCardCount ? { giftCardCount } : {}) },
      gcp: variant?.gcp,
    });
    try {
      const { urls } = await this.pair;
      return { ascenda: urls.ascenda, gcp: urls.gcp };
    } catch (error) {
      this.pair = null; // a failed start (port trouble) may be retried
      throw error;
    }
  }

  /** The simulators' URLs for a profile, which must be the Sandbox (no other profile has local simulators). */
  endpointsFor(profile: Profile): Promise<SandboxEndpoints> {
    if (profile.environment !== 'sandbox')
      throw new AppError('NOT_FOUND', 'The active profile is not the Sandbox; it has no local simulators.');
    return this.endpoints();
  }

  async stop(): Promise<void> {
    const pair = this.pair;
    this.pair = null;
    if (pair) await (await pair).stop();
  }
}
