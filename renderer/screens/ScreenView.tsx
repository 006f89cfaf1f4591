import { CatalogueScreen } from './catalogue/CatalogueScreen';
import { FailuresScreen } from './failures/FailuresScreen';
import { HistoryScreen } from './history/HistoryScreen';
import { LookupScreen } from './lookup/LookupScreen';
import { PlaceOrderScreen } from './place-order/PlaceOrderScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { SCREENS, type ScreenId } from './screen-list';

/** The body of the current screen; screens not built yet say so plainly. */
export function ScreenView({ screen }: { screen: ScreenId }) {
  if (screen === 'settings') return <SettingsScreen />;
  if (screen === 'history') return <HistoryScreen />;
  if (screen === 'place-order') return <PlaceOrderScreen />;
  if (screen === 'lookup') return <LookupScreen />;
  if (screen === 'failures') return <FailuresScreen />;
  if (screen === 'catalogue') return <CatalogueScreen />;
  const meta = SCREENS.find((s) => s.id === screen)!;
  return (
    <section className="screen" aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        {meta.label}
      </h1>
      <p className="screen-purpose">{meta.purpose}</p>
      <p className="screen-pending">This screen is not built yet in this version of the desk.</p>
    </section>
  );
}
