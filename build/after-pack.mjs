/**
 * electron-builder's `afterPack` hook (runs once per packed app, before signing and before the installer is made):
 * first reads the finished `app.asar` back and fails the build if anything that must stay out got in, then flips
 * and verifies the Electron fuses. Both steps throw, so a bad package never reaches an installer.
 */
import { verifyPackagedApp } from './package-contents.mjs';
import { applyFusesAfterPack } from './fuses.mjs';

/** The hook; electron-builder passes its `AfterPackContext`. */
export async function afterPack(context) {
  const files = verifyPackagedApp(context.packager.getResourcesDir(context.appOutDir));
  console.log(`  • package contents verified  files=${files.length}`);
  await applyFusesAfterPack(context);
}

export default afterPack;
