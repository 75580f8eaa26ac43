/**
 * Collections, public entry for other screens: the panel (with its Save dialog and Ctrl/⌘+S), for the tester's
 * sidebar.
 */
export { CollectionsPanel } from './collections-panel';
