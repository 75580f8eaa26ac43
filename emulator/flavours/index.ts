/**
 * Every flavour by name (see `../flavour.ts`).
 */
import type { Flavour, FlavourName } from '../flavour';
import { DEEPCURRENT_FLAVOUR } from './deepcurrent';
import { MINIMAL_FLAVOUR } from './minimal';

const FLAVOURS: Record<FlavourName, Flavour> = { deepcurrent: DEEPCURRENT_FLAVOUR, minimal: MINIMAL_FLAVOUR };

/** The flavour with this name; throws for an unknown name. */
export function flavourNamed(name: string): Flavour {
  if (!Object.hasOwn(FLAVOURS, name)) throw new Error(`Unknown emulator flavour '${name}' (use ${Object.keys(FLAVOURS).join(' or ')})`);
  return FLAVOURS[name as FlavourName];
}
