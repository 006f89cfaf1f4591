import type { Environment } from '../../shared/domain';

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  sandbox: 'SANDBOX',
  uat: 'UAT',
  production: 'PRODUCTION',
};

/** Colour and text together: the environment must be readable without colour vision. */
export function EnvironmentBadge({ environment }: { environment: Environment }) {
  return (
    <span
      className={`env-badge env-${environment}`}
      role="status"
      aria-label={`Environment: ${ENVIRONMENT_LABELS[environment]}`}
    >
      {ENVIRONMENT_LABELS[environment]}
    </span>
  );
}
