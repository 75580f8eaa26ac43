/**
 * Collections, public entry for other screens: the panel (with its Save dialog; Ctrl/⌘+S is the workbench's
 * shortcut), for the tester's sidebar.
 */
export { CollectionsPanel } from './collections-panel';
