import type { KeyboardEvent } from 'react';
import { SCREENS, type ScreenId } from '../screens/screen-list';

interface SidebarProps {
  current: ScreenId;
  onSelect(screen: ScreenId): void;
}

/** Screen navigation: Tab reaches it, arrow keys move between screens, Enter/Space opens one. */
export function Sidebar({ current, onSelect }: SidebarProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = SCREENS[(index + step + SCREENS.length) % SCREENS.length]!;
    const button = event.currentTarget
      .closest('ul')
      ?.querySelector<HTMLButtonElement>(`[data-screen="${next.id}"]`);
    button?.focus();
  };
  return (
    <nav className="sidebar" aria-label="Screens">
      <ul>
        {SCREENS.map((screen, index) => (
          <li key={screen.id}>
            <button
              type="button"
              data-screen={screen.id}
              aria-current={screen.id === current ? 'page' : undefined}
              onClick={() => onSelect(screen.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {screen.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
