import * as fs from 'node:fs';
import { ensureN8n, type N8nInstall, type N8nVersion } from './install';
import { makeUserFolder, packPackage } from './pack';

/** One n8n instance's state: an install to run and a user folder (sqlite DB, settings, the package). */
export interface N8nHome {
	install: N8nInstall;
	userFolder: string;
}

/** Installs n8n if needed, packs the package (once per source state) and makes a fresh user folder. */
export function createN8nHome(version: N8nVersion): N8nHome {
	const install = ensureN8n(version);
	const userFolder = makeUserFolder(packPackage(), `n8n-${version}`);
	return { install, userFolder };
}

/** Deletes the user folder unless E2E_KEEP=1 (then its path is printed for inspection). */
export function removeN8nHome(home: N8nHome): void {
	if (process.env.E2E_KEEP === '1') {
		process.stderr.write(`[e2e] kept n8n user folder ${home.userFolder}\n`);
		return;
	}
	fs.rmSync(home.userFolder, { recursive: true, force: true });
}
