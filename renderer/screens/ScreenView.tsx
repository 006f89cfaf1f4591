import type { ComponentType } from 'react';
import { BalanceScreen } from './balance/BalanceScreen';
import { CatalogueScreen } from './catalogue/CatalogueScreen';
import { FailuresScreen } from './failures/FailuresScreen';
import { HistoryScreen } from './history/HistoryScreen';
import { LookupScreen } from './lookup/LookupScreen';
import { PlaceOrderScreen } from './place-order/PlaceOrderScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import type { ScreenId } from './screen-list';

const SCREEN_COMPONENTS: Record<ScreenId, ComponentType> = {
  catalogue: CatalogueScreen,
  'place-order': PlaceOrderScreen,
  lookup: LookupScreen,
  failures: FailuresScreen,
  balance: BalanceScreen,
  history: HistoryScreen,
  settings: SettingsScreen,
};

/** The body of the current screen. */
export function ScreenView({ screen }: { screen: ScreenId }) {
  const Screen = SCREEN_COMPONENTS[screen];
  return <Screen />;
}
