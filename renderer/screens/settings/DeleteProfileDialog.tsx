import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { Profile } from '../../../shared/domain';
import type { Envelope } from '../../../shared/envelope';

interface DeleteProfileDialogProps {
  profile: Profile;
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  onConfirm(): Promise<Envelope<{ secretsCleared: number }>>;
}

/** Deleting also removes the profile's credentials from the keychain, so it asks first. */
export function DeleteProfileDialog({ profile, isOpen, onOpenChange, onConfirm }: DeleteProfileDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title">Delete “{profile.name}”?</Heading>
              <p>Its credentials are removed from the OS keychain. This cannot be undone.</p>
              {error && (
                <p className="form-error" role="alert">
                  {error}
                </p>
              )}
              <div className="dialog-actions">
                <Button slot="close" className="button" autoFocus>
                  Keep profile
                </Button>
                <Button
                  className="button button-danger"
                  isDisabled={busy}
                  onPress={async () => {
                    setBusy(true);
                    const reply = await onConfirm();
                    setBusy(false);
                    if (reply.ok) close();
                    else setError(reply.error.message);
                  }}
                >
                  Delete profile
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
