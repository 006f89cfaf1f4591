import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function queuesHandlers(s: Services): HandlersOf<'queues'> {
  return {
    'queues.summary': () => s.queues.summary(),
    'queues.list': (query) => s.queues.queue(query),
  };
}

export function membersHandlers(s: Services): HandlersOf<'members'> {
  return { 'members.view': ({ query }) => s.members.view(query) };
}

export function notesHandlers(s: Services): HandlersOf<'notes'> {
  return {
    'notes.add': (note) => s.records.addNote(note),
    'notes.list': ({ supplier, reference }) => s.records.notes(supplier, reference),
  };
}

export function auditHandlers(s: Services): HandlersOf<'audit'> {
  return {
    'audit.query': ({ filter, offset, limit }) => s.records.audit(filter, offset, limit),
    'audit.export': ({ filter }) => s.records.exportAudit(filter),
  };
}

export function viewsHandlers(s: Services): HandlersOf<'views'> {
  return {
    'views.get': () => s.records.views(),
    'views.save': (save) => s.records.saveView(save),
  };
}
