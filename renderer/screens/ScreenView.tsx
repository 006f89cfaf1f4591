import type { ComponentType } from 'react';
import { AuditScreen } from './audit/AuditScreen';
import { BalanceScreen } from './balance/BalanceScreen';
import { BulkScreen } from './bulk/BulkScreen';
import { CatalogueScreen } from './catalogue/CatalogueScreen';
import { FailuresScreen } from './failures/FailuresScreen';
import { HistoryScreen } from './history/HistoryScreen';
import { LookupScreen } from './lookup/LookupScreen';
import { MemberScreen } from './member/MemberScreen';
import { QueuesScreen } from './queues/QueuesScreen';
import { ReconciliationScreen } from './reconciliation/ReconciliationScreen';
import { RefundsScreen } from './refunds/RefundsScreen';
import { PlaceOrderScreen } from './place-order/PlaceOrderScreen';
import { ScreenBoundary } from './ScreenBoundary';
import { SettingsScreen } from './settings/SettingsScreen';
import { SCREENS, type ScreenId } from './screen-list';

const SCREEN_COMPONENTS: Record<ScreenId, ComponentType> = {
  catalogue: CatalogueScreen,
  'place-order': PlaceOrderScreen,
  lookup: LookupScreen,
  queues: QueuesScreen,
  member: MemberScreen,
  refunds: RefundsScreen,
  failures: FailuresScreen,
  bulk: BulkScreen,
  balance: BalanceScreen,
  history: HistoryScreen,
  reconciliation: ReconciliationScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
};

/** The body of the current screen, inside its own error boundary (keyed by screen: another screen starts clean). */
export function ScreenView({ screen }: { screen: ScreenId }) {
  const Screen = SCREEN_COMPONENTS[screen];
  const label = SCREENS.find((s) => s.id === screen)!.label;
  return (
    <ScreenBoundary key={screen} label={label}>
      <Screen />
    </ScreenBoundary>
  );
}
