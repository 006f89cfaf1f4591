import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function catalogueHandlers(s: Services): HandlersOf<'catalogue'> {
  return {
    'catalogue.search': ({ supplier, text }) => s.catalogue.search(supplier, text),
    'catalogue.shipping': () => s.catalogue.shippingOptions(),
    'catalogue.snapshot': () => s.catalogue.snapshot(),
    'catalogue.refresh': ({ supplier }) => s.catalogue.refresh(supplier ? [supplier] : undefined),
  };
}

export function programsHandlers(s: Services): HandlersOf<'programs'> {
  return {
    'programs.snapshot': () => s.programs.snapshot(),
    'programs.refresh': () => s.programs.refresh(),
    'programs.checkMembership': ({ programId, membership }) =>
      s.programs.checkMembership(programId, membership),
  };
}
