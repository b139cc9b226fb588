// `npm start`: a real n8n with this package, a Cloudreve account wired in and the example workflows
// imported, ready to click through in a browser.
//   - Cloudreve: the embedded test server with demo data on a free port, or a real site when
//     CLOUDREVE_URL, CLOUDREVE_EMAIL and CLOUDREVE_PASSWORD (and optionally CLOUDREVE_TOTP_SECRET) are set.
//   - n8n: 2.8.4 on this Node (E2E_N8N_VERSION=2.41.1 for the Node 24 line), installed on first use
//     into the cache of test/e2e/install-n8n.sh; port N8N_PORT or 5678 when free.
// Ctrl-C stops n8n and the server and deletes the throwaway n8n user folder (E2E_KEEP=1 keeps it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO, startServer } from '../server';
import {
	cloudreveCredential,
	createN8nHome,
	freePort,
	importCredentials,
	importWorkflow,
	removeN8nHome,
	setupOwner,
	startN8n,
	type N8nHome,
	type N8nVersion,
	type RunningN8n,
	type WorkflowImport,
} from './harness';
import { REPO_ROOT } from './harness/paths';

const N8N_OWNER = { email: 'demo@n8n.local', password: 'Cloudreve-demo-2026', firstName: 'Demo', lastName: 'User' };
/** The examples reference their credential by this name; n8n resolves it on import. */
const CREDENTIAL_NAME = 'Cloudreve account';
const CREDENTIAL_ID = 'cloudreveDemoCred01';
const DEMO_FILES: Record<string, string> = {
	'/Documents/Welcome to Cloudreve.txt': 'Hello from the Cloudreve test server.\n',
	'/Documents/Quarterly report 2026.csv': 'quarter,revenue\nQ1,100\nQ2,120\n',
	'/Documents/Projects/n8n/README.md': '# n8n + Cloudreve\n',
};

function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

function readExamples(): WorkflowImport[] {
	const dir = path.join(REPO_ROOT, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.flatMap((file) => {
			const parsed = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as WorkflowImport | WorkflowImport[];
			return Array.isArray(parsed) ? parsed : [parsed];
		});
}

async function choosePort(): Promise<number> {
	const wanted = Number(process.env.N8N_PORT ?? 5678);
	const net = await import('node:net');
	const free = await new Promise<boolean>((resolve) => {
		const probe = net.createServer().once('error', () => resolve(false));
		probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
	return free ? wanted : await freePort();
}

async function main(): Promise<void> {
	const version = (process.env.E2E_N8N_VERSION ?? '2.8.4') as N8nVersion;
	const cleanups: Array<() => Promise<void> | void> = [];
	let stopping: Promise<never> | undefined;
	// npm, tsx and this process all see Ctrl-C (and npm/tsx relay it again): the first signal starts the
	// shutdown, later ones wait for it instead of exiting half-way through.
	const shutdown = (code: number): Promise<never> =>
		(stopping ??= (async () => {
			say('\nStopping…');
			for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
			process.exit(code);
		})());
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		say(`Building and packing n8n-nodes-cloudreve, preparing n8n ${version} (the first run installs it: ~5 min)…`);
		const home: N8nHome = createN8nHome(version);
		cleanups.push(() => removeN8nHome(home));

		let account: { baseUrl: string; email: string; password: string; totpSecret?: string };
		let cloudreveLabel: string;
		if (process.env.CLOUDREVE_URL && process.env.CLOUDREVE_EMAIL && process.env.CLOUDREVE_PASSWORD) {
			account = {
				baseUrl: process.env.CLOUDREVE_URL,
				email: process.env.CLOUDREVE_EMAIL,
				password: process.env.CLOUDREVE_PASSWORD,
				totpSecret: process.env.CLOUDREVE_TOTP_SECRET || undefined,
			};
			cloudreveLabel = `${account.baseUrl} as ${account.email}${account.totpSecret ? ' (with TOTP)' : ''}`;
		} else {
			const srv = await startServer({ port: Number(process.env.CLOUDREVE_PORT ?? 0) });
			cleanups.push(() => srv.close());
			for (const [file, content] of Object.entries(DEMO_FILES)) await srv.fs.put(DEMO.email, file, content);
			account = { baseUrl: srv.url, email: DEMO.email, password: DEMO.password };
			cloudreveLabel = `embedded test server ${srv.url} as ${DEMO.email} (demo data)`;
		}

		await importCredentials(home, [cloudreveCredential(CREDENTIAL_ID, CREDENTIAL_NAME, account)]);
		const examples = readExamples();
		if (examples.length > 0) await importWorkflow(home, examples);

		const n8n: RunningN8n = await startN8n(home, { port: await choosePort() });
		cleanups.push(() => n8n.stop());
		await setupOwner(n8n.url, N8N_OWNER);

		say('');
		say(`n8n ${version} is running with n8n-nodes-cloudreve (ready in ${(n8n.bootMs / 1000).toFixed(1)} s)`);
		say(`  Open      ${n8n.url}`);
		say(`  Log in    ${N8N_OWNER.email} / ${N8N_OWNER.password}`);
		say(`  Cloudreve ${cloudreveLabel}`);
		say(`  Credential "${CREDENTIAL_NAME}"`);
		for (const workflow of examples) say(`  Workflow  ${n8n.url}/workflow/${workflow.id}  (${workflow.name})`);
		say(`  n8n log   ${path.join(home.userFolder, `n8n-${n8n.port}.log`)}`);
		say('Press Ctrl-C to stop.');

		// if n8n dies on its own, say so and stop the rest
		void n8n.exited.then((code) => {
			if (stopping) return;
			say(`n8n exited unexpectedly (code ${code}); last log lines:\n${n8n.logTail(40)}`);
			void shutdown(1);
		});
	} catch (error) {
		process.stderr.write(`npm start failed: ${(error as Error).message}\n`);
		await shutdown(1);
	}
}

void main();
