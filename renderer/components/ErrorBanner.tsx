import type { DeskError } from '../../shared/errors';

/** What went wrong on this screen, read out as it appears; nothing while all is well. */
export function ErrorBanner({ error }: { error: DeskError | null | undefined }) {
  if (!error) return null;
  return (
    <p className="banner banner-error" role="alert">
      {error.message}
    </p>
  );
}
