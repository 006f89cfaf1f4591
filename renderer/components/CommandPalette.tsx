import { useId, useState, type KeyboardEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { SCREENS, type ScreenId } from '../screens/screen-list';

interface CommandPaletteProps {
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  onLookup(query: string): void;
  onScreen(screen: ScreenId): void;
}

type Command = { id: string; label: string; hint?: string; run(): void };

/** Ctrl/Cmd+K from anywhere: type a reference and press Enter to look it up, or pick a screen. */
export function CommandPalette({ isOpen, onOpenChange, onLookup, onScreen }: CommandPaletteProps) {
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable
      className="modal-overlay palette-overlay"
    >
      <Modal className="modal palette">
        <Dialog className="dialog" aria-label="Command palette">
          {({ close }) => (
            <PaletteBody
              onRun={(run) => {
                close();
                run();
              }}
              onLookup={onLookup}
              onScreen={onScreen}
            />
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function PaletteBody({
  onRun,
  onLookup,
  onScreen,
}: {
  onRun(run: () => void): void;
  onLookup(query: string): void;
  onScreen(screen: ScreenId): void;
}) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const needle = text.trim();
  const words = needle.toLowerCase().replace(/^go to\s+/, '');
  // The palette filters its own commands; text that names one runs that command, never a look-up of it.
  const screens = SCREENS.filter((s) => s.label.toLowerCase().includes(words)).map((s) => ({
    id: s.id,
    label: `Go to ${s.label}`,
    run: () => onScreen(s.id),
  }));
  const namesCommand = SCREENS.some((s) => s.label.toLowerCase() === words);
  const commands: Command[] = [
    ...screens,
    ...(needle.length >= 2 && !namesCommand
      ? [
          {
            id: 'lookup',
            label: `Look up “${needle}”`,
            hint: 'reference, PONumber, order id or email',
            run: () => onLookup(needle),
          },
        ]
      : []),
  ];
  const current = Math.min(active, commands.length - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + commands.length) % commands.length);
    } else if (event.key === 'Enter' && commands[current]) {
      event.preventDefault();
      onRun(commands[current].run);
    }
  };
  return (
    <>
      <Heading slot="title" className="palette-title">
        Look up an order or go to a screen
      </Heading>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Reference, PONumber, order id, email or screen
      </label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={commands[current] ? `${id}-${commands[current].id}` : undefined}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder="Reference, PONumber, order id, email or screen"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Commands" className="palette-list">
        {commands.map((command, i) => (
          <li
            key={command.id}
            id={`${id}-${command.id}`}
            role="option"
            aria-selected={i === current}
            onClick={() => onRun(command.run)}
            onMouseMove={() => setActive(i)}
          >
            {command.label}
            {command.hint && <span className="hint"> — {command.hint}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
