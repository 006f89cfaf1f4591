import { parseLinkedMember } from '../shared/deep-link';
import { useLookupStore } from './state/lookup';
import { useMemberStore } from './state/member';
import { useShellStore } from './state/shell';

/** Opens the member view on a member id, an email, or one of their orders' references or ids. */
export function openMember(query: string): void {
  useShellStore.getState().setScreen('member');
  void useMemberStore.getState().open(query);
}

/** Opens Lookup on a reference or order id, as if typed there. */
export function openLookup(query: string): void {
  useShellStore.getState().setScreen('lookup');
  void useLookupStore.getState().search(query);
}

/**
 * What a link into the desk asks for: `#member=<id>` opens the member view (the bridge URL keeps its `token=` in
 * the same fragment). Answers whether it opened something.
 */
export function followFragment(hash: string): boolean {
  const member = new URLSearchParams(hash.replace(/^#/, '')).get('member');
  if (member === null) return false;
  const parsed = parseLinkedMember(member);
  if (!parsed.ok) {
    useShellStore.getState().refuseLink(`The link’s member view was not opened: ${parsed.reason}.`);
    return false;
  }
  openMember(parsed.link.member);
  return true;
}
