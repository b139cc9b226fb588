import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { E2E_TMP, REPO_ROOT, USER_FOLDERS } from './paths';

const PACKAGE_NAME = 'n8n-nodes-cloudreve';

/** The inputs of `npm run build` + `npm pack`; the pack is rebuilt only when one of them changes. */
function sourceFiles(): string[] {
	const files: string[] = [];
	const walk = (dir: string): void => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else files.push(full);
		}
	};
	walk(path.join(REPO_ROOT, 'nodes'));
	walk(path.join(REPO_ROOT, 'credentials'));
	for (const file of ['package.json', 'tsconfig.json', 'gulpfile.js', 'README.md', 'LICENSE']) {
		const full = path.join(REPO_ROOT, file);
		if (fs.existsSync(full)) files.push(full);
	}
	return files.sort();
}

function sourceHash(): string {
	const hash = createHash('sha256');
	for (const file of sourceFiles()) {
		hash.update(path.relative(REPO_ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}

let packed: string | undefined;

/**
 * Builds the package (npm run build) and packs it (npm pack) once per source state; returns the
 * tarball path. The tarball is what users install, so the e2e tests run exactly what ships.
 */
export function packPackage(): string {
	if (packed && fs.existsSync(packed)) return packed;
	const dir = path.join(E2E_TMP, 'pack', sourceHash());
	const existing = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith('.tgz')) : undefined;
	if (existing) return (packed = path.join(dir, existing));

	fs.mkdirSync(dir, { recursive: true });
	const run = (args: string[]): string =>
		execFileSync('npm', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	try {
		run(['run', 'build']);
		const out = run(['pack', '--json', '--pack-destination', dir]);
		const [info] = JSON.parse(out) as Array<{ filename: string }>;
		packed = path.join(dir, info.filename);
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string; message: string };
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`build/pack failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
	}
	return packed;
}

/** Folders above `dir` that hold a node_modules/n8n-workflow the package would pick up instead of n8n's. */
function foreignN8nWorkflow(dir: string): string | undefined {
	for (let current = path.dirname(dir); ; current = path.dirname(current)) {
		const candidate = path.join(current, 'node_modules', 'n8n-workflow');
		if (fs.existsSync(candidate)) return candidate;
		if (path.dirname(current) === current) return undefined;
	}
}

/**
 * A fresh n8n user folder (outside the repository, see USER_FOLDERS) with the tarball extracted where
 * n8n looks for community packages (`.n8n/nodes/node_modules/<name>`, node types `n8n-nodes-cloudreve.*`).
 * Nothing is installed there: n8n-workflow must resolve to n8n's own copy, as in a user's instance.
 */
export function makeUserFolder(tarball: string, label = 'n8n'): string {
	fs.mkdirSync(USER_FOLDERS, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(USER_FOLDERS, `${label}-`));
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const manifest = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')) as { name: string };
	if (manifest.name !== PACKAGE_NAME) throw new Error(`tarball holds ${manifest.name}, expected ${PACKAGE_NAME}`);
	const foreign = foreignN8nWorkflow(target);
	if (foreign) {
		throw new Error(
			`${foreign} would shadow n8n's own n8n-workflow for the installed package (instanceof checks fail); ` +
				'set E2E_USER_FOLDERS to a folder without node_modules above it',
		);
	}
	return userFolder;
}
