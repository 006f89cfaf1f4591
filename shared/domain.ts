/** Domain types shared by main and renderer. Supplier wire shapes never appear here. */

export type Environment = 'sandbox' | 'uat' | 'production';

export interface Profile {
  id: string;
  name: string;
  environment: Environment;
  builtIn: boolean;
}

export type Transport = 'electron' | 'bridge';

/** Base URLs of the local supplier simulators behind the Sandbox profile. */
export interface SandboxEndpoints {
  ascenda: string;
  giftcardPartners: string;
}

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  activeProfile: Profile;
  transport: Transport;
}
