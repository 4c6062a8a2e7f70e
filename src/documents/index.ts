// Profile documents: the door of this room. Activation gets stand-ins (lazyDocuments.ts); the
// feature itself (feature.ts) loads with the first document or document command.
export { createDocuments } from './lazyDocuments';
