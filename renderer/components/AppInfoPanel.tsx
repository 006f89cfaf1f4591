import type { AppInfo, SandboxEndpoints } from '../../shared/domain';

const TRANSPORT_LABEL: Record<AppInfo['transport'], string> = {
  electron: 'Desktop app',
  bridge: 'Browser bridge',
};

export function AppInfoPanel({ info, sandbox }: { info: AppInfo; sandbox: SandboxEndpoints | null }) {
  return (
    <section className="app-info" aria-labelledby="app-info-heading">
      <h2 id="app-info-heading">About this desk</h2>
      <dl>
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Profile</dt>
        <dd>{info.activeProfile.name}</dd>
        <dt>Connection</dt>
        <dd>{TRANSPORT_LABEL[info.transport]}</dd>
        <dt>Data folder</dt>
        <dd className="path">{info.dataDir}</dd>
        {sandbox && (
          <>
            <dt>Ascenda simulator</dt>
            <dd className="path">{sandbox.ascenda}</dd>
            <dt>GCP simulator</dt>
            <dd className="path">{sandbox.gcp}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
