import type { MembershipCheck } from '../../../shared/transfers';
import { Fact } from '../../components/Fact';

const RETRY_WORDS: Record<MembershipCheck['retry'], string> = {
  after_correction: 'Check again once the member has given the corrected details.',
  later: 'Check again once the member has sorted it out with the programme.',
  no: 'Do not retry: this will not pass by checking again.',
};

/** What the programme said about a membership: confirmed, or why not and what to ask the member. */
export function MembershipResult({ check, membershipId }: { check: MembershipCheck; membershipId: string }) {
  if (check.valid) {
    return (
      <div className="membership-result tone-ok" role="status" aria-label="Membership check">
        <p>
          <strong>Membership confirmed</strong> (status: valid): the programme knows {membershipId} under this
          name.
        </p>
      </div>
    );
  }
  return (
    <div className="membership-result tone-bad" role="alert" aria-label="Membership check">
      <p>
        <strong>
          Membership refused{check.code ? ` (${check.code})` : ''}: {check.title}
        </strong>{' '}
        — nothing was placed.
      </p>
      <dl className="facts">
        <Fact term="What it means">{check.meaning}</Fact>
        <Fact term="Ask the member">{check.askMember}</Fact>
        <Fact term="Retry?">{RETRY_WORDS[check.retry]}</Fact>
        {check.supplierMessage && <Fact term="Ascenda said">“{check.supplierMessage}”</Fact>}
      </dl>
    </div>
  );
}
