// The platform ids a config, the catalog and the API may name: the adapter registry's list.
// Config is the one layer below the wiring that reads it; web takes it from here.
export { platforms } from '../adapters/registry.js';
