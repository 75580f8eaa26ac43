/**
 * The shape of the one renderer store: the union of its typed slices (the zustand docs' slices pattern). Each slice
 * keeps its actions beside the state they change; actions are the only place the renderer calls the main process.
 */
import type { StateCreator } from 'zustand';
import type { SessionSlice } from './session-slice';
import type { SignInSlice } from './sign-in-slice';
import type { ApiKeySlice } from './api-key-slice';
import type { TesterSlice } from './tester-slice';
import type { SettingsSlice } from './settings-slice';
import type { NoticesSlice } from './notices-slice';
import type { MaintenanceSlice } from './maintenance-slice';
import type { CollectionsSlice } from './collections-slice';
import type { PasteSlice } from './paste-slice';
import type { HistoryViewSlice } from './history-view-slice';
import type { WorkbenchSlice } from './workbench-slice';

/** The whole store. */
export type AppStore = SessionSlice &
  SignInSlice &
  ApiKeySlice &
  TesterSlice &
  WorkbenchSlice &
  SettingsSlice &
  NoticesSlice &
  MaintenanceSlice &
  CollectionsSlice &
  PasteSlice &
  HistoryViewSlice;

/** A slice creator that sees (and may call) the whole store. */
export type SliceCreator<T> = StateCreator<AppStore, [], [], T>;
