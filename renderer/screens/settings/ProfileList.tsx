import type { Profile } from '../../../shared/domain';
import { ENVIRONMENT_LABELS } from '../../components/EnvironmentBadge';

interface ProfileListProps {
  profiles: Profile[];
  selectedId: string;
  activeId: string | null;
  onSelect(id: string): void;
}

/** The agent's profiles; the selected one is shown on the right, the active one is what the desk uses. */
export function ProfileList({ profiles, selectedId, activeId, onSelect }: ProfileListProps) {
  return (
    <ul className="profile-list" aria-label="Profiles">
      {profiles.map((profile) => (
        <li key={profile.id}>
          <button type="button" aria-pressed={profile.id === selectedId} onClick={() => onSelect(profile.id)}>
            <span className="profile-list-name">{profile.name}</span>
            <span className={`env-tag env-${profile.environment}`}>
              {ENVIRONMENT_LABELS[profile.environment]}
            </span>
            {profile.id === activeId && <span className="active-tag">Active</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
