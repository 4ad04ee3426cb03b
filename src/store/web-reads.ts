// Lookups the web layer imports from here; they live with their concepts now.
export { findEventSeq } from './events.js';
export { findVendorName } from './vendors.js';
