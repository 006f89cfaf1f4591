import { useEffect, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { SUPPLIER_NAMES, type Profile } from '../../../shared/domain';
import type { Envelope } from '../../../shared/envelope';
import type { DeletionBlocker } from '../../../shared/profile-deletion';
import { desk } from '../../desk';

interface DeleteProfileDialogProps {
  profile: Profile;
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  onConfirm(): Promise<Envelope<{ secretsCleared: number; archive: string }>>;
}

/**
 * Deleting removes the profile's credentials and cache, so it asks first; it is refused while a placement is
 * unfinished or a refund owed and not recorded (listed), and the journal and audit log are archived, never erased.
 */
export function DeleteProfileDialog({ profile, isOpen, onOpenChange, onConfirm }: DeleteProfileDialogProps) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          {({ close }) => <DeleteBody profile={profile} onConfirm={onConfirm} close={close} />}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Mounted each time the dialog opens, so what it found last time never shows for another profile. */
function DeleteBody({
  profile,
  onConfirm,
  close,
}: Pick<DeleteProfileDialogProps, 'profile' | 'onConfirm'> & { close(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [blockers, setBlockers] = useState<DeletionBlocker[] | null>(null);
  useEffect(() => {
    let live = true;
    void desk()
      .profiles.deletionCheck({ id: profile.id })
      .then((reply) => {
        if (!live) return;
        if (reply.ok) setBlockers(reply.value.blockers);
        else setError(reply.error.message);
      });
    return () => {
      live = false;
    };
  }, [profile.id]);
  const blocked = blockers === null || blockers.length > 0;
  return (
    <>
      <Heading slot="title">Delete “{profile.name}”?</Heading>
      {blockers === null && !error && <p role="status">Checking for unfinished work…</p>}
      {blockers !== null && blockers.length > 0 && (
        <div role="alert">
          <p>
            <strong>It cannot be deleted yet:</strong> finish or hand over these first (nothing was deleted).
          </p>
          <ul aria-label="Unfinished work">
            {blockers.map((b) => (
              <li key={`${b.kind}:${b.supplier}:${b.reference}`}>
                {SUPPLIER_NAMES[b.supplier]} · <span className="path">{b.reference}</span> · {b.state}
              </li>
            ))}
          </ul>
        </div>
      )}
      {blockers !== null && blockers.length === 0 && (
        <p>
          Its credentials are removed from the OS keychain and its order cache is deleted. Its placement
          journal and audit log are archived in the data folder and stay readable (read-only) in Lookup.
        </p>
      )}
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
          isDisabled={busy || blocked}
          onPress={async () => {
            setBusy(true);
            const reply = await onConfirm();
            setBusy(false);
            if (reply.ok) close();
            else {
              setError(reply.error.message);
              if (Array.isArray(reply.error.details)) setBlockers(reply.error.details as DeletionBlocker[]);
            }
          }}
        >
          Delete profile
        </Button>
      </div>
    </>
  );
}
